#!/usr/bin/env bash
# Subcloud agent benchmark (issues 4 and 12): a real DistributedCloud.Agent on [::1] (Release build, temporary data
# directory, bootstrap deploy/examples/bootstrap-aio-dx-ipv6.yaml, simulated host driver, --action-delay 0), and
#   (1) GetSite calls/s and p50/p99, with h2load (framed empty GetSiteRequest + fencing headers) and with the official
#       client (bench/DistributedCloud.Agent.Bench: generated SubcloudAgent.SubcloudAgentClient on a GrpcChannel, one
#       HTTP/2 connection, CONCURRENCY callers);
#   (2) per-command latency, one call at a time, COMMAND_CALLS calls each: ListHosts, ShowHost,
#       ListNetworkAddressPools, and AddAddressPool + DeleteAddressPool of a new pool (unique names).
# The agent runs as main's secure default for an agent without a controller: standalone, an https listener with its own
# self-signed certificate and its own admin token (DATA_DIR/access/dcctl.yaml, S-5a); every call (h2load and the client)
# carries that token and the operator's fencing claim (dc-controller-id: dcctl, dc-leadership-epoch: 0), the client
# checks the agent's certificate against the configuration's CA. The per-caller rate limit (S-9, 200 calls/s) is raised
# for the run (Security__RateLimit__*), or every load run would be refused RESOURCE_EXHAUSTED.
# The old layer's agent (below) knows no TLS: it is run in plaintext, as before, with dc-controller-id: bench.
# With OLD_LAYER_DIR (a checkout of the commit before the move to the official stack, e.g. 54668f7), the same is run
# afterwards against that commit's agent with that commit's client (its own RpcChannel), for comparison.
# Targets: >= 5,000 GetSite/s; p99 < 10 ms per command. Each agent is stopped and its data directory removed.
# Settings (environment): GETSITE_CALLS (20000, h2load and the client each), WARMUP (5000), CLIENTS (4),
# STREAMS (16 per connection), CONCURRENCY (32, the client), COMMAND_CALLS (2000), OLD_LAYER_DIR (unset: skipped).
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
bootstrap=$root/deploy/examples/bootstrap-aio-dx-ipv6.yaml

work=$(mktemp -d)
agent_pid=""
stop_agent() {
  if [ -n "$agent_pid" ]; then kill -TERM "$agent_pid" 2>/dev/null || true; wait "$agent_pid" 2>/dev/null || true; fi
  agent_pid=""
}
trap 'stop_agent; rm -rf "$work"' EXIT

builds() { # dir
  dotnet build "$1/src/DistributedCloud.Agent" -c Release --nologo -v quiet >/dev/null
  dotnet build "$1/bench/DistributedCloud.Agent.Bench" -c Release --nologo -v quiet >/dev/null
}
log "build the agent and the bench client (Release)"
builds "$root"
if [ -n "${OLD_LAYER_DIR:-}" ]; then
  [ -d "$OLD_LAYER_DIR/src/DistributedCloud.Rpc" ] || { echo "OLD_LAYER_DIR=$OLD_LAYER_DIR holds no old gRPC layer (src/DistributedCloud.Rpc)" >&2; exit 2; }
  old_commit=$(git -C "$OLD_LAYER_DIR" rev-parse --short HEAD 2>/dev/null || echo unknown)
  log "build the old layer's agent and bench client (Release) at $old_commit"
  builds "$OLD_LAYER_DIR"
else
  log "OLD_LAYER_DIR is not set: the old layer's agent is not measured"
fi

# The request: one uncompressed frame holding an empty GetSiteRequest.
printf '\x00\x00\x00\x00\x00' > "$work/request.bin"
# h2load 1.52 sends an IPv6 literal's :authority without brackets ("::1:PORT"), which Kestrel refuses (every request
# errors with no status): the authority is given explicitly.
# Per agent: scheme (https or http) and the caller's headers (token and fencing claim), set by run_agent.
scheme=http
caller=()
h2load_run() { # port requests logfile
  h2load -n "$2" -c "$CLIENTS" -m "$STREAMS" -t 1 -d "$work/request.bin" -H ":authority: [::1]:$1" \
    -H "content-type: application/grpc" -H "te: trailers" \
    "${caller[@]}" --log-file="$3" "$scheme://[::1]:$1$path"
}
export Security__RateLimit__PermitsPerSecond=10000000 Security__RateLimit__Burst=10000000
data_bytes() { sed -n 's/^traffic: .*(\([0-9]*\)) data.*/\1/p' "$1"; }

rows="$work/rows.md"
: > "$rows"
checks="$work/checks.txt"
: > "$checks"
run_agent() { # label dir client-name
  local label=$1 dir=$2 client=$3 port data
  port=$(python3 -c 'import socket; s=socket.socket(socket.AF_INET6); s.bind(("::1",0)); print(s.getsockname()[1])')
  data="$work/data-$label"
  log "$label: start the agent on [::1]:$port"
  # exec in the background subshell, so $! is the agent's own pid.
  local client_auth=()
  if [ "$label" = official ]; then scheme=https; else scheme=http; fi
  (exec dotnet "$dir/src/DistributedCloud.Agent/bin/Release/net10.0/DistributedCloud.Agent.dll" --data-dir "$data" \
    --bootstrap "$bootstrap" --listen "$scheme://[::1]:$port" --host-driver simulated --action-delay 0 > "$work/agent-$label.log" 2>&1) &
  agent_pid=$!
  caller=(-H "dc-controller-id: bench" -H "dc-leadership-epoch: 0")
  if [ "$scheme" = https ]; then
    # The standalone agent writes its token and CA into its dcctl configuration at its first start.
    for _ in $(seq 1 300); do [ -s "$data/access/dcctl.yaml" ] && break; sleep 0.2; done
    local token
    token=$(sed -n 's/^token: *//p' "$data/access/dcctl.yaml" | tr -d "'\"")
    [ -n "$token" ] || { cat "$work/agent-$label.log" >&2; echo "$label: the agent wrote no token in $data/access/dcctl.yaml" >&2; exit 1; }
    caller=(-H "authorization: Bearer $token" -H "dc-controller-id: dcctl" -H "dc-leadership-epoch: 0")
    client_auth=(--config "$data/access/dcctl.yaml")
  fi
  # Ready when a GetSite answers with a framed Site (a refused call would be trailers-only, no DATA).
  local ready=""
  for _ in $(seq 1 300); do
    kill -0 "$agent_pid" 2>/dev/null || { cat "$work/agent-$label.log" >&2; echo "$label: the agent did not start" >&2; exit 1; }
    h2load -n 1 -c 1 -d "$work/request.bin" -H ":authority: [::1]:$port" -H "content-type: application/grpc" -H "te: trailers" \
      "${caller[@]}" "$scheme://[::1]:$port$path" > "$work/probe.out" 2>&1 || true
    [ "$(data_bytes "$work/probe.out")" -gt 100 ] 2>/dev/null && { ready=1; break; }
    sleep 0.2
  done
  [ -n "$ready" ] || { cat "$work/agent-$label.log" >&2; echo "$label: the agent answered no GetSite within a minute" >&2; exit 1; }

  log "$label: h2load GetSite (warm-up $WARMUP, then $GETSITE_CALLS)"
  h2load_run "$port" "$WARMUP" "$work/warmup.log" > /dev/null
  h2load_run "$port" "$GETSITE_CALLS" "$work/h2load.log" > "$work/h2load.out"
  local rps ok p50 p99 pmax site_bytes
  rps=$(sed -n 's/^finished in .*, \([0-9.]*\) req\/s.*/\1/p' "$work/h2load.out")
  ok=$(sed -n 's/^status codes: \([0-9]*\) 2xx.*/\1/p' "$work/h2load.out")
  read -r p50 p99 pmax < <(cut -f3 "$work/h2load.log" | sort -n | awk '{ v[NR] = $1 } END { printf "%.2f %.2f %.2f\n", v[int(NR * 0.50)] / 1000, v[int(NR * 0.99)] / 1000, v[NR] / 1000 }')
  [ "$ok" = "$GETSITE_CALLS" ] || { cat "$work/h2load.out" >&2; echo "$label: h2load: not every request got 2xx" >&2; exit 1; }
  # A gRPC error is HTTP 200 too, but trailers-only (no DATA): every answer must carry a framed Site.
  site_bytes=$(( $(data_bytes "$work/h2load.out") / GETSITE_CALLS ))
  [ "$site_bytes" -gt 100 ] || { cat "$work/h2load.out" >&2; echo "$label: h2load: answers carry no site (refused calls?)" >&2; exit 1; }

  log "$label: $client GetSite ($GETSITE_CALLS calls, $CONCURRENCY callers) and the commands ($COMMAND_CALLS calls each)"
  dotnet "$dir/bench/DistributedCloud.Agent.Bench/bin/Release/net10.0/DistributedCloud.Agent.Bench.dll" \
    "$scheme://[::1]:$port" "$GETSITE_CALLS" "$CONCURRENCY" "$COMMAND_CALLS" "${client_auth[@]}" > "$work/client-$label.tsv"
  stop_agent

  printf '| %s | GetSite | h2load | %s | %s | %.0f | %s | %s | %s |\n' "$label" "$GETSITE_CALLS" "$((CLIENTS * STREAMS))" "$rps" "$p50" "$p99" "$pmax" >> "$rows"
  awk -F'\t' -v l="$label" -v c="$client" '{ printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", l, $1, c, $2, $3, $4, $5, $6, $7 }' "$work/client-$label.tsv" >> "$rows"
  echo "$label: GetSite answer $site_bytes bytes of DATA per call (framed Site)" >> "$checks"
  awk -F'\t' -v h2="$rps" -v l="$label" -v c="$client" '
    $1 == "GetSite" { printf "%s: GetSite/s >= 5000: h2load %.0f (%s), %s %s (%s)\n", l, h2, (h2 >= 5000 ? "met" : "NOT met"), c, $4, ($4 >= 5000 ? "met" : "NOT met") }
    $1 != "GetSite" && $1 !~ /\+/ { printf "%s: p99 < 10 ms, %s: %s ms (%s)\n", l, $1, $6, ($6 < 10 ? "met" : "NOT met") }
  ' "$work/client-$label.tsv" >> "$checks"
}

load_before=$(cut -d" " -f1-3 /proc/loadavg)
started=$(date -u +%Y-%m-%dT%H:%M:%SZ)
run_agent official "$root" GrpcChannel
load_between=$(cut -d" " -f1-3 /proc/loadavg)
[ -n "${OLD_LAYER_DIR:-}" ] && run_agent old "$OLD_LAYER_DIR" RpcChannel

echo
echo "machine: $(nproc) cores; started $started; .NET SDK $(dotnet --version)"
echo "load average (1, 5, 15 min): $load_before before, $load_between after the official agent, $(cut -d" " -f1-3 /proc/loadavg) at the end"
[ -n "${OLD_LAYER_DIR:-}" ] && echo "old layer: $old_commit (OLD_LAYER_DIR); its client is that commit's bench client (RpcChannel, fencing id 'dcctl')"
echo "h2load (official agent): h2load -n $GETSITE_CALLS -c $CLIENTS -m $STREAMS -t 1 -d request.bin -H 'content-type: application/grpc' -H 'te: trailers' -H 'authorization: Bearer TOKEN' -H 'dc-controller-id: dcctl' -H 'dc-leadership-epoch: 0' -H ':authority: [::1]:PORT' https://[::1]:PORT$path"
echo "the official agent: standalone, https (self-signed certificate, its own admin token); Security__RateLimit__PermitsPerSecond and __Burst raised to 10000000"
echo
echo "| agent | measurement | client | calls | in flight | calls/s | p50 ms | p99 ms | max ms |"
echo "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |"
cat "$rows"
echo
cat "$checks"
