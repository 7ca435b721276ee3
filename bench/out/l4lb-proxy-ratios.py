"""Per-run VIP/direct ratios of bench/l4lb/wrk.sh output dirs (userspace scenario).
Usage: python3 bench/out/l4lb-proxy-ratios.py DIR..."""
import os, re, statistics, sys

def rps(f):
    for line in open(f):
        m = re.match(r'Requests/sec:\s+([\d.]+)', line.strip())
        if m:
            return float(m.group(1))

for d in sys.argv[1:]:
    for mode in ['close', 'keepalive']:
        rs, ds, vs = [], [], []
        for n in range(1, 10):
            fd, fv = f'{d}/userspace-{mode}-direct-{n}.txt', f'{d}/userspace-{mode}-vip-{n}.txt'
            if os.path.exists(fd) and os.path.exists(fv) and rps(fd) and rps(fv):
                ds.append(rps(fd)); vs.append(rps(fv)); rs.append(vs[-1] / ds[-1])
        if rs:
            print(f"{os.path.basename(d.rstrip('/')):22} {mode:9} per-run {', '.join(f'{r:.3f}' for r in rs):36}"
                  f" median-of-ratios {statistics.median(rs):.3f}  ratio-of-medians"
                  f" {statistics.median(vs) / statistics.median(ds):.3f}  direct {statistics.median(ds):,.0f}"
                  f" vip {statistics.median(vs):,.0f}")
