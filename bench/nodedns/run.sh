#!/usr/bin/env bash
# Node DNS benchmark: dnsperf against one `dcnet master` (single-node cluster) answering the
# internal zones (dcos.thisdcos.directory from the Mesos operator API, mesos.thisdcos.directory
# mirrored from Mesos-DNS) for TASKS running tasks of the Mesos emulator, and against Knot DNS
# and Unbound serving exactly the same records (exported from the node's REST /v1/records), in
# the same run on the same machine. The three servers are measured one after another, ROUNDS
# times; round i goes to bench/out/nodedns-<i>/dnsperf-{dcnet,knot,unbound}.txt and the medians
# are printed by bench/dns/median.py.
#
# Usage: bench/nodedns/run.sh [seconds-per-run] [dnsperf-clients] [tasks] [rounds]
# Env: DCNET_JAR (default dcnet-daemon/target/dcnet.jar; any jar holding io.dcnet.daemon.Main and its
# dependencies, e.g. bench/cluster/target/dcnet-cluster-bench.jar; copied first so a rebuild during the
# run changes nothing), DCNET_JAVA_OPTS (JVM flags of the node; default none), NODEDNS_LABEL (raw
# output in bench/out/nodedns-<label>-<i> instead of nodedns-<i>).
# Everything listens on 127.0.5.1 (emulator, Mesos-DNS), 127.0.5.2 (node), 127.0.0.1 (peers).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
secs="${1:-15}"
clients="${2:-4}"
tasks="${3:-1000}"
rounds="${4:-3}"
out="$root/bench/out"
work="$(mktemp -d /tmp/dcnet-nodedns.XXXXXX)"
mkdir -p "$out"
EMU_IP=127.0.5.1 NODE_IP=127.0.5.2 PEER_IP=127.0.0.1
EMU_PORT=15050 MDNS_PORT=15354 MDNS_HTTP=18124 NODE_PORT=15353 NODE_REST=16080 STATE_PORT=16501
KNOT_PORT=25353 UNBOUND_PORT=35353
java="$("$root/bin/find-jdk")/bin/java"

need=()
for p in dnsperf knot unbound; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need+=("$p")
done
if [ "${#need[@]}" -gt 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
systemctl stop unbound knot 2>/dev/null || true

pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

cp "${DCNET_JAR:-$root/dcnet-daemon/target/dcnet.jar}" "$work/dcnet.jar"
python3 "$root/bench/nodedns/gen_state.py" "$tasks" 50 "$work/state.json" "master@$EMU_IP:$EMU_PORT"
"$java" -cp "$work/dcnet.jar" io.dcnet.daemon.Main emulator --state "$work/state.json" --address "$EMU_IP" \
  --port "$EMU_PORT" >"$work/emu.log" 2>&1 &
pids+=($!)

cat >"$work/mesos-dns.json" <<JSON
{ "masters": ["$EMU_IP:$EMU_PORT"], "refreshSeconds": 60, "listener": "$EMU_IP",
  "port": $MDNS_PORT, "httpListener": "$EMU_IP", "httpport": $MDNS_HTTP,
  "externalon": false, "IPSources": ["netinfo", "mesos", "host"] }
JSON
"$java" -cp "$work/dcnet.jar" io.dcnet.daemon.Main mesos-dns -config "$work/mesos-dns.json" >"$work/mesos-dns.log" 2>&1 &
pids+=($!)

cat >"$work/node.json" <<JSON
{ "cluster_id": "bench-nodedns", "ip": "$NODE_IP", "masters": ["$NODE_IP:$STATE_PORT"],
  "state_port": $STATE_PORT, "state_dir": "$work/state", "mesos_url": "http://$EMU_IP:$EMU_PORT",
  "mesos_dns_axfr_url": "http://$EMU_IP:$MDNS_HTTP/v1/axfr",
  "dns": { "bind_ips": ["$NODE_IP"], "udp_port": $NODE_PORT, "tcp_port": $NODE_PORT,
           "upstream_resolvers": [] },
  "rest_bind": "$NODE_IP:$NODE_REST" }
JSON
# shellcheck disable=SC2086
"$java" ${DCNET_JAVA_OPTS:-} -cp "$work/dcnet.jar" io.dcnet.daemon.Main master --config "$work/node.json" >"$work/node.log" 2>&1 &
pids+=($!); dcnet_pid=$!

# Ready when both zones are in: every task's agentip name and the mirror's SRV records.
want_agentip="$tasks"
for i in $(seq 1 240); do
  if curl -sf "http://$NODE_IP:$NODE_REST/v1/records" >"$work/records.json" 2>/dev/null &&
    python3 - "$work/records.json" "$want_agentip" <<'PY'; then break; fi
import json, sys
r = json.load(open(sys.argv[1]))
agentip = sum(1 for x in r if ".agentip.dcos.thisdcos.directory" in x["name"])
srv = sum(1 for x in r if x["rtype"] == "SRV")
sys.exit(0 if agentip >= int(sys.argv[2]) and srv > 0 else 1)
PY
  [ "$i" = 240 ] && { echo "node not ready after 120 s"; tail -20 "$work/node.log"; exit 1; }
  sleep 0.5
done
python3 "$root/bench/nodedns/records_to_zones.py" "$work/records.json" "$work" 2>&1 | tee "$work/mix.txt"

cat >"$work/knot.conf" <<CONF
server:
    listen: $PEER_IP@$KNOT_PORT
    rundir: "$work"
    user: root:root
database:
    storage: "$work/knotdb"
log:
  - target: stderr
    any: warning
zone:
  - domain: thisdcos.directory
    file: "$work/thisdcos.zone"
    storage: "$work"
CONF
knotd -c "$work/knot.conf" >"$work/knot.log" 2>&1 &
pids+=($!); knot_pid=$!

cat >"$work/unbound.conf" <<CONF
server:
    interface: $PEER_IP@$UNBOUND_PORT
    port: $UNBOUND_PORT
    num-threads: 2
    do-daemonize: no
    username: ""
    chroot: ""
    directory: "$work"
    pidfile: "$work/unbound.pid"
    use-syslog: no
    logfile: ""
    verbosity: 0
    do-not-query-localhost: no
    access-control: 127.0.0.0/8 allow
    local-zone: "thisdcos.directory." static
    include: "$work/unbound-local-data.conf"
remote-control:
    control-enable: no
CONF
unbound -d -c "$work/unbound.conf" >"$work/unbound.log" 2>&1 &
pids+=($!); unbound_pid=$!

probe=app-00000.marathon.agentip.dcos.thisdcos.directory
for target in "$NODE_IP $NODE_PORT" "$PEER_IP $KNOT_PORT" "$PEER_IP $UNBOUND_PORT"; do
  set -- $target
  for i in $(seq 1 60); do
    [ -n "$(dig +short +time=1 +tries=1 -p "$2" @"$1" "$probe" A 2>/dev/null)" ] && break
    [ "$i" = 60 ] && { echo "no answer from $1:$2"; exit 1; }
    sleep 0.5
  done
done
# The same answer from all three, for a few names of each kind.
for q in "$probe A" "app-00001.marathon.containerip.dcos.thisdcos.directory A" \
  "app-00001.marathon.autoip.dcos.thisdcos.directory A" "_app-00000._tcp.marathon.mesos.thisdcos.directory SRV"; do
  set -- $q
  a=$(dig +short -p "$NODE_PORT" @"$NODE_IP" "$1" "$2" | sort)
  b=$(dig +short -p "$KNOT_PORT" @"$PEER_IP" "$1" "$2" | sort)
  c=$(dig +short -p "$UNBOUND_PORT" @"$PEER_IP" "$1" "$2" | sort)
  [ "$a" = "$b" ] && [ "$a" = "$c" ] || { echo "answers differ for $q: [$a] [$b] [$c]"; exit 1; }
done

cpu_ticks() { awk '{print $14, $15}' "/proc/$1/stat" 2>/dev/null || echo "0 0"; }
run() { # name ip port server-pid outdir
  dnsperf -s "$2" -p "$3" -d "$work/queries.txt" -l 5 -c "$clients" >/dev/null 2>&1 || true # warm-up
  local u0 s0 t0 u1 s1 t1
  read -r u0 s0 < <(cpu_ticks "$4"); t0=$(date +%s.%N)
  /usr/bin/time -f 'dnsperf cpu seconds: %U user %S system' \
    dnsperf -s "$2" -p "$3" -d "$work/queries.txt" -l "$secs" -c "$clients" >"$5/dnsperf-$1.txt" 2>&1
  read -r u1 s1 < <(cpu_ticks "$4"); t1=$(date +%s.%N)
  echo "server cpu ticks: $((u1 - u0)) user $((s1 - s0)) system per $(getconf CLK_TCK)/s over $(echo "$t1 - $t0" | bc) s" \
    >>"$5/dnsperf-$1.txt"
}
dirs=()
for r in $(seq 1 "$rounds"); do
  d="$out/nodedns-${NODEDNS_LABEL:+$NODEDNS_LABEL-}$r"; mkdir -p "$d"; dirs+=("$d")
  cp "$work/mix.txt" "$d/mix.txt"
  run dcnet "$NODE_IP" "$NODE_PORT" "$dcnet_pid" "$d"
  run knot "$PEER_IP" "$KNOT_PORT" "$knot_pid" "$d"
  run unbound "$PEER_IP" "$UNBOUND_PORT" "$unbound_pid" "$d"
  echo "round $r:"; python3 "$root/bench/dns/report.py" "$d" dcnet knot unbound
done
echo "medians:"
python3 "$root/bench/dns/median.py" "${dirs[@]}" | tee "$out/nodedns-${NODEDNS_LABEL:+$NODEDNS_LABEL-}median.md"
echo "raw output: ${dirs[*]}; command: bench/nodedns/run.sh $secs $clients $tasks $rounds"
