#!/usr/bin/env python3
"""Reads dnsperf outputs and prints qps and latency with ratios against the first server."""
import re
import sys

out, names = sys.argv[1], sys.argv[2:]
res = {}
for n in names:
    text = open(f"{out}/dnsperf-{n}.txt").read()
    qps = float(re.search(r"Queries per second:\s+([\d.]+)", text).group(1))
    lat = float(re.search(r"Average Latency \(s\):\s+([\d.]+)", text).group(1))
    lost = re.search(r"Queries lost:\s+(\d+)", text).group(1)
    sent = re.search(r"Queries sent:\s+(\d+)", text).group(1)
    srv = re.search(r"server cpu ticks: (\d+) user (\d+) system per (\d+)/s over ([\d.]+) s", text)
    perf = re.search(r"dnsperf cpu seconds: ([\d.]+) user ([\d.]+) system", text)
    secs = float(srv.group(4)) if srv else float("nan")
    hz = int(srv.group(3)) if srv else 1
    srv_user = int(srv.group(1)) / hz / secs if srv else float("nan")
    srv_sys = int(srv.group(2)) / hz / secs if srv else float("nan")
    perf_cores = (float(perf.group(1)) + float(perf.group(2))) / secs if perf else float("nan")
    res[n] = (qps, lat, lost, sent, srv_user, srv_sys, perf_cores)
base = names[0]
print("| server | qps | avg latency (ms) | lost/sent | qps ratio dcnet/peer | latency ratio dcnet/peer"
      " | server CPU user+sys (cores) | dnsperf CPU (cores) |")
print("|---|---|---|---|---|---|---|---|")
for n in names:
    qps, lat, lost, sent, srv_user, srv_sys, perf_cores = res[n]
    rq = res[base][0] / qps
    rl = res[base][1] / lat if lat else float("nan")
    print(f"| {n} | {qps:,.0f} | {lat * 1000:.3f} | {lost}/{sent} | {rq:.2f} | {rl:.2f} | {srv_user:.2f}+{srv_sys:.2f} | {perf_cores:.2f} |")
