#!/usr/bin/env bash
# System controller benchmark (issue 5): a real DistributedCloud.Controller (Release build, temporary data directory,
# IPv4-primary own site testbed/bootstrap/ctl4.yaml, in-memory workflow bus, default Audit/Workflows settings) and a
# subcloud simulator (bench/controller/Simulator: every site in one process, one listener on port SIM_PORT, each site
# on its own loopback address 127.1.x.y, the real site model in memory, zero-delay hosts). For each size N:
#   (1) add N AIO-SX IPv4 subclouds through the admin API (ADD_PARALLEL calls in flight), then manage them (D-3:
#       once online): rates;
#   (2) the time until all N are online after the adds, and in-sync after the manages (full audits of the fleet);
#   (3) steady state, over WINDOW seconds after SETTLE seconds: audit sweeps (count, mean and p99 bound from
#       dc_controller_audit_sweep_duration_seconds), audit calls/s against the N/interval the schedule asks for, the
#       controller's CPU (from /proc/PID/stat) and RSS (VmRSS, VmHWM from /proc/PID/status);
#   (4) for N = STRATEGY_SIZE only: a network-mode strategy to dual-stack over every subcloud at max parallel
#       MAX_PARALLEL, wall time from apply to complete.
# Secure by default, as main runs: the controller's admin API on https (the driver trusts its CA and sends the bootstrap
# administrator's token from DATA_DIR/access/dcctl.yaml), and the simulated agents on TLS (serve --tls): each subcloud is
# enrolled with the join token its add returned (the driver hands the tokens to the simulator through a file), then
# audited over mutual TLS. DEV=1 runs both in development mode instead (controller --dev, plaintext on loopback).
# Everything listens on loopback only; processes and the data directory are removed at exit.
# Usage: bench/controller/run.sh [--sizes 1000,10000]
# Settings (environment): ADD_PARALLEL (16), SETTLE (30 s), WINDOW (60 s), STRATEGY_SIZE (1000), MAX_PARALLEL (100),
# WAIT_TIMEOUT (900 s per size), STRATEGY_TIMEOUT (900 s), DEV (unset: TLS; 1: development mode, plaintext), KEEP_DIR (copy logs and scraped metrics there at exit). Controller settings pass through as usual
# (e.g. Audit__MaxConcurrency=100).
set -euo pipefail
source "$(dirname "$0")/../../scripts/lib/common.sh"
root=$(repo_root)
cd "$root"
ensure_dotnet
ensure_debian_packages python3 curl

sizes=1000,10000
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) sizes=$2; shift 2 ;;
    *) echo "usage: bench/controller/run.sh [--sizes 1000,10000]" >&2; exit 2 ;;
  esac
done
ADD_PARALLEL=${ADD_PARALLEL:-16}
SETTLE=${SETTLE:-30}
WINDOW=${WINDOW:-60}
STRATEGY_SIZE=${STRATEGY_SIZE:-1000}
MAX_PARALLEL=${MAX_PARALLEL:-100}
WAIT_TIMEOUT=${WAIT_TIMEOUT:-900}
STRATEGY_TIMEOUT=${STRATEGY_TIMEOUT:-900}
max_size=$(tr ',' '\n' <<< "$sizes" | sort -n | tail -1)

work=$(mktemp -d)
sim_pid=""
ctl_pid=""
stop() { # pid
  if [ -n "$1" ]; then kill -TERM "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; fi
}
cleanup() {
  stop "$ctl_pid"; stop "$sim_pid"
  if [ -n "${KEEP_DIR:-}" ]; then mkdir -p "$KEEP_DIR"; cp "$work"/*.log "$work"/*.tsv "$work"/m0 "$work"/m1 "$KEEP_DIR"/ 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_port() { # port pid logfile
  for _ in $(seq 1 600); do
    python3 -c "import socket,sys; s=socket.socket(); sys.exit(s.connect_ex(('127.0.0.1',$1)))" 2>/dev/null && return 0
    kill -0 "$2" 2>/dev/null || { cat "$3" >&2; echo "the process did not start" >&2; exit 1; }
    sleep 0.1
  done
  echo "port $1 did not open" >&2; exit 1
}
metric() { # name (sum over its label sets) from the scraped file
  awk -v n="$1" '$1 == n || index($1, n "{") == 1 { s += $2 } END { printf "%.6f\n", s + 0 }' "$2"
}
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
status_kb() { awk -v k="$2:" '$1 == k { print $2 }' "/proc/$1/status"; }

log "build the controller and the simulator (Release)"
dotnet build src/DistributedCloud.Controller -c Release --nologo -v quiet >/dev/null
dotnet build bench/controller/Simulator -c Release --nologo -v quiet >/dev/null
ctl_dll=src/DistributedCloud.Controller/bin/Release/net10.0/DistributedCloud.Controller.dll
sim_dll=bench/controller/Simulator/bin/Release/net10.0/DistributedCloud.Controller.Simulator.dll
hz=$(getconf CLK_TCK)

load_before=$(cut -d" " -f1-3 /proc/loadavg)
sim_port=$(free_port)
if [ "${DEV:-}" = 1 ]; then
  scheme=http; dev=(--dev); tls=(); security="development mode (--dev): plaintext admin API and agents on loopback"
else
  scheme=https; dev=(); tls=(--tls "$work/tokens"); security="TLS: admin API over https with the bootstrap token, agents enrolled and audited over mutual TLS"
  export SIM_TOKENS="$work/tokens"
fi
log "start the simulator: $max_size sites on 127.1.x.y:$sim_port (${tls[*]:-plaintext})"
(exec dotnet "$sim_dll" serve "$max_size" "$sim_port" "${tls[@]}" > "$work/simulator.log" 2>&1) &
sim_pid=$!
wait_port "$sim_port" "$sim_pid" "$work/simulator.log"

rows=()
strategy_row=""
for n in ${sizes//,/ }; do
  rpc_port=$(free_port); http_port=$(free_port)
  data="$work/controller-$n"
  log "N=$n: start the controller (data dir $data)"
  (exec dotnet "$ctl_dll" "${dev[@]}" --data-dir "$data" --bootstrap testbed/bootstrap/ctl4.yaml --listen "$scheme://127.0.0.1:$rpc_port" \
    --http-listen "http://127.0.0.1:$http_port" --host-driver simulated --action-delay 0 > "$work/controller-$n.log" 2>&1) &
  ctl_pid=$!
  wait_port "$rpc_port" "$ctl_pid" "$work/controller-$n.log"
  url="$scheme://127.0.0.1:$rpc_port"
  # The port opens before the controller's site is open (calls are UNAVAILABLE until then) and before it has written
  # its bootstrap administrator's configuration at first start: ready once it logs that it serves (event 5002).
  for _ in $(seq 1 1200); do grep -q "\[5002\] Serving" "$work/controller-$n.log" && break; sleep 0.1; done
  grep -q "\[5002\] Serving" "$work/controller-$n.log" || { cat "$work/controller-$n.log" >&2; echo "the controller is not serving after two minutes" >&2; exit 1; }
  if [ "$scheme" = https ]; then
    [ -s "$data/access/dcctl.yaml" ] || { cat "$work/controller-$n.log" >&2; echo "the controller wrote no $data/access/dcctl.yaml" >&2; exit 1; }
    export SIM_CONTROLLER_CONFIG="$data/access/dcctl.yaml"
  fi
  rss_idle=$(status_kb "$ctl_pid" VmRSS)

  log "N=$n: add, wait for the first audits, manage, wait until every subcloud is online and in-sync"
  dotnet "$sim_dll" add "$url" 0 "$n" "$sim_port" "$ADD_PARALLEL" | tee "$work/add-$n.tsv" >&2
  dotnet "$sim_dll" wait "$url" "$n" online "$WAIT_TIMEOUT" | tee "$work/online-$n.tsv" >&2
  dotnet "$sim_dll" manage "$url" "$n" "$ADD_PARALLEL" | tee -a "$work/add-$n.tsv" >&2
  dotnet "$sim_dll" wait "$url" "$n" in-sync "$WAIT_TIMEOUT" | tee "$work/wait-$n.tsv" >&2 || true

  log "N=$n: settle ${SETTLE}s, then measure ${WINDOW}s"
  sleep "$SETTLE"
  curl -sf "http://127.0.0.1:$http_port/metrics" > "$work/m0"; t0=$(cpu_ticks "$ctl_pid"); s0=$(date +%s.%N)
  sleep "$WINDOW"
  curl -sf "http://127.0.0.1:$http_port/metrics" > "$work/m1"; t1=$(cpu_ticks "$ctl_pid"); s1=$(date +%s.%N)
  read -r sweeps sweep_mean sweep_p99 calls_s cpu < <(python3 - "$work/m0" "$work/m1" "$t0" "$t1" "$s0" "$s1" "$hz" <<'PY'
import re, sys
def read(path):
    values, buckets = {}, {}
    for line in open(path):
        if line.startswith('#') or not line.strip():
            continue
        name, value = line.rsplit(' ', 1)
        base = name.split('{', 1)[0]
        values[base] = values.get(base, 0.0) + float(value)
        if base == 'dc_controller_audit_sweep_duration_seconds_bucket':
            le = re.search(r'le="([^"]+)"', name).group(1)
            buckets[le] = buckets.get(le, 0.0) + float(value)
    return values, buckets
(m0, b0), (m1, b1) = read(sys.argv[1]), read(sys.argv[2])
d = lambda k: m1.get(k, 0.0) - m0.get(k, 0.0)
seconds = float(sys.argv[6]) - float(sys.argv[5])
count = d('dc_controller_audit_sweep_duration_seconds_count')
mean = d('dc_controller_audit_sweep_duration_seconds_sum') / count if count else 0.0
# p99 as the histogram gives it: the first bucket bound holding 99 % of the window's sweeps.
p99 = 'n/a'
for le in sorted(b1, key=lambda x: float('inf') if x == '+Inf' else float(x)):
    if count and b1[le] - b0.get(le, 0.0) >= 0.99 * count:
        p99 = '<=' + (le if le == '+Inf' else f"{float(le) * 1000:g}")
        break
calls = d('dc_controller_audit_calls_total') / seconds
cpu = (int(sys.argv[4]) - int(sys.argv[3])) / int(sys.argv[7]) / seconds * 100
print(f"{count:.0f} {mean * 1000:.1f} {p99} {calls:.0f} {cpu:.0f}")
PY
)
  rss=$(status_kb "$ctl_pid" VmRSS); hwm=$(status_kb "$ctl_pid" VmHWM)
  add_rate=$(awk -F'\t' '$1 == "add" { print $4 }' "$work/add-$n.tsv" | cut -d/ -f1)
  manage_rate=$(awk -F'\t' '$1 == "manage" { print $4 }' "$work/add-$n.tsv" | cut -d/ -f1)
  first_online=$(awk -F'\t' '{ print $3 " s" }' "$work/online-$n.tsv")
  first_sync=$(awk -F'\t' '{ print $3 " s" ($4 == "all" ? "" : " (" $4 ")") }' "$work/wait-$n.tsv")
  rows+=("| $n | $add_rate | $first_online | $manage_rate | $first_sync | $sweeps | $sweep_mean | $sweep_p99 | $calls_s (need $((n / 30))) | $cpu | $((rss_idle / 1024)) | $((rss / 1024)) | $((hwm / 1024)) |")

  if [ "$n" = "$STRATEGY_SIZE" ]; then
    log "N=$n: network-mode strategy to dual-stack, max parallel $MAX_PARALLEL"
    dotnet "$sim_dll" strategy "$url" "$n" "$MAX_PARALLEL" "$STRATEGY_TIMEOUT" | tee "$work/strategy-$n.tsv" >&2 || true
    strategy_row=$(awk -F'\t' -v n="$n" -v p="$MAX_PARALLEL" '
      $1 == "strategy create" { create = $3; steps = $4 }
      $1 == "strategy apply->end" { printf "| %s | %s | %s | %s s | %s s | %s |\n", n, p, steps, create, $3, $4 }' "$work/strategy-$n.tsv")
  fi
  stop "$ctl_pid"; ctl_pid=""
  rm -rf "$data"
done

echo
echo "machine: $(nproc) cores, load average $load_before before the run, $(cut -d" " -f1-3 /proc/loadavg) after; $(date -u +%Y-%m-%dT%H:%MZ); .NET $(dotnet --version)"
echo "security: $security"
echo "controller: default Audit (interval 30 s, max concurrency 50, call timeout 5 s) and Workflows settings unless set in the environment"
echo
echo "| subclouds | add/s | all online after add | manage/s | all in-sync after manage | sweeps in ${WINDOW}s | sweep mean ms | sweep p99 ms | audit calls/s | controller CPU % | RSS idle MiB | RSS MiB | peak RSS MiB |"
echo "| ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: |"
printf '%s\n' "${rows[@]}"
if [ -n "$strategy_row" ]; then
  echo
  echo "| subclouds | max parallel | steps | create | apply -> end | outcome |"
  echo "| ---: | ---: | --- | ---: | ---: | --- |"
  echo "$strategy_row"
fi
