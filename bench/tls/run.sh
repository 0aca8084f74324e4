#!/usr/bin/env bash
# The cost of TLS (issue 13), in one run, one build, one machine, loopback only:
#   (1) Agent GetSite through the official client (bench/DistributedCloud.Agent.Bench: the generated client on a
#       GrpcChannel, one HTTP/2 connection, CONCURRENCY callers, CALLS measured calls after min(CALLS, 5000) warm-up
#       calls, a new client process per round) against three real agents started side by side with the same bootstrap
#       (deploy/examples/bootstrap-aio-dx-ipv6.yaml, simulated hosts, zero delay), measured in interleaved rounds:
#         mtls:  an enrolled agent, mutual TLS as a controller calls it: its agent.crt/agent.key/trust.pem were issued
#                by a CertificateAuthority (the controller's CA class; "DistributedCloud.Agent.Bench pki") for
#                dc://subcloud/bench, and the client presents dc://controller/bench of that CA, checks the agent's
#                certificate against the CA and claims controller "bench" at epoch 0 (S-5);
#         token: a standalone agent (https, its own self-signed certificate), the client trusting the CA of the agent's
#                DATA_DIR/access/dcctl.yaml and sending its admin token, operator's fencing claim (S-5a);
#         plain: an agent in development mode (--dev), plaintext on [::1], no credentials.
#       Per round and mode: calls/s, p50/p99/max, and the agent's own CPU (utime+stime from /proc/PID/stat) per 1,000
#       calls over the measured client run (warm-up included: the client's run is one process).
#       The per-caller rate limit (S-9) is raised for all three agents (Security__RateLimit__*).
#   (2) The controller's audit at SUBCLOUDS subclouds (the subcloud simulator bench/controller/Simulator, every site in
#       one process on its own 127.1.x.y address), once over mutual TLS (controller in its secure default: admin API on
#       https with its bootstrap token, subclouds enrolled with their join tokens, audited over mutual TLS; simulator
#       serve --tls) and once in development mode (controller --dev, plaintext to loopback agents), each with a fresh
#       controller and simulator: add, wait online, manage, wait in-sync, settle SETTLE s, then over WINDOW s the
#       controller's CPU (/proc/PID/stat), its audit calls (dc_controller_audit_calls_total) and sweeps
#       (dc_controller_audit_sweep_duration_seconds), and the simulator's CPU. Audit intervals AUDIT_INTERVAL (both
#       availability and sync), other Audit settings default.
# Usage: bench/tls/run.sh
# Settings (environment): CALLS (10000), CONCURRENCY (32), ROUNDS (3), SUBCLOUDS (1000), AUDIT_INTERVAL (15s),
# SETTLE (15 s), WINDOW (45 s), WAIT_TIMEOUT (300 s), PART (all | agent | audit).
# Every process is stopped and the temporary directory removed at exit.
set -euo pipefail
source "$(dirname "$0")/../../scripts/lib/common.sh"
root=$(repo_root)
cd "$root"
ensure_dotnet
ensure_debian_packages python3 curl

CALLS=${CALLS:-10000}
CONCURRENCY=${CONCURRENCY:-32}
ROUNDS=${ROUNDS:-3}
SUBCLOUDS=${SUBCLOUDS:-1000}
AUDIT_INTERVAL=${AUDIT_INTERVAL:-15s}
SETTLE=${SETTLE:-15}
WINDOW=${WINDOW:-45}
WAIT_TIMEOUT=${WAIT_TIMEOUT:-300}
PART=${PART:-all}
bootstrap=$root/deploy/examples/bootstrap-aio-dx-ipv6.yaml

work=$(mktemp -d)
pids=()
cleanup() {
  local pid
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
stop() { # pid
  kill -TERM "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}

free_port() { python3 -c 'import socket; s=socket.socket(socket.AF_INET6); s.bind(("::1",0)); print(s.getsockname()[1])'; }
free_port4() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
hz=$(getconf CLK_TCK)
wait_log() { # file pattern pid what
  for _ in $(seq 1 600); do
    grep -q "$2" "$1" 2>/dev/null && return 0
    kill -0 "$3" 2>/dev/null || { cat "$1" >&2; echo "$4 did not start" >&2; exit 1; }
    sleep 0.2
  done
  cat "$1" >&2; echo "$4 did not start within two minutes" >&2; exit 1
}

log "build the agent, the controller, the simulator and the bench client (Release)"
for project in src/DistributedCloud.Agent src/DistributedCloud.Controller bench/controller/Simulator bench/DistributedCloud.Agent.Bench; do
  dotnet build "$project" -c Release --nologo -v quiet > /dev/null
done
agent_dll=src/DistributedCloud.Agent/bin/Release/net10.0/DistributedCloud.Agent.dll
bench_dll=bench/DistributedCloud.Agent.Bench/bin/Release/net10.0/DistributedCloud.Agent.Bench.dll
ctl_dll=src/DistributedCloud.Controller/bin/Release/net10.0/DistributedCloud.Controller.dll
sim_dll=bench/controller/Simulator/bin/Release/net10.0/DistributedCloud.Controller.Simulator.dll

started=$(date -u +%Y-%m-%dT%H:%M:%SZ)
load_before=$(cut -d" " -f1-3 /proc/loadavg)
agent_rows="$work/agent-rows.tsv"
: > "$agent_rows"

# ---------------------------------------------------------------------------------------------------------------- (1)
if [ "$PART" = all ] || [ "$PART" = agent ]; then
  export Security__RateLimit__PermitsPerSecond=10000000 Security__RateLimit__Burst=10000000
  dotnet "$bench_dll" pki "$work/agent-mtls" "$work/controller-cert" bench
  declare -A port pid url auth
  for mode in mtls token plain; do
    port[$mode]=$(free_port)
    case $mode in
      plain) listen="http://[::1]:${port[$mode]}"; extra=(--dev) ;;
      *) listen="https://[::1]:${port[$mode]}"; extra=() ;;
    esac
    url[$mode]=$listen
    log "agent ($mode): $listen"
    (exec dotnet "$agent_dll" "${extra[@]}" --data-dir "$work/agent-$mode" --bootstrap "$bootstrap" --listen "$listen" \
      --host-driver simulated --action-delay 0 > "$work/agent-$mode.log" 2>&1) &
    pid[$mode]=$!
    pids+=("${pid[$mode]}")
  done
  auth[mtls]="--mtls $work/controller-cert"
  auth[token]="--config $work/agent-token/access/dcctl.yaml"
  auth[plain]=""
  for mode in mtls token plain; do wait_log "$work/agent-$mode.log" "\[5002\] Serving" "${pid[$mode]}" "the $mode agent"; done
  grep -h "\[5054\]" "$work/agent-mtls.log" | sed 's/^.*info: //' | cut -c1-160 >&2

  for round in $(seq 1 "$ROUNDS"); do
    for mode in mtls token plain; do
      t0=$(cpu_ticks "${pid[$mode]}")
      # shellcheck disable=SC2086 # auth holds the client's options, split on purpose
      line=$(dotnet "$bench_dll" "${url[$mode]}" "$CALLS" "$CONCURRENCY" 0 ${auth[$mode]} --getsite-only 2> "$work/client.err") \
        || { cat "$work/client.err" >&2; echo "$mode: the client failed" >&2; exit 1; }
      t1=$(cpu_ticks "${pid[$mode]}")
      calls=$(( CALLS + (CALLS < 5000 ? CALLS : 5000) + 2 )) # + the first GetSite and ListHosts
      cpu_ms=$(awk -v d=$((t1 - t0)) -v hz="$hz" -v n="$calls" 'BEGIN { printf "%.0f", d / hz * 1000 / n * 1000 }')
      printf '%s\t%s\t%s\t%s\n' "$mode" "$round" "$line" "$cpu_ms" >> "$agent_rows"
      log "round $round, $mode: $(cut -f4-7 <<< "$line" | tr '\t' ' ') (calls/s p50 p99 max ms); agent CPU ${cpu_ms} ms per 1,000 calls"
    done
  done
  for mode in mtls token plain; do stop "${pid[$mode]}"; done
fi

# ---------------------------------------------------------------------------------------------------------------- (2)
audit_rows="$work/audit-rows.tsv"
: > "$audit_rows"
audit_run() { # mode (tls|dev)
  local mode=$1 sim_port rpc_port http_port data scheme dev tls sim_pid ctl_pid url
  sim_port=$(free_port4); rpc_port=$(free_port4); http_port=$(free_port4)
  data="$work/controller-$mode"
  if [ "$mode" = dev ]; then
    scheme=http; dev=(--dev); tls=(); unset SIM_CONTROLLER_CONFIG SIM_TOKENS
  else
    scheme=https; dev=(); tls=(--tls "$work/tokens-$mode"); export SIM_TOKENS="$work/tokens-$mode" SIM_CONTROLLER_CONFIG="$data/access/dcctl.yaml"
  fi
  log "audit ($mode): simulator with $SUBCLOUDS sites on 127.1.x.y:$sim_port ${tls[*]:-(plaintext)}"
  (exec dotnet "$sim_dll" serve "$SUBCLOUDS" "$sim_port" --eager "${tls[@]}" > "$work/simulator-$mode.log" 2>&1) &
  sim_pid=$!
  pids+=("$sim_pid")
  wait_log "$work/simulator-$mode.log" READY "$sim_pid" "the simulator"
  url="$scheme://127.0.0.1:$rpc_port"
  log "audit ($mode): controller on $url ${dev[*]:-}"
  (Audit__AvailabilityInterval=$AUDIT_INTERVAL Audit__SyncInterval=$AUDIT_INTERVAL exec dotnet "$ctl_dll" "${dev[@]}" --data-dir "$data" \
    --bootstrap testbed/bootstrap/ctl4.yaml --listen "$url" --http-listen "http://127.0.0.1:$http_port" --host-driver simulated \
    --action-delay 0 > "$work/controller-$mode.log" 2>&1) &
  ctl_pid=$!
  pids+=("$ctl_pid")
  wait_log "$work/controller-$mode.log" "\[5002\] Serving" "$ctl_pid" "the controller"

  local add online manage insync
  dotnet "$sim_dll" add "$url" 0 "$SUBCLOUDS" "$sim_port" 16 > "$work/add-$mode.tsv"
  dotnet "$sim_dll" wait "$url" "$SUBCLOUDS" online "$WAIT_TIMEOUT" > "$work/online-$mode.tsv" || { cat "$work/online-$mode.tsv" >&2; echo "$mode: not all online" >&2; exit 1; }
  dotnet "$sim_dll" manage "$url" "$SUBCLOUDS" 16 >> "$work/add-$mode.tsv"
  dotnet "$sim_dll" wait "$url" "$SUBCLOUDS" in-sync "$WAIT_TIMEOUT" > "$work/sync-$mode.tsv" || { cat "$work/sync-$mode.tsv" >&2; echo "$mode: not all in-sync" >&2; exit 1; }
  add=$(awk -F'\t' '$1 == "add" { print $4 }' "$work/add-$mode.tsv" | cut -d/ -f1)
  online=$(cut -f3 "$work/online-$mode.tsv")
  manage=$(awk -F'\t' '$1 == "manage" { print $4 }' "$work/add-$mode.tsv" | cut -d/ -f1)
  insync=$(cut -f3 "$work/sync-$mode.tsv")
  log "audit ($mode): add $add/s, all online after ${online} s, manage $manage/s, all in-sync after ${insync} s; settle ${SETTLE} s, measure ${WINDOW} s"

  sleep "$SETTLE"
  local c0 c1 s0 s1 w0 w1
  curl -sf "http://127.0.0.1:$http_port/metrics" > "$work/m0-$mode"; c0=$(cpu_ticks "$ctl_pid"); s0=$(cpu_ticks "$sim_pid"); w0=$(date +%s.%N)
  sleep "$WINDOW"
  curl -sf "http://127.0.0.1:$http_port/metrics" > "$work/m1-$mode"; c1=$(cpu_ticks "$ctl_pid"); s1=$(cpu_ticks "$sim_pid"); w1=$(date +%s.%N)
  python3 - "$work/m0-$mode" "$work/m1-$mode" "$c0" "$c1" "$s0" "$s1" "$w0" "$w1" "$hz" "$SUBCLOUDS" "$mode" "$add" "$online" "$insync" >> "$audit_rows" <<'PY'
import sys
def read(path):
    values = {}
    for line in open(path):
        if line.startswith('#') or not line.strip():
            continue
        name, value = line.rsplit(' ', 1)
        base = name.split('{', 1)[0]
        values[base] = values.get(base, 0.0) + float(value)
    return values
m0, m1 = read(sys.argv[1]), read(sys.argv[2])
d = lambda k: m1.get(k, 0.0) - m0.get(k, 0.0)
c0, c1, s0, s1 = (int(x) for x in sys.argv[3:7])
seconds = float(sys.argv[8]) - float(sys.argv[7])
hz, n = int(sys.argv[9]), int(sys.argv[10])
ctl_cpu = (c1 - c0) / hz
sim_cpu = (s1 - s0) / hz
calls = d('dc_controller_audit_calls_total')
sweeps = d('dc_controller_audit_sweep_duration_seconds_count')
sweep_mean = d('dc_controller_audit_sweep_duration_seconds_sum') / sweeps * 1000 if sweeps else 0.0
per_call_ms = ctl_cpu / calls * 1000 if calls else 0.0
per_sweep = ctl_cpu / sweeps if sweeps else 0.0
print('\t'.join([sys.argv[11], str(n), sys.argv[12], sys.argv[13], sys.argv[14], f"{seconds:.1f}", f"{calls:.0f}", f"{calls / seconds:.1f}",
                 f"{sweeps:.0f}", f"{sweep_mean:.1f}", f"{ctl_cpu:.2f}", f"{ctl_cpu / seconds * 100:.1f}", f"{per_sweep:.3f}",
                 f"{per_call_ms:.3f}", f"{per_call_ms * n / 1000:.2f}", f"{sim_cpu:.2f}"]))
PY
  stop "$ctl_pid"; stop "$sim_pid"
}
if [ "$PART" = all ] || [ "$PART" = audit ]; then
  audit_run tls
  audit_run dev
fi

# ---------------------------------------------------------------------------------------------------------------- report
echo
echo "machine: $(nproc) cores; started $started, ended $(date -u +%Y-%m-%dT%H:%M:%SZ); .NET SDK $(dotnet --version); commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src bench || echo ' + local changes')"
echo "load average (1, 5, 15 min): $load_before before, $(cut -d" " -f1-3 /proc/loadavg) after"
if [ -s "$agent_rows" ]; then
  echo
  echo "Agent GetSite, official client, $CALLS calls, $CONCURRENCY in flight on one HTTP/2 connection, $ROUNDS interleaved rounds (round with the median calls/s; all rounds below)"
  echo
  echo "| mode | calls/s | p50 ms | p99 ms | max ms | agent CPU ms per 1,000 calls | calls/s of every round |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | --- |"
  for mode in mtls token plain; do
    label=$(case $mode in mtls) echo "mutual TLS (enrolled agent, controller certificate)" ;; token) echo "TLS + bearer token (standalone agent)" ;; plain) echo "plaintext (--dev)" ;; esac)
    awk -F'\t' -v m="$mode" '$1 == m' "$agent_rows" | sort -t$'\t' -k6,6n > "$work/sorted"
    all=$(cut -f6 "$work/sorted" | paste -sd, - | sed 's/,/, /g')
    median=$(( ($(wc -l < "$work/sorted") + 1) / 2 ))
    sed -n "${median}p" "$work/sorted" | awk -F'\t' -v l="$label" -v a="$all" '{ printf "| %s | %s | %s | %s | %s | %s | %s |\n", l, $6, $7, $8, $9, $10, a }'
  done
fi
if [ -s "$audit_rows" ]; then
  echo
  echo "Controller audit, $SUBCLOUDS subclouds (simulator), audit interval $AUDIT_INTERVAL, window of $WINDOW s after $SETTLE s of settling"
  echo
  echo "| mode | subclouds | add/s | all online after add s | all in-sync after manage s | window s | audit calls | audit calls/s | sweeps | sweep mean ms | controller CPU s | controller CPU % of one core | controller CPU s per sweep | controller CPU ms per audit call | controller CPU s per round of the fleet | simulator CPU s |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  awk -F'\t' '{ l = ($1 == "tls" ? "mutual TLS" : "plaintext (--dev)"); printf "| %s", l; for (i = 2; i <= NF; i++) printf " | %s", $i; print " |" }' "$audit_rows"
fi
