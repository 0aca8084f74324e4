#!/usr/bin/env bash
# gRPC wire-layer benchmark: h2load sends the same unary gRPC request (Bench.Echo, text "hello") to
#   ours     DistributedCloud.Rpc on Kestrel
#   bare     a bare Kestrel HTTP/2 endpoint answering the same framed bytes and trailer (the ceiling)
#   grpc-js  @grpc/grpc-js (Node) with the same handler
#   grpcio   Debian's python3-grpcio with the same handler
# one after the other, and prints throughput, p50 and p99 latency, and the ratios.
# Settings (environment): REQUESTS (100000), WARMUP (20000), CLIENTS (4), STREAMS (16 per connection),
# ROUNDS (3; the median round of each server is reported), SERVERS ("ours bare grpc-js grpcio").
set -euo pipefail
source "$(dirname "$0")/../../scripts/lib/common.sh"
root=$(repo_root)
cd "$root"
ensure_dotnet
ensure_debian_packages nghttp2-client python3-grpcio python3-grpc-tools

REQUESTS=${REQUESTS:-100000}
WARMUP=${WARMUP:-20000}
CLIENTS=${CLIENTS:-4}
STREAMS=${STREAMS:-16}
SERVERS=${SERVERS:-"ours bare grpc-js grpcio"}
ROUNDS=${ROUNDS:-3}
path=/distributedcloud.bench.v1.Bench/Echo

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

log "build the .NET bench servers (Release)"
dotnet build bench/DistributedCloud.Rpc.Bench -c Release --nologo -v quiet >/dev/null
bench_dll=$(ls bench/DistributedCloud.Rpc.Bench/bin/Release/net*/DistributedCloud.Rpc.Bench.dll | head -1)

log "generate grpcio stubs"
/usr/bin/python3 -m grpc_tools.protoc -Ibench/rpc --python_out="$work" --grpc_python_out="$work" bench.proto

if [[ " $SERVERS " == *" grpc-js "* ]]; then
  log "install @grpc/grpc-js (npm)"
  (cd bench/rpc && npm install --no-audit --no-fund --silent >/dev/null)
fi

# The request: one uncompressed frame holding EchoRequest{text: "hello"}.
printf '\x00\x00\x00\x00\x07\x0a\x05hello' > "$work/request.bin"

free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# Runs in a background subshell that exec replaces, so $! is the server's own pid (killed at exit).
start_server() { # name port
  case "$1" in
    ours) exec dotnet "$bench_dll" ours "$2" ;;
    bare) exec dotnet "$bench_dll" bare "$2" ;;
    grpc-js) exec node bench/rpc/grpcjs_server.js bench/rpc "$2" ;;
    grpcio) exec /usr/bin/python3 bench/rpc/grpcio_server.py "$work" "$2" ;;
  esac
}

# One real gRPC call with the official client: every server must answer it correctly.
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

h2load_run() { # port requests logfile
  h2load -n "$2" -c "$CLIENTS" -m "$STREAMS" -t 1 -d "$work/request.bin" \
    -H "content-type: application/grpc" -H "te: trailers" --log-file="$3" "http://127.0.0.1:$1$path"
}

declare -A ports pids
cleanup_servers() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done; }
trap 'cleanup_servers; rm -rf "$work"' EXIT
for name in $SERVERS; do
  port=$(free_port)
  log "start $name on port $port"
  start_server "$name" "$port" > "$work/$name.out" 2> "$work/$name.err" &
  pids[$name]=$!
  ports[$name]=$port
  for _ in $(seq 1 300); do grep -q READY "$work/$name.out" 2>/dev/null && break; sleep 0.1; done
  grep -q READY "$work/$name.out" || { cat "$work/$name.err" >&2; echo "$name did not start" >&2; exit 1; }
  check_server "$port"
  h2load_run "$port" "$WARMUP" "$work/warmup.log" > /dev/null
done

# Rounds interleave the servers so that a burst of load from elsewhere on the machine hits them all.
raw="$work/raw.tsv"
: > "$raw"
for round in $(seq 1 "$ROUNDS"); do
  for name in $SERVERS; do
    log "round $round: $name"
    h2load_run "${ports[$name]}" "$REQUESTS" "$work/$name.log" > "$work/$name.h2load"
    rps=$(sed -n 's/^finished in .*, \([0-9.]*\) req\/s.*/\1/p' "$work/$name.h2load")
    ok=$(sed -n 's/^status codes: \([0-9]*\) 2xx.*/\1/p' "$work/$name.h2load")
    read -r p50 p99 < <(cut -f3 "$work/$name.log" | sort -n | awk '{ v[NR] = $1 } END { printf "%.2f %.2f\n", v[int(NR * 0.50)] / 1000, v[int(NR * 0.99)] / 1000 }')
    printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$rps" "$p50" "$p99" "$ok" >> "$raw"
  done
done

# The median round of each server (by req/s).
results="$work/results.tsv"
: > "$results"
for name in $SERVERS; do
  awk -F'\t' -v n="$name" '$1 == n' "$raw" | sort -t$'\t' -k2,2n | awk -v r="$ROUNDS" 'NR == int((r + 1) / 2)' >> "$results"
done

echo
echo "h2load: h2load -n $REQUESTS -c $CLIENTS -m $STREAMS -t 1 -d request.bin -H 'content-type: application/grpc' -H 'te: trailers' --log-file=LOG http://127.0.0.1:PORT$path"
echo "machine: $(nproc) cores; $(date -u +%Y-%m-%dT%H:%MZ); median of $ROUNDS interleaved rounds"
echo
echo "| server | req/s | p50 ms | p99 ms | 2xx |"
echo "| --- | ---: | ---: | ---: | ---: |"
awk -F'\t' '{ printf "| %s | %.0f | %s | %s | %s |\n", $1, $2, $3, $4, $5 }' "$results"
ours=$(awk -F'\t' '$1 == "ours" { print $2 }' "$results")
echo
awk -F'\t' -v ours="$ours" 'ours != "" && $1 != "ours" { printf "ours / %s = %.2f\n", $1, ours / $2 }' "$results"
