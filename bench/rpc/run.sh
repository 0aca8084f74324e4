#!/usr/bin/env bash
# gRPC wire-layer benchmark: h2load sends the same unary gRPC request (Bench.Echo, text "hello") to
#   bare      a bare Kestrel HTTP/2 endpoint answering the same pre-framed bytes and trailer: the ceiling
#             of any gRPC server on Kestrel (bench/DistributedCloud.Rpc.Bench bare)
#   official  the official .NET stack: Grpc.AspNetCore, service derived from the generated base class
#             (bench/DistributedCloud.Rpc.Bench official)
#   old       the project's former own gRPC layer (src/DistributedCloud.Rpc), built from a checkout of
#             its last commit given in OLD_LAYER_DIR (e.g. a worktree of 54668f7); skipped when unset
#   grpc-js   @grpc/grpc-js (Node) with the same handler
#   grpcio    Debian's python3-grpcio with the same handler
# one after the other, in interleaved rounds, and prints throughput, p50 and p99 latency and the ratios
# official/bare (target >= 0.9) and official/grpc-js (target >= 3).
# Settings (environment): DURATION (3 s measured per round), WARMUP_TIME (1 s before each measurement),
# WARMUP (3 s of load per server once, after its start), CLIENTS (4), STREAMS (16 per connection),
# ROUNDS (5; the median round of each server is reported), SERVERS ("bare official old grpc-js grpcio"),
# OLD_LAYER_DIR (unset: the old layer is not measured), AGENT (1: afterwards, with these servers stopped, run
# bench/agent/run.sh, the agent's GetSite throughput and command latency through the official client, and the old
# layer's agent when OLD_LAYER_DIR is set; 0: skip).
set -euo pipefail
source "$(dirname "$0")/../../scripts/lib/common.sh"
root=$(repo_root)
cd "$root"
ensure_dotnet
ensure_debian_packages nghttp2-client python3-grpcio python3-grpc-tools

DURATION=${DURATION:-3}
WARMUP_TIME=${WARMUP_TIME:-1}
WARMUP=${WARMUP:-3}
CLIENTS=${CLIENTS:-4}
STREAMS=${STREAMS:-16}
SERVERS=${SERVERS:-"bare official old grpc-js grpcio"}
AGENT=${AGENT:-1}
ROUNDS=${ROUNDS:-5}
path=/distributedcloud.bench.v1.Bench/Echo

if [[ " $SERVERS " == *" old "* ]]; then
  if [ -z "${OLD_LAYER_DIR:-}" ]; then
    log "OLD_LAYER_DIR is not set: the old gRPC layer is not measured (give a checkout of the commit before the move, e.g. git worktree add --detach DIR 54668f7)"
    SERVERS=$(echo " $SERVERS " | sed 's/ old / /; s/^ *//; s/ *$//')
  elif [ ! -f "$OLD_LAYER_DIR/bench/DistributedCloud.Rpc.Bench/DistributedCloud.Rpc.Bench.csproj" ] || [ ! -d "$OLD_LAYER_DIR/src/DistributedCloud.Rpc" ]; then
    echo "OLD_LAYER_DIR=$OLD_LAYER_DIR holds no old gRPC layer (src/DistributedCloud.Rpc and its bench server)" >&2
    exit 2
  fi
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

log "build the .NET bench servers (Release)"
dotnet build bench/DistributedCloud.Rpc.Bench -c Release --nologo -v quiet >/dev/null
bench_dll=bench/DistributedCloud.Rpc.Bench/bin/Release/net10.0/DistributedCloud.Rpc.Bench.dll
if [[ " $SERVERS " == *" old "* ]]; then
  old_commit=$(git -C "$OLD_LAYER_DIR" rev-parse --short HEAD 2>/dev/null || echo unknown)
  log "build the old layer's bench server (Release) at $old_commit"
  dotnet build "$OLD_LAYER_DIR/bench/DistributedCloud.Rpc.Bench" -c Release --nologo -v quiet >/dev/null
  old_dll="$OLD_LAYER_DIR/bench/DistributedCloud.Rpc.Bench/bin/Release/net10.0/DistributedCloud.Rpc.Bench.dll"
fi

log "generate grpcio stubs"
/usr/bin/python3 -m grpc_tools.protoc -Ibench/rpc --python_out="$work" --grpc_python_out="$work" bench.proto

if [[ " $SERVERS " == *" grpc-js "* ]]; then
  ensure_node
  log "install @grpc/grpc-js (npm)"
  (cd bench/rpc && npm install --no-audit --no-fund --silent >/dev/null)
fi

# The request: one uncompressed frame holding EchoRequest{text: "hello"}.
printf '\x00\x00\x00\x00\x07\x0a\x05hello' > "$work/request.bin"

# A port the OS picks, for the one server that cannot report the port it bound (the old layer's).
free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# Runs in a background subshell that exec replaces, so $! is the server's own pid (killed at exit).
# Every server listens on 127.0.0.1 only and prints "READY" (with the port it bound when given port 0).
start_server() { # name port
  case "$1" in
    bare) exec dotnet "$bench_dll" bare "$2" ;;
    official) exec dotnet "$bench_dll" official "$2" ;;
    old) exec dotnet "$old_dll" ours "$2" ;;
    grpc-js) exec node bench/rpc/grpcjs_server.js bench/rpc "$2" ;;
    grpcio) exec /usr/bin/python3 bench/rpc/grpcio_server.py "$work" "$2" ;;
  esac
}

# One real gRPC call with an independent client (grpcio): every server must answer it correctly.
check_server() { # port
  /usr/bin/python3 - "$work" "$1" <<'PY'
import sys, grpc
sys.path.insert(0, sys.argv[1])
import bench_pb2, bench_pb2_grpc
with grpc.insecure_channel("127.0.0.1:" + sys.argv[2]) as channel:
    reply = bench_pb2_grpc.BenchStub(channel).Echo(bench_pb2.EchoRequest(text="hello"), timeout=10)
    assert reply.text == "hello", reply
PY
}

h2load_run() { # port seconds warm-up-seconds logfile
  h2load -D "$2" --warm-up-time="$3" -c "$CLIENTS" -m "$STREAMS" -t 1 -d "$work/request.bin" \
    -H "content-type: application/grpc" -H "te: trailers" --log-file="$4" "http://127.0.0.1:$1$path"
}

declare -A ports pids
cleanup_servers() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done; }
trap 'cleanup_servers; rm -rf "$work"' EXIT
load_before=$(cut -d" " -f1-3 /proc/loadavg)
started=$(date -u +%Y-%m-%dT%H:%M:%SZ)
for name in $SERVERS; do
  port=0
  [ "$name" = old ] && port=$(free_port)
  start_server "$name" "$port" > "$work/$name.out" 2> "$work/$name.err" &
  pids[$name]=$!
  for _ in $(seq 1 600); do grep -q READY "$work/$name.out" 2>/dev/null && break; sleep 0.1; done
  grep -q READY "$work/$name.out" || { cat "$work/$name.err" >&2; echo "$name did not start" >&2; exit 1; }
  bound=$(awk '/READY/ { print $2; exit }' "$work/$name.out")
  ports[$name]=${bound:-$port}
  log "started $name on 127.0.0.1:${ports[$name]} (pid ${pids[$name]}); warm-up ${WARMUP}s"
  check_server "${ports[$name]}"
  h2load_run "${ports[$name]}" "$WARMUP" 1 "$work/warmup.log" > /dev/null
done

# Rounds interleave the servers so that a burst of load from elsewhere on the machine hits them all.
raw="$work/raw.tsv"
: > "$raw"
loads=()
for round in $(seq 1 "$ROUNDS"); do
  for name in $SERVERS; do
    log "round $round: $name"
    h2load_run "${ports[$name]}" "$DURATION" "$WARMUP_TIME" "$work/$name.log" > "$work/$name.h2load"
    rps=$(sed -n 's/^finished in .*, \([0-9.]*\) req\/s.*/\1/p' "$work/$name.h2load")
    # Every request must succeed: none failed or errored, no status but 2xx. (In timed runs h2load's 2xx count can
    # trail its "succeeded" count by the requests that straddle the end of the measurement; the latter is reported.)
    ok=$(sed -n 's/^requests: .* \([0-9]*\) succeeded, 0 failed, 0 errored, 0 timeout$/\1/p' "$work/$name.h2load")
    grep -q '^status codes: [0-9]* 2xx, 0 3xx, 0 4xx, 0 5xx$' "$work/$name.h2load" && [ -n "$ok" ] ||
      { cat "$work/$name.h2load" >&2; echo "$name: not every request succeeded" >&2; exit 1; }
    read -r p50 p99 < <(cut -f3 "$work/$name.log" | sort -n | awk '{ v[NR] = $1 } END { printf "%.2f %.2f\n", v[int(NR * 0.50)] / 1000, v[int(NR * 0.99)] / 1000 }')
    printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$rps" "$p50" "$p99" "$ok" >> "$raw"
  done
  loads+=("$(cut -d" " -f1 /proc/loadavg)")
done

# The median round of each server (by req/s).
results="$work/results.tsv"
: > "$results"
for name in $SERVERS; do
  awk -F'\t' -v n="$name" '$1 == n' "$raw" | sort -t$'\t' -k2,2n | awk -v r="$ROUNDS" 'NR == int((r + 1) / 2)' >> "$results"
done

echo
echo "h2load: h2load -D $DURATION --warm-up-time=$WARMUP_TIME -c $CLIENTS -m $STREAMS -t 1 -d request.bin -H 'content-type: application/grpc' -H 'te: trailers' --log-file=LOG http://127.0.0.1:PORT$path"
echo "machine: $(nproc) cores; started $started; median of $ROUNDS interleaved rounds; .NET SDK $(dotnet --version); node $(node --version 2>/dev/null || echo -)"
echo "load average (1, 5, 15 min): $load_before before; 1-min after each round: ${loads[*]}; $(cut -d" " -f1-3 /proc/loadavg) after"
[[ " $SERVERS " == *" old "* ]] && echo "old layer: $old_commit (OLD_LAYER_DIR)"
echo
echo "| server | req/s | p50 ms | p99 ms | requests |"
echo "| --- | ---: | ---: | ---: | ---: |"
awk -F'\t' '{ printf "| %s | %.0f | %s | %s | %s |\n", $1, $2, $3, $4, $5 }' "$results"
echo
echo "| ratio | value | target |"
echo "| --- | ---: | ---: |"
rate() { awk -F'\t' -v n="$1" '$1 == n { print $2 }' "$results"; }
ratio() { # numerator denominator target
  local a b
  a=$(rate "$1"); b=$(rate "$2")
  [ -n "$a" ] && [ -n "$b" ] || return 0
  awk -v a="$a" -v b="$b" -v x="$1" -v y="$2" -v t="$3" 'BEGIN {
    r = a / b; verdict = ""
    if (t != "") verdict = (r >= t ? " (met)" : " (NOT met)")
    printf "| %s / %s | %.2f | %s%s |\n", x, y, r, (t == "" ? "" : ">= " t), verdict }'
}
ratio official bare 0.9
ratio official grpc-js 3
ratio official old ""
ratio old bare ""
ratio old grpc-js ""
ratio official grpcio ""

if [ "$AGENT" != 0 ]; then
  cleanup_servers
  pids=()
  echo
  log "agent figures: bench/agent/run.sh"
  bash bench/agent/run.sh
fi
