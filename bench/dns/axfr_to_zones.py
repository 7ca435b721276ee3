#!/usr/bin/env python3
"""Turns dcnet's /v1/axfr JSON into a Knot zone file, Unbound local-data lines and a dnsperf
query file, so that all three servers answer the same names with the same records."""
import json
import sys

axfr_path, work = sys.argv[1], sys.argv[2]
axfr = json.load(open(axfr_path))
domain = axfr["Domain"].rstrip(".") + "."
ttl = axfr["TTL"]
recs = axfr["Records"]
rows = []
for name, ips in sorted(recs.get("As", {}).items()):
    rows += [(name, "A", ip) for ip in ips]
for name, ips in sorted(recs.get("AAAAs", {}).items()):
    rows += [(name, "AAAA", ip) for ip in ips]
for name, targets in sorted(recs.get("SRVs", {}).items()):
    for t in targets:
        host, port = t.rsplit(":", 1)
        rows += [(name, "SRV", f"0 1 {port} {host}")]
# Names with upper case (Mesos-DNS's legacy raw DiscoveryInfo names) can never be queried.
rows = [r for r in rows if r[0] == r[0].lower()]

with open(f"{work}/mesos.zone", "w") as z:
    z.write(f"$ORIGIN {domain}\n$TTL {ttl}\n")
    z.write(f"@ SOA {axfr['Mname']} {axfr['Rname']} {axfr['Serial']} 60 600 86400 {ttl}\n")
    z.write(f"@ NS {axfr['Mname']}\n")
    for name, rtype, value in rows:
        z.write(f"{name} {ttl} IN {rtype} {value}\n")
with open(f"{work}/unbound-local-data.conf", "w") as u:
    for name, rtype, value in rows:
        u.write(f'    local-data: "{name} {ttl} IN {rtype} {value}"\n')
queries = []
seen = set()
for name, rtype, _ in rows:
    if (name, rtype) not in seen:
        seen.add((name, rtype))
        queries.append(f"{name} {rtype}")
queries.append(f"no-such-task.marathon.{domain} A")
with open(f"{work}/queries.txt", "w") as q:
    q.write("\n".join(queries) + "\n")
print(f"{len(rows)} records, {len(queries)} distinct queries", file=sys.stderr)
