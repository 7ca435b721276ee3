#!/usr/bin/env python3
"""Summarises bench/l4lb/wrk.sh output: per scenario and mode, the median requests/s of the
direct and VIP runs, their ratio (VIP / direct), the per-run ratios (run n VIP / run n direct)
and their median (the paired statistic: each ratio compares two runs taken back to back, so it
holds when the machine's speed drifts between rounds; the goal verdict uses it),
a 90 % bootstrap interval of that median (2,000 resamples, fixed seed: the same input gives the
same interval), median latency percentiles and socket errors. Usage: report.py OUT_DIR [OUT_DIR...]; with several
directories the runs of all of them are pooled (same scenario and mode)."""
import glob
import os
import random
import re
import statistics
import sys

GOALS = {"nft-local": 0.95, "nft-veth": 0.95, "userspace": 0.5}
NAME = re.compile(r"^(?P<sc>.+)-(?P<mode>keepalive|close)-(?P<target>direct|vip)-(?P<n>\d+)\.txt$")


def to_ms(text):
    m = re.match(r"([\d.]+)(us|ms|s)$", text)
    if not m:
        return float("nan")
    v = float(m.group(1))
    return {"us": v / 1000, "ms": v, "s": v * 1000}[m.group(2)]


def parse(path):
    out = {"rps": None, "p50": float("nan"), "p99": float("nan"), "errors": 0, "non2xx": 0}
    with open(path) as f:
        for line in f:
            s = line.strip()
            if s.startswith("Requests/sec:"):
                out["rps"] = float(s.split()[1])
            elif re.match(r"^50%\s", s):
                out["p50"] = to_ms(s.split()[1])
            elif re.match(r"^99%\s", s):
                out["p99"] = to_ms(s.split()[1])
            elif s.startswith("Socket errors:"):
                out["errors"] = sum(int(x) for x in re.findall(r"\d+", s))
            elif s.startswith("Non-2xx"):
                out["non2xx"] = int(s.split()[-1])
    return out


def median_interval(values, resamples=2000, seed=1):
    """90 % percentile-bootstrap interval of the median of values."""
    rng = random.Random(seed)
    meds = sorted(statistics.median(rng.choices(values, k=len(values))) for _ in range(resamples))
    return meds[int(0.05 * resamples)], meds[int(0.95 * resamples) - 1]


def main(dirs):
    runs = {}
    paths = [(i, p) for i, d in enumerate(dirs) for p in sorted(glob.glob(os.path.join(d, "*.txt")))]
    for i, path in paths:
        m = NAME.match(os.path.basename(path))
        if not m:
            continue
        r = parse(path)
        if r["rps"] is None:
            print(f"warning: no Requests/sec in {path}", file=sys.stderr)
            continue
        key = (m.group("sc"), m.group("mode"))
        runs.setdefault(key, {}).setdefault(m.group("target"), {})[(i, int(m.group("n")))] = r
    print("| scenario | mode | direct req/s (median) | VIP req/s (median) | ratio of medians |"
          " median per-run ratio | 90 % interval | runs | goal |"
          " per-run ratios | latency p50 / p99 direct (ms) | latency p50 / p99 VIP (ms) |"
          " socket errors direct / VIP | all runs direct | all runs VIP |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for (sc, mode), t in sorted(runs.items()):
        direct, vip = t.get("direct", {}), t.get("vip", {})
        if not direct or not vip:
            continue
        md = statistics.median(r["rps"] for r in direct.values())
        mv = statistics.median(r["rps"] for r in vip.values())
        ratio = mv / md
        ratios = [vip[n]["rps"] / direct[n]["rps"] for n in sorted(direct) if n in vip]
        paired = statistics.median(ratios)
        low, high = median_interval(ratios)
        goal = GOALS.get(sc)
        goal_text = f">= {goal}: {'met' if paired >= goal else 'NOT met'}" if goal else ""
        per = ", ".join(f"{r:.3f}" for r in ratios)

        def lat(rs):
            return (f"{statistics.median(r['p50'] for r in rs.values()):.2f} / "
                    f"{statistics.median(r['p99'] for r in rs.values()):.2f}")

        def errs(rs):
            return sum(r["errors"] + r["non2xx"] for r in rs.values())

        def all_runs(rs):
            return ", ".join(f"{rs[n]['rps']:,.0f}" for n in sorted(rs))

        print(f"| {sc} | {mode} | {md:,.0f} | {mv:,.0f} | {ratio:.3f} | {paired:.3f} | {low:.3f}-{high:.3f} | {len(ratios)} | {goal_text} | {per} |"
              f" {lat(direct)} | {lat(vip)} | {errs(direct)} / {errs(vip)} | {all_runs(direct)} |"
              f" {all_runs(vip)} |")


if __name__ == "__main__":
    main(sys.argv[1:])
