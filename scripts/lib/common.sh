# Shared helpers for the project's scripts. Source it; do not run it.

repo_root() { cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd; }

log() { printf '==> %s\n' "$*" >&2; }

# ensure_debian_packages PKG...: installs the Debian packages that are missing (needs root or sudo).
ensure_debian_packages() {
  local missing=() pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  log "installing Debian packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# ensure_dotnet: the .NET SDK must be on PATH (it is the one prerequisite scripts do not install).
ensure_dotnet() {
  command -v dotnet >/dev/null 2>&1 || { echo "The .NET SDK 10 is required (dotnet on PATH)." >&2; exit 2; }
}

# ensure_node: Node.js and npm on PATH; Debian's nodejs and npm when node is missing.
ensure_node() {
  command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 && return 0
  ensure_debian_packages nodejs npm
}

# ensure_npm_packages DIR: installs DIR's locked npm packages (npm ci) once, when DIR/node_modules is
# missing or older than DIR/package-lock.json. node_modules is git-ignored.
ensure_npm_packages() {
  local dir=$1
  if [ -d "$dir/node_modules" ] && [ ! "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    return 0
  fi
  log "install npm packages in $dir (npm ci)"
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
}

# --- ports and background children ---------------------------------------------------------------------------
# A script that runs services in the background starts each with start_service (or start_child), sets
# `trap stop_children EXIT`, and waits with wait_for: a child that dies is reported at once (its name, exit code, the
# last lines of its log and the log's path) and the wait fails; every child still running is stopped on exit.

# free_port [FAMILY [PORT...]]: a TCP port the kernel hands out for port 0 on loopback, released again for the caller to
# use at once. FAMILY: ipv4 (127.0.0.1, the default), ipv6 (::1) or both (the same port free on both). The PORTs given
# are never returned (ports handed out already whose services may not listen yet).
free_port() {
  /usr/bin/python3 - "${1:-ipv4}" "${@:2}" <<'PY'
import socket, sys
family, taken = sys.argv[1], set(sys.argv[2:])
addresses = {"ipv4": [(socket.AF_INET, "127.0.0.1")], "ipv6": [(socket.AF_INET6, "::1")],
             "both": [(socket.AF_INET6, "::1"), (socket.AF_INET, "127.0.0.1")]}[family]
for _ in range(100):
    held, port = [], 0
    try:
        for af, host in addresses:
            held.append(socket.socket(af, socket.SOCK_STREAM))
            held[-1].bind((host, port))
            port = held[-1].getsockname()[1]
        if str(port) not in taken:
            print(port)
            sys.exit(0)
    except OSError:
        pass  # the kernel's port for ::1 is taken on 127.0.0.1: ask again
    finally:
        for s in held:
            s.close()
sys.exit("free_port: the kernel handed out no free %s port in 100 tries" % family)
PY
}

CHILD_NAMES=()
declare -A CHILD_PID=() CHILD_LOG=() CHILD_LOG_START=() CHILD_EXIT=() CHILD_REPORTED=() CHILD_RELAUNCH=() CHILD_ATTEMPT=()
CHILD_ATTEMPTS=3      # how many times start_service starts a service whose port was taken before it could bind it
CHILD_LOG_LINES=20    # how much of a dead child's log is shown

# start_child NAME LOG CMD...: runs CMD in the background, its output appended to LOG; NAME names it in reports.
start_child() {
  local name=$1 log=$2
  shift 2
  [ -n "${CHILD_PID[$name]+set}" ] || CHILD_NAMES+=("$name")
  CHILD_LOG[$name]=$log
  CHILD_LOG_START[$name]=$( [ -f "$log" ] && wc -c <"$log" || echo 0)
  unset "CHILD_EXIT[$name]" "CHILD_REPORTED[$name]"
  "$@" >>"$log" 2>&1 </dev/null &
  CHILD_PID[$name]=$!
}

# child_running NAME: NAME was started and has not exited (an exited child's status lands in CHILD_EXIT[NAME]).
child_running() {
  [ -n "${CHILD_PID[$1]:-}" ] && [ -z "${CHILD_EXIT[$1]+set}" ] || return 1
  kill -0 "${CHILD_PID[$1]}" 2>/dev/null && return 0
  local code=0
  wait "${CHILD_PID[$1]}" 2>/dev/null || code=$?
  CHILD_EXIT[$1]=$code
  return 1
}

# find_dead_child: sets DEAD_CHILD to the first child that exited by itself; fails when every child runs.
find_dead_child() {
  local name
  for name in ${CHILD_NAMES[@]+"${CHILD_NAMES[@]}"}; do
    child_running "$name" || { DEAD_CHILD=$name; return 0; }
  done
  return 1
}

# report_dead_child NAME: which service died, its exit code, the last lines of its log and the log's path.
report_dead_child() {
  local name=$1 log=${CHILD_LOG[$1]}
  {
    printf '\n==> %s died (exit code %s). The last %s lines of its log:\n' "$name" "${CHILD_EXIT[$name]}" "$CHILD_LOG_LINES"
    tail -n "$CHILD_LOG_LINES" "$log" | cut -c 1-400 | sed 's/^/    /'
    # A stack trace can fill those lines: the last error line of a .NET service names the cause.
    grep -E 'Unhandled exception|(fail|crit): ' "$log" | tail -n 1 | cut -c 1-400 | sed 's/^/==> its last error: /'
    printf '==> %s log: %s\n' "$name" "$log"
  } >&2
  CHILD_REPORTED[$name]=1
}

# bind_failed NAME: NAME's log since its last start says its port was taken (Kestrel's or Erlang's words).
bind_failed() {
  tail -c "+$((${CHILD_LOG_START[$1]} + 1))" "${CHILD_LOG[$1]}" | grep -qiE 'address already in use|eaddrinuse'
}

# wait_for WHAT SECONDS CMD...: runs CMD every half second until it succeeds, for up to SECONDS, with a progress line
# every 10 s. Meanwhile every child is watched: one that lost a bind race is started again on a fresh port (see
# start_service); one that died otherwise is reported and the wait fails with status 2. When the time is up it fails
# with status 1.
wait_for() {
  local what=$1 seconds=$2 start=$SECONDS next=10 dead
  shift 2
  log "waiting for $what (up to $seconds s)"
  until "$@"; do
    if find_dead_child; then
      dead=$DEAD_CHILD
      if [ -n "${CHILD_RELAUNCH[$dead]:-}" ] && bind_failed "$dead" && [ "${CHILD_ATTEMPT[$dead]}" -lt "$CHILD_ATTEMPTS" ]; then
        CHILD_ATTEMPT[$dead]=$((CHILD_ATTEMPT[$dead] + 1))
        log "$dead could not bind its port (taken in the meantime); starting it again on another port (attempt ${CHILD_ATTEMPT[$dead]} of $CHILD_ATTEMPTS)"
        printf -- '--- %s: port taken; started again (attempt %s)\n' "$dead" "${CHILD_ATTEMPT[$dead]}" >>"${CHILD_LOG[$dead]}"
        eval "${CHILD_RELAUNCH[$dead]}"
        continue
      fi
      report_dead_child "$dead"
      log "gave up waiting for $what: $dead died"
      return 2
    fi
    if [ $((SECONDS - start)) -ge "$seconds" ]; then
      log "gave up waiting for $what after $seconds s"
      return 1
    fi
    if [ $((SECONDS - start)) -ge "$next" ]; then
      log "still waiting for $what ($((SECONDS - start)) s of up to $seconds s)"
      next=$(((SECONDS - start) / 10 * 10 + 10))
    fi
    sleep 0.5
  done
}

# start_service NAME SECONDS READY LAUNCH [ARG...]: LAUNCH ARG... starts the child NAME (start_child) on a port it takes
# from free_port; then waits up to SECONDS until `READY NAME` succeeds. When NAME dies because its port was taken in
# between (a bind race), LAUNCH runs again and picks a fresh port, up to CHILD_ATTEMPTS times in all.
start_service() {
  local name=$1 seconds=$2 ready=$3
  shift 3
  CHILD_RELAUNCH[$name]=$(printf '%q ' "$@")
  CHILD_ATTEMPT[$name]=1
  "$@"
  local status=0
  wait_for "$name to answer" "$seconds" "$ready" "$name" || status=$?
  [ "$status" -ne 1 ] || log "$name log: ${CHILD_LOG[$name]}"
  return "$status"
}

# stop_child NAME: stops NAME (SIGTERM; SIGKILL after 10 s) and forgets it.
stop_child() {
  local name=$1 pid=${CHILD_PID[$1]:-} i
  if [ -n "$pid" ] && child_running "$name"; then
    kill -TERM "$pid" 2>/dev/null || true
    for i in $(seq 1 40); do
      child_running "$name" || break
      sleep 0.25
    done
    if child_running "$name"; then kill -KILL "$pid" 2>/dev/null || true; fi
    wait "$pid" 2>/dev/null || true
  fi
  unset "CHILD_PID[$name]" "CHILD_EXIT[$name]" "CHILD_REPORTED[$name]"
  local kept=()
  for i in ${CHILD_NAMES[@]+"${CHILD_NAMES[@]}"}; do [ "$i" = "$name" ] || kept+=("$i"); done
  CHILD_NAMES=(${kept[@]+"${kept[@]}"})
}

# stop_children: for an EXIT trap. Reports every child that died by itself and was not reported yet, then stops the
# others; nothing the script started is left running.
stop_children() {
  local name
  for name in ${CHILD_NAMES[@]+"${CHILD_NAMES[@]}"}; do
    if ! child_running "$name" && [ -z "${CHILD_REPORTED[$name]:-}" ]; then report_dead_child "$name"; fi
  done
  for name in ${CHILD_NAMES[@]+"${CHILD_NAMES[@]}"}; do stop_child "$name"; done
}
