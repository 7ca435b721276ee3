# Shared helpers of bench/l4lb/*.sh (sourced, not run). Everything created here (namespaces
# dcnet-t-l4b-*, nginx, L4Bench processes) is recorded and removed by l4b_cleanup, which the
# scripts run from an EXIT trap.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export JAVA_HOME="$("$root/bin/find-jdk")"
JAVA="$JAVA_HOME/bin/java"
BENCH_JAR="${BENCH_JAR:-$root/bench/l4lb/java/target/dcnet-l4lb-bench.jar}"
L4B_NAMESPACES=()
L4B_PIDS=()
L4B_WORK="$(mktemp -d /tmp/dcnet-l4b.XXXXXX)"
chmod 755 "$L4B_WORK"

l4b_cleanup() {
  local pid ns
  for pid in "${L4B_PIDS[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid" 2>/dev/null || true
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -KILL "$pid" 2>/dev/null || true
    fi
  done
  L4B_PIDS=()
  for ns in "${L4B_NAMESPACES[@]}"; do
    ip netns del "$ns" 2>/dev/null || true
  done
  L4B_NAMESPACES=()
  rm -rf "$L4B_WORK"
}

# Installs wrk and nginx-light when missing (apt-get; no service is started: run_nginx below runs
# nginx in the foreground with its own config inside a namespace).
l4b_packages() {
  local missing=()
  command -v wrk >/dev/null || missing+=(wrk)
  command -v nginx >/dev/null || missing+=(nginx-light)
  command -v nft >/dev/null || missing+=(nftables)
  if [ "${#missing[@]}" -gt 0 ]; then
    echo "installing ${missing[*]}" >&2
    apt-get update -q >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >&2
  fi
}

l4b_build() {
  if [ "${DCNET_SKIP_BUILD:-}" != 1 ]; then
    (cd "$root/bench/l4lb/java" && "$root/mvnw" -B -q -o package) >&2
  fi
}

# l4b_netns NAME: a fresh namespace with lo up, deleted by l4b_cleanup.
l4b_netns() {
  ip netns add "$1"
  L4B_NAMESPACES+=("$1")
  ip -n "$1" link set lo up
}

# l4b_nginx NS ADDR:PORT NAME: nginx (1 KiB static page) in NS, on the CPUs NGINX_CPU (taskset
# list) when set; sets NGINX_PID.
l4b_nginx() {
  local ns="$1" listen="$2" name="$3" dir="$L4B_WORK/nginx-$3"
  mkdir -p "$dir/html" "$dir/tmp"
  head -c 1024 /dev/zero | tr '\0' 'x' > "$dir/html/index.html"
  chmod -R 755 "$dir"
  cat > "$dir/nginx.conf" <<CONF
worker_processes ${NGINX_WORKERS:-1};
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 10000000;
  keepalive_timeout 120s;
  client_body_temp_path $dir/tmp/body;
  proxy_temp_path $dir/tmp/proxy;
  fastcgi_temp_path $dir/tmp/fastcgi;
  uwsgi_temp_path $dir/tmp/uwsgi;
  scgi_temp_path $dir/tmp/scgi;
  open_file_cache max=16;
  server {
    listen $listen backlog=4096;
    root $dir/html;
  }
}
CONF
  local pin=()
  if [ -n "${NGINX_CPU:-}" ]; then pin=(taskset -c "$NGINX_CPU"); fi
  ip netns exec "$ns" "${pin[@]}" nginx -e "$dir/error.log" -p "$dir" -c "$dir/nginx.conf" -g 'daemon off;' 7>&- &
  NGINX_PID=$!
  L4B_PIDS+=("$NGINX_PID")
  l4b_wait_http "$ns" "http://$listen/"
}

# l4b_wait_http NS URL: until URL answers (at most 10 s).
l4b_wait_http() {
  for _ in $(seq 1 100); do
    if ip netns exec "$1" curl -sf -o /dev/null --max-time 1 "$2"; then return 0; fi
    sleep 0.1
  done
  echo "no answer from $2 in namespace $1" >&2
  return 1
}

# l4b_serve NAME [L4Bench serve options...]: starts `L4Bench serve` with its standard input on a
# fifo held open by fd 7 (closing it ends the server); PREFIX (array) runs before java, e.g.
# (ip netns exec NS). Waits for READY (at most 120 s). Sets SERVE_PID.
l4b_serve() {
  local name="$1"; shift
  local fifo="$L4B_WORK/$name.stdin" log="$L4B_WORK/$name.log"
  mkfifo "$fifo"
  "${PREFIX[@]}" "$JAVA" -jar "$BENCH_JAR" serve "$@" < "$fifo" > "$log" 2>&1 &
  SERVE_PID=$!
  L4B_PIDS+=("$SERVE_PID")
  exec 7> "$fifo"
  for _ in $(seq 1 1200); do
    if grep -q '^READY' "$log"; then grep '^READY' "$log" >&2; return 0; fi
    if ! kill -0 "$SERVE_PID" 2>/dev/null; then break; fi
    sleep 0.1
  done
  cat "$log" >&2
  echo "L4Bench serve $name did not become ready" >&2
  return 1
}

# l4b_serve_stop: closes the server's standard input and waits for it (at most 30 s).
l4b_serve_stop() {
  exec 7>&-
  for _ in $(seq 1 300); do kill -0 "$SERVE_PID" 2>/dev/null || return 0; sleep 0.1; done
  kill -TERM "$SERVE_PID" 2>/dev/null || true
}

l4b_machine() {
  echo "date: $(date -u +%FT%TZ)"
  echo "nproc: $(nproc); model: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs)"
  echo "kernel: $(uname -r); $(nft --version); $(wrk -v 2>&1 | head -1); $(nginx -v 2>&1)"
  echo "java: $("$JAVA" -version 2>&1 | head -1)"
  echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
  if [ -e /work/notes/BENCH-L4-GO ]; then echo "quiet-machine flag: present"; else echo "quiet-machine flag: absent (machine shared)"; fi
}
