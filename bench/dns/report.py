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
    res[n] = (qps, lat, lost, sent)
base = names[0]
print("| server | qps | avg latency (ms) | lost/sent | qps ratio dcnet/peer | latency ratio dcnet/peer |")
print("|---|---|---|---|---|---|")
for n in names:
    qps, lat, lost, sent = res[n]
    rq = res[base][0] / qps
    rl = res[base][1] / lat if lat else float("nan")
    print(f"| {n} | {qps:,.0f} | {lat * 1000:.3f} | {lost}/{sent} | {rq:.2f} | {rl:.2f} |")
