#!/usr/bin/env bash
# HTTP throughput through a VIP vs straight to the backend, in the same run, for both data planes
# (see README.md). For each scenario: nginx (1 KiB page) as the backend, the VIP installed by
# `L4Bench serve`, a 2 s wrk warm-up to each target, then RUNS x (direct, VIP) interleaved, same
# wrk options. Raw wrk output in OUT/<scenario>-<target>-<n>.txt; summary by report.py.
#
# Usage: bench/l4lb/wrk.sh [OUT_DIR]     (default bench/out/l4lb-wrk)
# Env: DURATION (10) RUNS (3) THREADS (2) CONNS (64) NGINX_WORKERS (1)
#      SCENARIOS ("nft-local nft-veth userspace") EXTRA_SERVICES (10000, other VIPs in the nft
#      table) MODES ("keepalive close"; close = one connection per request) DCNET_SKIP_BUILD=1
#      ORDER (abba: run n odd measures direct then VIP, even VIP then direct, so a steady drift of
#      the machine's speed does not favour one target; ab: direct first in every run, as before)
#      WRK_CPU / NGINX_CPU (a CPU list for taskset, e.g. 0 and 1; unset: not pinned)
set -euo pipefail
source "$(dirname "$0")/common.sh"
trap l4b_cleanup EXIT
out="${1:-$root/bench/out/l4lb-wrk}"
mkdir -p "$out"
DURATION="${DURATION:-10}"; RUNS="${RUNS:-3}"; THREADS="${THREADS:-2}"; CONNS="${CONNS:-64}"
SCENARIOS="${SCENARIOS:-nft-local nft-veth userspace}"; EXTRA_SERVICES="${EXTRA_SERVICES:-10000}"
MODES="${MODES:-keepalive close}"; ORDER="${ORDER:-abba}"
case "$ORDER" in abba|ab) ;; *) echo "ORDER: $ORDER (expected: abba or ab)" >&2; exit 2 ;; esac
WRK=(wrk)
if [ -n "${WRK_CPU:-}" ]; then WRK=(taskset -c "$WRK_CPU" wrk); fi
l4b_packages
l4b_build
tag="l4b$$"

# wrk_pair SCENARIO NS DIRECT_URL VIP_URL
wrk_pair() {
  local sc="$1" ns="$2" direct="$3" vip="$4" mode n target url hdr targets
  for mode in $MODES; do
    hdr=()
    if [ "$mode" = close ]; then hdr=(-H 'Connection: close'); fi
    for url in "$direct" "$vip"; do
      ip netns exec "$ns" "${WRK[@]}" -t"$THREADS" -c"$CONNS" -d2s "${hdr[@]}" "$url" > /dev/null
    done
    for n in $(seq 1 "$RUNS"); do
      targets="direct vip"
      if [ "$ORDER" = abba ] && [ $((n % 2)) = 0 ]; then targets="vip direct"; fi
      for target in $targets; do
        if [ "$target" = direct ]; then url="$direct"; else url="$vip"; fi
        local f="$out/$sc-$mode-$target-$n.txt"
        {
          echo "# scenario=$sc mode=$mode target=$target run=$n url=$url"
          echo "# cmd: ip netns exec <ns> ${WRK[*]} -t$THREADS -c$CONNS -d${DURATION}s --latency ${hdr[*]} $url"
          echo "# load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
          ip netns exec "$ns" "${WRK[@]}" -t"$THREADS" -c"$CONNS" -d"$DURATION"s --latency "${hdr[@]}" "$url"
        } > "$f" 2>&1
        grep -h 'Requests/sec' "$f" | sed "s|^|$sc $mode $target $n: |" >&2
      done
    done
  done
}

# same namespace: client, VIP (local route) and nginx on one "node"
nft_local() {
  local ns="dcnet-t-$tag-loc"
  l4b_netns "$ns"
  ip -n "$ns" addr add 10.201.0.1/32 dev lo
  ip -n "$ns" route add local 11.0.0.0/8 dev lo
  ip netns exec "$ns" sysctl -q -w net.ipv4.ip_local_port_range="1024 65000" net.ipv4.tcp_tw_reuse=1
  l4b_nginx "$ns" 10.201.0.1:8081 local
  PREFIX=()
  l4b_serve nft-local --plane nft --netns "$ns" --vip 11.0.0.1:80 --backend 10.201.0.1:8081 \
    --extra-services "$EXTRA_SERVICES"
  wrk_pair nft-local "$ns" http://10.201.0.1:8081/ http://11.0.0.1:80/
  l4b_serve_stop
  kill -TERM "$NGINX_PID"; wait "$NGINX_PID" 2>/dev/null || true
}

# client namespace and server namespace joined by a veth pair; VIP in the client namespace
nft_veth() {
  local c="dcnet-t-$tag-cli" s="dcnet-t-$tag-srv"
  l4b_netns "$c"; l4b_netns "$s"
  ip -n "$c" link add vc type veth peer name vs netns "$s"
  ip -n "$c" addr add 10.202.0.1/24 dev vc; ip -n "$c" addr add 10.202.0.11/24 dev vc
  ip -n "$c" link set vc up
  ip -n "$s" addr add 10.202.0.2/24 dev vs; ip -n "$s" link set vs up
  # direct and VIP traffic from different client addresses: otherwise, with one connection per
  # request, a direct connection's tuple (C:p -> S:8081) can match the reply tuple of an earlier
  # VIP connection still in conntrack (C:p -> 11.0.0.1:80, NATed to S:8081) and its SYN is lost
  ip -n "$c" route add 10.202.0.2/32 dev vc src 10.202.0.11
  ip -n "$c" route add 11.0.0.0/8 dev vc src 10.202.0.1
  ip netns exec "$c" sysctl -q -w net.ipv4.ip_local_port_range="1024 65000" net.ipv4.tcp_tw_reuse=1
  l4b_nginx "$s" 10.202.0.2:8081 veth
  PREFIX=()
  l4b_serve nft-veth --plane nft --netns "$c" --vip 11.0.0.1:80 --backend 10.202.0.2:8081 \
    --extra-services "$EXTRA_SERVICES"
  wrk_pair nft-veth "$c" http://10.202.0.2:8081/ http://11.0.0.1:80/
  l4b_serve_stop
  kill -TERM "$NGINX_PID"; wait "$NGINX_PID" 2>/dev/null || true
}

# userspace proxy (in L4Bench's JVM, in the namespace) on 127.0.100.1:8080 -> nginx 127.0.0.1:8081
userspace() {
  local ns="dcnet-t-$tag-usr"
  l4b_netns "$ns"
  ip netns exec "$ns" sysctl -q -w net.ipv4.ip_local_port_range="1024 65000" net.ipv4.tcp_tw_reuse=1
  l4b_nginx "$ns" 127.0.0.1:8081 usr
  PREFIX=(ip netns exec "$ns")
  l4b_serve userspace --plane userspace --vip 127.0.100.1:8080 --backend 127.0.0.1:8081
  wrk_pair userspace "$ns" http://127.0.0.1:8081/ http://127.0.100.1:8080/
  l4b_serve_stop
  kill -TERM "$NGINX_PID"; wait "$NGINX_PID" 2>/dev/null || true
}

l4b_machine > "$out/machine.txt"
echo "wrk: -t$THREADS -c$CONNS -d${DURATION}s, $RUNS runs per target, order: $ORDER, modes: $MODES; nginx workers: ${NGINX_WORKERS:-1}; other VIPs in the nft table: $EXTRA_SERVICES; wrk CPUs: ${WRK_CPU:-any}; nginx CPUs: ${NGINX_CPU:-any}" >> "$out/machine.txt"
for sc in $SCENARIOS; do
  case "$sc" in
    nft-local) nft_local ;;
    nft-veth) nft_veth ;;
    userspace) userspace ;;
    *) echo "scenario: $sc (expected: nft-local, nft-veth, userspace)" >&2; exit 2 ;;
  esac
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/machine.txt"
python3 "$root/bench/l4lb/report.py" "$out" | tee "$out/summary.md"
