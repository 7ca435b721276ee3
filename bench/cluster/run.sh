#!/usr/bin/env bash
# Cluster benchmarks with real `dcnet master`/`dcnet agent` processes and the in-process Mesos
# emulator (see README.md): DNS propagation time for clusters of NODES (default 3,10,20) and
# memory per node at TASKS tasks (default 10000, 3 nodes). The node processes run
# dcnet-daemon/target/dcnet.jar (copied first, so a rebuild during the run changes nothing).
#
# Usage: bench/cluster/run.sh propagation|memory [--key value]...   (options: README.md)
# Raw output: bench/out/cluster-*.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
export JAVA_HOME="$("$root/bin/find-jdk")"
work="$(mktemp -d /tmp/dcnet-cluster-bench.XXXXXX)"
trap 'rm -rf "$work"' EXIT
if [ "${DCNET_SKIP_BUILD:-}" != 1 ]; then
  (cd "$root/bench/cluster" && "$root/mvnw" -B -q -o package) >&2
fi
cp "${DCNET_JAR:-$root/dcnet-daemon/target/dcnet.jar}" "$work/dcnet.jar"
"$JAVA_HOME/bin/java" -jar "$root/bench/cluster/target/dcnet-cluster-bench.jar" "$@" \
  --node-jar "$work/dcnet.jar" --out "$root/bench/out"
