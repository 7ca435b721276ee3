#!/usr/bin/env python3
"""Medians over several bench/dns/run.sh results: each argument is a directory holding one run's
dnsperf-{dcnet,knot,unbound}.txt (run.sh writes them to bench/out/; copy each run aside)."""
import re
import statistics
import sys

names = ["dcnet", "knot", "unbound"]
rows = {n: [] for n in names}
for d in sys.argv[1:]:
    for n in names:
        t = open(f"{d}/dnsperf-{n}.txt").read()
        qps = float(re.search(r"Queries per second:\s+([\d.]+)", t).group(1))
        lat = float(re.search(r"Average Latency \(s\):\s+([\d.]+)", t).group(1)) * 1000
        s = re.search(r"server cpu ticks: (\d+) user (\d+) system per (\d+)/s over ([\d.]+) s", t)
        p = re.search(r"dnsperf cpu seconds: ([\d.]+) user ([\d.]+) system", t)
        secs, hz = float(s.group(4)), int(s.group(3))
        rows[n].append((qps, lat, int(s.group(1)) / hz / secs, int(s.group(2)) / hz / secs,
                        (float(p.group(1)) + float(p.group(2))) / secs))
med = {n: [statistics.median(c) for c in zip(*rows[n])] for n in names}
print(f"runs: {len(sys.argv) - 1}")
print("| server | median qps | median avg latency (ms) | qps ratio dcnet/peer | server CPU user / sys (cores)"
      " | dnsperf CPU (cores) | user CPU per query (us) | all runs qps |")
print("|---|---|---|---|---|---|---|---|")
for n in names:
    qps, lat, usr, sys_, perf = med[n]
    runs = ", ".join(f"{r[0]:,.0f}" for r in rows[n])
    print(f"| {n} | {qps:,.0f} | {lat:.3f} | {med['dcnet'][0] / qps:.2f} | {usr:.2f} / {sys_:.2f} | {perf:.2f}"
          f" | {usr / qps * 1e6:.2f} | {runs} |")
