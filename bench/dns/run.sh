#!/usr/bin/env bash
# Whole-system DNS benchmark: dnsperf against `dcnet mesos-dns` serving the upstream fixture
# (shared/fixtures/mesos-dns/fake.json, through the Mesos emulator), and against Knot DNS and
# Unbound serving exactly the same records (exported from dcnet's /v1/axfr), in the same run on
# the same machine. Prints a markdown table with ratios; raw dnsperf output goes to bench/out/.
#
# Usage: bench/dns/run.sh [seconds-per-run] [dnsperf-clients]
# Everything listens on 127.0.0.1 only. Needs root for apt-get if packages are missing.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
secs="${1:-20}"
clients="${2:-4}"
out="$root/bench/out"
work="$(mktemp -d /tmp/dcnet-bench.XXXXXX)"
mkdir -p "$out"
fixture="${FIXTURE:-$root/../shared/fixtures/mesos-dns/fake.json}"
EMU_PORT=15050 DCNET_PORT=15353 HTTP_PORT=18123 KNOT_PORT=25353 UNBOUND_PORT=35353

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

"$root/dcnet" version >/dev/null   # builds on first use
"$root/dcnet" emulator --state "$fixture" --address 127.0.0.1 --port "$EMU_PORT" >"$work/emu.log" 2>&1 &
pids+=($!)

cat >"$work/config.json" <<JSON
{ "masters": ["127.0.0.1:$EMU_PORT"], "refreshSeconds": 60, "listener": "127.0.0.1",
  "port": $DCNET_PORT, "httpListener": "127.0.0.1", "httpport": $HTTP_PORT,
  "externalon": false, "IPSources": ["netinfo", "mesos", "host"] }
JSON
"$root/dcnet" mesos-dns -config "$work/config.json" >"$work/dcnet.log" 2>&1 &
pids+=($!); dcnet_pid=$!
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$HTTP_PORT/v1/version" >/dev/null && break
  sleep 0.5
done
curl -sf "http://127.0.0.1:$HTTP_PORT/v1/axfr" >"$work/axfr.json"

python3 "$root/bench/dns/axfr_to_zones.py" "$work/axfr.json" "$work"

cat >"$work/knot.conf" <<CONF
server:
    listen: 127.0.0.1@$KNOT_PORT
    rundir: "$work"
    user: root:root
database:
    storage: "$work/knotdb"
log:
  - target: stderr
    any: warning
zone:
  - domain: mesos
    file: "$work/mesos.zone"
    storage: "$work"
CONF
knotd -c "$work/knot.conf" >"$work/knot.log" 2>&1 &
pids+=($!); knot_pid=$!

cat >"$work/unbound.conf" <<CONF
server:
    interface: 127.0.0.1@$UNBOUND_PORT
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
    local-zone: "mesos." static
    include: "$work/unbound-local-data.conf"
remote-control:
    control-enable: no
CONF
unbound -d -c "$work/unbound.conf" >"$work/unbound.log" 2>&1 &
pids+=($!); unbound_pid=$!

for port in $DCNET_PORT $KNOT_PORT $UNBOUND_PORT; do
  for _ in $(seq 1 60); do
    dig +short +time=1 +tries=1 -p "$port" @127.0.0.1 leader.mesos A >/dev/null 2>&1 && break
    sleep 0.5
  done
done

cpu_ticks() { # pid: "user system" clock ticks of the whole process (all threads), "0 0" if gone
  awk '{print $14, $15}' "/proc/$1/stat" 2>/dev/null || echo "0 0"
}
run() { # name port server-pid
  dnsperf -s 127.0.0.1 -p "$2" -d "$work/queries.txt" -l 5 -c "$clients" >/dev/null 2>&1 || true # warm-up
  local u0 s0 t0
  read -r u0 s0 < <(cpu_ticks "$3"); t0=$(date +%s.%N)
  # GNU time reports dnsperf's own CPU seconds; the server's comes from /proc around the run.
  /usr/bin/time -f 'dnsperf cpu seconds: %U user %S system' \
    dnsperf -s 127.0.0.1 -p "$2" -d "$work/queries.txt" -l "$secs" -c "$clients" >"$out/dnsperf-$1.txt" 2>&1
  local u1 s1 t1
  read -r u1 s1 < <(cpu_ticks "$3"); t1=$(date +%s.%N)
  echo "server cpu ticks: $((u1 - u0)) user $((s1 - s0)) system per $(getconf CLK_TCK)/s over $(echo "$t1 - $t0" | bc) s" \
    >>"$out/dnsperf-$1.txt"
}
run dcnet "$DCNET_PORT" "$dcnet_pid"
run knot "$KNOT_PORT" "$knot_pid"
run unbound "$UNBOUND_PORT" "$unbound_pid"

python3 "$root/bench/dns/report.py" "$out" dcnet knot unbound
echo "raw output: $out/dnsperf-*.txt; command: bench/dns/run.sh $secs $clients"
