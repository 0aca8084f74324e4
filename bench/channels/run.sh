#!/usr/bin/env bash
# Controller channels to N subcloud agents (issue 12, Proof: "10,000 agent channels: memory of the controller's
# channels, target under 300 MB, measured with the simulator").
# Starts the subcloud simulator (bench/controller/Simulator: every site in one process, one HTTP/2 listener on
# 0.0.0.0:PORT, site i answering on its own loopback address 127.1.(i/250).(i%250+1)) with max(SIZES)+1 sites, all
# created before its port opens (--eager, so a first GetSite costs the connection and the call, not the site), then for
# each size N a fresh measuring process (bench/DistributedCloud.Controller.Channels.Bench) that builds the N subcloud
# records and, through the controller's real AgentChannels and GrpcSubcloudAgentClient (default Agents options),
# makes one GetSite on each subcloud's channel, PARALLEL at once, so every channel holds a live HTTP/2 connection; then
# a second GetSite on each (no new connection allowed). It snapshots its own memory (managed heap after a full GC,
# VmRSS from /proc/self/status) before and after, with every channel open, then holds them HOLD seconds while this
# script counts the simulator's descriptors. Each connection costs one fd in each process (two on this machine).
# Everything is on loopback; each measuring run is bounded by TIMEOUT seconds; every process is stopped at exit.
# Usage: bench/channels/run.sh [--sizes 1000,5000,10000]
# Settings (environment): PARALLEL (200 GetSite calls in flight), HOLD (5 s), TIMEOUT (300 s per size),
# KEEP_DIR (copy the raw output and logs there at exit).
set -euo pipefail
source "$(dirname "$0")/../../scripts/lib/common.sh"
root=$(repo_root)
cd "$root"
ensure_dotnet
ensure_debian_packages python3

sizes=10000
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) sizes=$2; shift 2 ;;
    *) echo "usage: bench/channels/run.sh [--sizes 1000,5000,10000]" >&2; exit 2 ;;
  esac
done
PARALLEL=${PARALLEL:-200}
HOLD=${HOLD:-5}
TIMEOUT=${TIMEOUT:-300}
max_size=$(tr ',' '\n' <<< "$sizes" | sort -n | tail -1)

work=$(mktemp -d)
cleanup() {
  stop_children
  if [ -n "${KEEP_DIR:-}" ]; then mkdir -p "$KEEP_DIR"; cp "$work"/* "$KEEP_DIR"/ 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# Descriptors: each process holds one socket per connection plus its own (about 100 for the runtime, the listener,
# epoll and the loaded assemblies). Raise the soft limit to the hard one (the .NET runtime does the same at start, so
# for the controller only the hard limit counts) and skip a size the hard limit cannot hold.
fd_margin=1024
hard=$(ulimit -Hn)
if [ "$hard" = unlimited ]; then hard=1048576; fi
ulimit -n "$hard"
read -r port_low port_high < /proc/sys/net/ipv4/ip_local_port_range
log "open-file limit (ulimit -n) raised to $(ulimit -n) (hard limit $hard); ephemeral ports $port_low-$port_high"

log "build the measuring process and the simulator (Release)"
dotnet build bench/DistributedCloud.Controller.Channels.Bench -c Release --nologo -v quiet >/dev/null
bench_dll=bench/DistributedCloud.Controller.Channels.Bench/bin/Release/net10.0/DistributedCloud.Controller.Channels.Bench.dll
sim_dll=bench/controller/Simulator/bin/Release/net10.0/DistributedCloud.Controller.Simulator.dll

status_kb() { awk -v k="$2:" '$1 == k { print $2 }' "/proc/$1/status"; }
fd_count() { find "/proc/$1/fd" -mindepth 1 -maxdepth 1 2>/dev/null | wc -l; }
port_open() { python3 -c "import socket,sys; s=socket.socket(); s.settimeout(1); sys.exit(s.connect_ex(('127.0.0.1',$1)))" 2>/dev/null; }

load_before=$(cut -d" " -f1-3 /proc/loadavg)
sim_port=$(free_port)
log "start the simulator: $((max_size + 1)) sites on 127.1.x.y:$sim_port (listener 0.0.0.0:$sim_port, loopback callers only)"
start_child simulator "$work/simulator.log" dotnet "$sim_dll" serve "$((max_size + 1))" "$sim_port" --eager
wait_for "the simulator's port (it creates every site first)" 600 port_open "$sim_port"
sim_pid=${CHILD_PID[simulator]}

rows=()
details=()
notes=()
for n in ${sizes//,/ }; do
  if [ "$((n + fd_margin))" -gt "$hard" ]; then
    notes+=("N=$n skipped: it needs ulimit -n >= $((n + fd_margin)) in each process, the hard limit here is $hard")
    continue
  fi
  if [ "$n" -gt "$((port_high - port_low + 1))" ]; then
    notes+=("N=$n skipped: more connections than ephemeral ports ($port_low-$port_high)")
    continue
  fi
  out="$work/measure-$n.tsv"
  sim_fds_before=$(fd_count "$sim_pid")
  log "N=$n: open $n channels, $PARALLEL GetSite calls in flight (bounded to $TIMEOUT s)"
  start_child "measure-$n" "$out" timeout -k 10 "$TIMEOUT" dotnet "$bench_dll" "$sim_port" "$n" "$PARALLEL" "$HOLD"
  # While the measuring process holds its channels: the simulator's descriptors and memory.
  sim_fds=""; sim_rss=""
  until grep -q '^HOLDING' "$out"; do
    child_running "measure-$n" || break
    child_running simulator || { report_dead_child simulator; exit 1; }
    sleep 0.5
  done
  if grep -q '^HOLDING' "$out"; then
    sim_fds=$(fd_count "$sim_pid"); sim_rss=$(status_kb "$sim_pid" VmRSS)
  fi
  while child_running "measure-$n"; do sleep 0.5; done
  code=${CHILD_EXIT["measure-$n"]}
  stop_child "measure-$n"
  if [ "$code" -ne 0 ] || [ -z "$sim_fds" ]; then
    grep -v $'^snap\t\|^round\t' "$out" | tail -n 20 >&2 || true
    notes+=("N=$n failed (exit code $code$([ "$code" = 124 ] && echo ": out of time after $TIMEOUT s"))")
    continue
  fi
  cat "$out" >&2
  # snap: label heap committed rss hwm fds sockets established; round: name count parallel s per_s p50 p99 max failures
  row=$(awk -F'\t' -v n="$n" -v parallel="$PARALLEL" -v sim_fds="$sim_fds" '
    $1 == "snap" { heap[$2] = $3; rss[$2] = $5; hwm[$2] = $6; fds[$2] = $7; est[$2] = $9 }
    $1 == "round" { secs[$2] = $5; rate[$2] = $6; p50[$2] = $7; p99[$2] = $8 }
    END {
      mib = 1048576; kib = 1024
      printf "| %d | %d | %.1f | %d | %.1f / %.1f | %.2f | %d | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %d / %d |\n", \
        n, parallel, secs["open"], rate["open"], p50["open"], p99["open"], secs["reused"], est["held"], \
        heap["warm"] / mib, heap["open"] / mib, (heap["open"] - heap["warm"]) / n / kib, \
        rss["warm"] / mib, rss["open"] / mib, (rss["open"] - rss["warm"]) / n / kib, (rss["open"] - rss["warm"]) / mib, \
        fds["held"], sim_fds
    }' "$out")
  rows+=("$row")
  while IFS=$'\t' read -r _ label heap committed rss hwm fds sockets est; do
    details+=("$(awk -v n="$n" -v l="$label" -v h="$heap" -v c="$committed" -v r="$rss" -v w="$hwm" -v f="$fds" -v s="$sockets" -v e="$est" \
      'BEGIN { m = 1048576; printf "| %d | %s | %.1f | %.1f | %.1f | %.1f | %d | %d | %d |", n, l, h / m, c / m, r / m, w / m, f, s, e }')")
  done < <(grep $'^snap\t' "$out")
  details+=("| $n | simulator, channels held | | | $((sim_rss / 1024)) | | $sim_fds (before: $sim_fds_before) | | |")
  notes+=("N=$n: disposing the $n channels took $(awk -F'\t' '$1 == "result" && $2 == "dispose_s" { print $3 }' "$out") s; reuse round: every answer from its own site, no new connection")
done
load_after=$(cut -d" " -f1-3 /proc/loadavg)

echo
echo "machine: $(nproc) cores, load average $load_before before the run, $load_after after; $(date -u +%Y-%m-%dT%H:%MZ); .NET $(dotnet --version); ulimit -n $(ulimit -n)"
echo "measuring process: workstation GC (as deploy/systemd runs the controller), default Agents options; 'before' = after one warm-up channel was opened and dropped, 'after' = the N channels open, each with its live HTTP/2 connection"
echo
echo "| channels | in flight | open all s | channels/s | open GetSite p50 / p99 ms | second GetSite on all s | live connections | heap before MiB | heap after MiB | heap per channel KiB | RSS before MiB | RSS after MiB | RSS per channel KiB | channels' RSS MiB (target at 10,000: < 300 MB = 286 MiB) | fds: measurer / simulator |"
echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"
printf '%s\n' ${rows[@]+"${rows[@]}"}
echo
echo "| channels | snapshot | heap MiB | GC committed MiB | RSS MiB | peak RSS MiB | fds | sockets | established to the simulator |"
echo "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
printf '%s\n' ${details[@]+"${details[@]}"}
echo
printf '%s\n' ${notes[@]+"${notes[@]}"}
