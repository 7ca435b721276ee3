#!/usr/bin/env bash
# Programming times of both data planes (see README.md): SERVICES VIPs x BACKENDS destinations
# from empty, REPEATS times (a fresh data plane each time), then CHANGES one-backend changes on the
# loaded table (L4Bench program). nftables: the table lives in a fresh namespace (nft runs through
# `ip netns exec`); plane `nft` sends updates through one `nft -i` (as the daemon does),
# `nft-spawn` spawns `nft -f` for each (as before decision 012); userspace: L4Bench's JVM runs
# inside a fresh namespace and binds SERVICES listeners on 127.10.0.0 + i, port 8080 (all of 127/8
# is local there), with `ulimit -n` raised.
#
# Usage: bench/l4lb/program.sh [OUT_DIR]      (default bench/out/l4lb-program)
# Env: SERVICES (10000) BACKENDS (5) REPEATS (5) CHANGES (200) WARMUP (20, changes before the
#      measured ones, reported apart) PLANES ("nft nft-spawn userspace")
#      DCNET_SKIP_BUILD=1
set -euo pipefail
source "$(dirname "$0")/common.sh"
trap l4b_cleanup EXIT
out="${1:-$root/bench/out/l4lb-program}"
mkdir -p "$out"
SERVICES="${SERVICES:-10000}"; BACKENDS="${BACKENDS:-5}"; REPEATS="${REPEATS:-5}"
CHANGES="${CHANGES:-200}"; WARMUP="${WARMUP:-20}"; PLANES="${PLANES:-nft nft-spawn userspace}"
l4b_packages
l4b_build
l4b_machine > "$out/machine.txt"
args=(--services "$SERVICES" --backends "$BACKENDS" --repeats "$REPEATS" --changes "$CHANGES"
  --warmup-changes "$WARMUP")
for plane in $PLANES; do
  ns="dcnet-t-l4b$$-$plane"
  l4b_netns "$ns"
  echo "== $plane: L4Bench program ${args[*]}" >&2
  case "$plane" in
    nft|nft-spawn)
      session=on; [ "$plane" = nft-spawn ] && session=off
      "$JAVA" -jar "$BENCH_JAR" program --plane nft --netns "$ns" --nft-session "$session" \
        "${args[@]}" --out "$out/$plane" ;;
    userspace)
      ( ulimit -n "$(ulimit -Hn)"
        ip netns exec "$ns" "$JAVA" -jar "$BENCH_JAR" program --plane userspace "${args[@]}" \
          --out "$out/userspace" ) ;;
    *) echo "plane: $plane (expected: nft, nft-spawn or userspace)" >&2; exit 2 ;;
  esac
  ip netns del "$ns"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/machine.txt"
