#!/usr/bin/env bash
# Subcloud agent benchmark (issue 4): a real DistributedCloud.Agent on 127.0.0.1 (Release build, temporary data
# directory, bootstrap deploy/examples/bootstrap-aio-dx-ipv6.yaml, simulated host driver, --action-delay 0), and
#   (1) GetSite calls/s and p50/p99, with h2load (framed empty GetSiteRequest + fencing headers) and with our own
#       client (bench/DistributedCloud.Agent.Bench: RpcChannel, one HTTP/2 connection, CONCURRENCY callers);
#   (2) per-command latency, one call at a time, COMMAND_CALLS calls each: ListHosts, ShowHost,
#       ListNetworkAddressPools, and AddAddressPool + DeleteAddressPool of a new pool (unique names).
# Targets: >= 5,000 GetSite/s; p99 < 10 ms per command. The agent is stopped and the data directory removed at exit.
# Settings (environment): GETSITE_CALLS (20000, h2load and our client each), WARMUP (5000), CLIENTS (4),
# STREAMS (16 per connection), CONCURRENCY (32, our client), COMMAND_CALLS (2000).
set -euo pipefail
source "$(dirname "$0")/../../scripts/lib/common.sh"
root=$(repo_root)
cd "$root"
ensure_dotnet
ensure_debian_packages nghttp2-client python3

GETSITE_CALLS=${GETSITE_CALLS:-20000}
WARMUP=${WARMUP:-5000}
CLIENTS=${CLIENTS:-4}
STREAMS=${STREAMS:-16}
CONCURRENCY=${CONCURRENCY:-32}
COMMAND_CALLS=${COMMAND_CALLS:-2000}
path=/distributedcloud.agent.v1.SubcloudAgent/GetSite

work=$(mktemp -d)
agent_pid=""
cleanup() {
  if [ -n "$agent_pid" ]; then kill -TERM "$agent_pid" 2>/dev/null || true; wait "$agent_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

log "build the agent and the bench client (Release)"
dotnet build src/DistributedCloud.Agent -c Release --nologo -v quiet >/dev/null
dotnet build bench/DistributedCloud.Agent.Bench -c Release --nologo -v quiet >/dev/null
agent_dll=src/DistributedCloud.Agent/bin/Release/net10.0/DistributedCloud.Agent.dll
bench_dll=bench/DistributedCloud.Agent.Bench/bin/Release/net10.0/DistributedCloud.Agent.Bench.dll

load_before=$(cut -d" " -f1-3 /proc/loadavg)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
log "start the agent on 127.0.0.1:$port (data dir $work/data)"
# exec in the background subshell, so $! is the agent's own pid.
(exec dotnet "$agent_dll" --data-dir "$work/data" --bootstrap deploy/examples/bootstrap-aio-dx-ipv6.yaml \
  --listen "http://127.0.0.1:$port" --host-driver simulated --action-delay 0 > "$work/agent.log" 2>&1) &
agent_pid=$!
# Ready when the port accepts connections.
for _ in $(seq 1 300); do
  python3 -c "import socket,sys; s=socket.socket(); sys.exit(s.connect_ex(('127.0.0.1',$port)))" 2>/dev/null && break
  kill -0 "$agent_pid" 2>/dev/null || { cat "$work/agent.log" >&2; echo "the agent did not start" >&2; exit 1; }
  sleep 0.1
done

# The request: one uncompressed frame holding an empty GetSiteRequest.
printf '\x00\x00\x00\x00\x00' > "$work/request.bin"
h2load_run() { # requests logfile
  h2load -n "$1" -c "$CLIENTS" -m "$STREAMS" -t 1 -d "$work/request.bin" \
    -H "content-type: application/grpc" -H "te: trailers" \
    -H "dc-controller-id: dcctl" -H "dc-leadership-epoch: 0" --log-file="$2" "http://127.0.0.1:$port$path"
}

log "h2load: GetSite (warm-up $WARMUP, then $GETSITE_CALLS)"
h2load_run "$WARMUP" "$work/warmup.log" > /dev/null
h2load_run "$GETSITE_CALLS" "$work/h2load.log" > "$work/h2load.out"
rps=$(sed -n 's/^finished in .*, \([0-9.]*\) req\/s.*/\1/p' "$work/h2load.out")
ok=$(sed -n 's/^status codes: \([0-9]*\) 2xx.*/\1/p' "$work/h2load.out")
read -r p50 p99 pmax < <(cut -f3 "$work/h2load.log" | sort -n | awk '{ v[NR] = $1 } END { printf "%.2f %.2f %.2f\n", v[int(NR * 0.50)] / 1000, v[int(NR * 0.99)] / 1000, v[NR] / 1000 }')
[ "$ok" = "$GETSITE_CALLS" ] || { cat "$work/h2load.out" >&2; echo "h2load: not every request got 2xx" >&2; exit 1; }
# A gRPC error is HTTP 200 too, but trailers-only (no DATA): every answer must carry a framed Site.
bytes=$(sed -n 's/^traffic: .*(\([0-9]*\)) data.*/\1/p' "$work/h2load.out")
site_bytes=$((bytes / GETSITE_CALLS))
[ "$site_bytes" -gt 100 ] || { cat "$work/h2load.out" >&2; echo "h2load: answers carry no site (refused calls?)" >&2; exit 1; }

log "our client: GetSite ($GETSITE_CALLS calls, $CONCURRENCY callers) and the commands ($COMMAND_CALLS calls each)"
dotnet "$bench_dll" "http://127.0.0.1:$port" "$GETSITE_CALLS" "$CONCURRENCY" "$COMMAND_CALLS" > "$work/client.tsv"

echo
echo "machine: $(nproc) cores, load average $load_before before the run, $(cut -d" " -f1-3 /proc/loadavg) after; $(date -u +%Y-%m-%dT%H:%MZ); .NET $(dotnet --version)"
echo "h2load: h2load -n $GETSITE_CALLS -c $CLIENTS -m $STREAMS -t 1 -d request.bin -H 'content-type: application/grpc' -H 'te: trailers' -H 'dc-controller-id: dcctl' -H 'dc-leadership-epoch: 0' http://127.0.0.1:PORT$path"
echo "GetSite answer: $site_bytes bytes of DATA per call (framed Site)"
echo
echo "| measurement | client | calls | in flight | calls/s | p50 ms | p99 ms | max ms |"
echo "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |"
printf '| GetSite | h2load | %s | %s | %.0f | %s | %s | %s |\n' "$GETSITE_CALLS" "$((CLIENTS * STREAMS))" "$rps" "$p50" "$p99" "$pmax"
awk -F'\t' '{ printf "| %s | RpcChannel | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7 }' "$work/client.tsv"
echo
# Targets.
awk -F'\t' -v h2="$rps" '
  $1 == "GetSite" { printf "GetSite/s >= 5000: h2load %.0f (%s), RpcChannel %s (%s)\n", h2, (h2 >= 5000 ? "met" : "NOT met"), $4, ($4 >= 5000 ? "met" : "NOT met") }
  $1 != "GetSite" && $1 !~ /\+/ { printf "p99 < 10 ms, %s: %s ms (%s)\n", $1, $6, ($6 < 10 ? "met" : "NOT met") }
' "$work/client.tsv"
