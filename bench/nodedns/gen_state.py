#!/usr/bin/env python3
"""Writes a Mesos v0 /master/state document with TASKS running tasks of framework `marathon` on
AGENTS agents (10.10.<i/250>.<i%250+1>), for `dcnet emulator --state`.

Half of the tasks use host ports (autoip = agent IP, one SRV per port in Mesos-DNS), the other
half a container IP on a virtual network (containerip, autoip = container IP), so the node's
`dcos.thisdcos.directory` zone gets agentip + autoip + containerip names.

Usage: gen_state.py TASKS AGENTS OUT.json [LEADER_PID]"""
import json
import sys

tasks, agents, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
leader = sys.argv[4] if len(sys.argv) > 4 else "master@127.0.0.1:5050"
fw_id = "bench-fw-0001"
slaves = []
for i in range(agents):
    ip = f"10.10.{i // 250}.{i % 250 + 1}"
    slaves.append({"id": f"bench-agent-{i:04d}", "hostname": ip, "pid": f"slave(1)@{ip}:5051",
                   "resources": {"ports": "[31000-32000]"}})
task_list = []
for t in range(tasks):
    agent = slaves[t % agents]
    name = f"app-{t:05d}"
    status = {"state": "TASK_RUNNING", "timestamp": 1700000000.0 + t}
    resources = {"cpus": 0.1, "mem": 32}
    if t % 2 == 0:
        port = 31000 + (t // agents) % 1000
        resources["ports"] = f"[{port}-{port}]"
    else:
        cip = f"9.0.{(t // 250) % 256}.{t % 250 + 2}"
        status["container_status"] = {"network_infos": [
            {"name": "dcos", "ip_addresses": [{"protocol": "IPv4", "ip_address": cip}]}]}
    task_list.append({"id": f"{name}.{t:08x}-0000-4000-8000-000000000000", "name": name,
                      "framework_id": fw_id, "slave_id": agent["id"], "state": "TASK_RUNNING",
                      "resources": resources, "statuses": [status]})
state = {
    "id": "bench-master", "hostname": "127.0.0.1", "pid": leader, "leader": leader,
    "slaves": slaves,
    "frameworks": [{"id": fw_id, "name": "marathon", "hostname": "127.0.0.1", "active": True,
                    "pid": "scheduler(1)@127.0.0.1:8080", "tasks": task_list}],
}
json.dump(state, open(out, "w"))
print(f"{tasks} tasks on {agents} agents -> {out}", file=sys.stderr)
