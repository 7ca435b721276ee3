#!/usr/bin/env bash
set -euo pipefail
source /work/main/bench/l4lb/common.sh
trap l4b_cleanup EXIT
EXTRA_SERVICES=10000
ns="dcnet-t-prof$$"
l4b_netns "$ns"
ip -n "$ns" addr add 10.201.0.1/32 dev lo
ip -n "$ns" route add local 11.0.0.0/8 dev lo
ip netns exec "$ns" sysctl -q -w net.ipv4.ip_local_port_range="1024 65000" net.ipv4.tcp_tw_reuse=1
l4b_nginx "$ns" 10.201.0.1:8081 local
PREFIX=()
l4b_serve prof --plane nft --netns "$ns" --vip 11.0.0.1:80 --backend 10.201.0.1:8081 --extra-services "$EXTRA_SERVICES"
for url in http://10.201.0.1:8081/ http://11.0.0.1:80/; do
  ip netns exec "$ns" wrk -t2 -c64 -d3s "$url" >/dev/null
done
for t in direct vip; do
  url=http://10.201.0.1:8081/; [ $t = vip ] && url=http://11.0.0.1:80/
  ip netns exec "$ns" wrk -t2 -c64 -d12s "$url" > /tmp/nx/prof-$t.txt &
  w=$!
  sleep 2
  perf record -a -g -o /tmp/nx/prof-$t.data -- sleep 8 2>/dev/null >/dev/null
  wait $w
  grep Requests /tmp/nx/prof-$t.txt
done
l4b_serve_stop
kill -TERM "$NGINX_PID"; wait "$NGINX_PID" 2>/dev/null || true
