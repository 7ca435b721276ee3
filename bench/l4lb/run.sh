#!/usr/bin/env bash
# Both L4 benchmarks (README.md): programming times (program.sh) then wrk through a VIP vs direct
# (wrk.sh). Raw output in bench/out/l4lb-program and bench/out/l4lb-wrk (or OUT_PREFIX-*).
# Usage: bench/l4lb/run.sh        env as in program.sh and wrk.sh; OUT_PREFIX (bench/out/l4lb)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
prefix="${OUT_PREFIX:-$here/../out/l4lb}"
"$here/program.sh" "$prefix-program"
DCNET_SKIP_BUILD=1 "$here/wrk.sh" "$prefix-wrk"
