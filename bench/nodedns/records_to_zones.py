#!/usr/bin/env python3
"""Turns a dcnet node's GET /v1/records (JSON array of {name, host, rtype}) into a Knot zone file
and Unbound local-data lines for `thisdcos.directory.`, and a dnsperf query file, so that the
three servers answer the same internal names with the same records (TTL 5, SRV priority 1
weight 1, as the node answers). Only names under thisdcos.directory are kept (the static
spartan/zk/localhost names are left out). Prints the query mix on stderr.

Usage: records_to_zones.py RECORDS.json WORKDIR"""
import collections
import json
import sys

records_path, work = sys.argv[1], sys.argv[2]
origin = "thisdcos.directory"
ttl = 5
rows = []
for r in json.load(open(records_path)):
    name = r["name"].rstrip(".").lower()
    if not name.endswith("." + origin):
        continue
    if r["rtype"] == "SRV":
        host, port = r["host"].rsplit(":", 1)
        rows.append((name, "SRV", f"1 1 {port} {host.rstrip('.')}."))
    elif r["rtype"] in ("A", "AAAA"):
        rows.append((name, r["rtype"], r["host"]))
rows.sort()

with open(f"{work}/thisdcos.zone", "w") as z:
    z.write(f"$ORIGIN {origin}.\n$TTL {ttl}\n")
    z.write("@ 5 SOA ns.spartan. support.mesosphere.com. 1 60 180 86400 1\n")
    z.write("@ 3600 NS ns.spartan.\n")
    for name, rtype, value in rows:
        z.write(f"{name}. {ttl} IN {rtype} {value}\n")
with open(f"{work}/unbound-local-data.conf", "w") as u:
    for name, rtype, value in rows:
        u.write(f'    local-data: "{name}. {ttl} IN {rtype} {value}"\n')

queries, seen = [], set()
mix = collections.Counter()
for name, rtype, _ in rows:
    if (name, rtype) in seen:
        continue
    seen.add((name, rtype))
    queries.append(f"{name} {rtype}")
    labels = name[: -len(origin) - 1].split(".")
    kind = labels[-2] if labels[-1] == "dcos" and len(labels) >= 2 else labels[-1]
    mix[f"{kind} {rtype}"] += 1
queries.append(f"no-such-task.marathon.agentip.dcos.{origin} A")
mix["NXDOMAIN A"] += 1
with open(f"{work}/queries.txt", "w") as q:
    q.write("\n".join(queries) + "\n")
print(f"{len(rows)} records, {len(queries)} distinct queries: "
      + ", ".join(f"{k} {v}" for k, v in sorted(mix.items())), file=sys.stderr)
