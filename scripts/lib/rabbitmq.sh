# A throwaway RabbitMQ node on loopback for tests, the demo and the test bed. Source it after common.sh.
#
#   rabbitmq_start   installs Debian's rabbitmq-server when missing, starts a node as a plain background process
#                    (no systemd) listening on 127.0.0.1 only, with its data, logs, cookie and plugin list in a
#                    temporary directory, waits until `rabbitmqctl status` answers, and exports
#                    DC_TEST_RABBITMQ=amqp://guest:guest@127.0.0.1:PORT/ (the guest user may log in over loopback).
#                    RABBITMQ_TEST_PORT picks the AMQP port; by default one the OS hands out (free_port). Waits
#                    up to 120 s; a node that dies meanwhile is reported with its log (start_service in common.sh).
#   rabbitmq_stop    stops that node (rabbitmqctl stop, then the process) and its own port mapper (epmd on a
#                    private port), and removes its directory (`rabbitmq_stop keep` leaves it, with the node's
#                    logs, as does a node that stopped by itself, which is reported); safe to call twice or when
#                    nothing was started, so it can sit in an EXIT trap.

RABBITMQ_TEST_DIR=""
RABBITMQ_TEST_EPMD_PORT=""
RABBITMQ_TEST_ENV=()

# _rabbitmq_env CMD...: runs CMD in the node's environment (RABBITMQ_TEST_ENV); every rabbitmq command of this node
# runs with it.
_rabbitmq_env() { env "${RABBITMQ_TEST_ENV[@]}" "$@"; }

# _rabbitmq_set_env: the node's environment, from its directory, name and ports.
_rabbitmq_set_env() {
  RABBITMQ_TEST_ENV=(
    HOME="$RABBITMQ_TEST_DIR"
    RABBITMQ_NODENAME="$RABBITMQ_TEST_NODE"
    RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
    RABBITMQ_NODE_PORT="$RABBITMQ_TEST_AMQP_PORT"
    RABBITMQ_DIST_PORT="$RABBITMQ_TEST_DIST_PORT"
    ERL_EPMD_ADDRESS=127.0.0.1
    ERL_EPMD_PORT="$RABBITMQ_TEST_EPMD_PORT"
    RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
    RABBITMQ_CTL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
    RABBITMQ_MNESIA_BASE="$RABBITMQ_TEST_DIR/mnesia"
    RABBITMQ_LOG_BASE="$RABBITMQ_TEST_DIR/log"
    RABBITMQ_ENABLED_PLUGINS_FILE="$RABBITMQ_TEST_DIR/enabled_plugins"
    RABBITMQ_CONFIG_FILE="$RABBITMQ_TEST_DIR/rabbitmq"
    RABBITMQ_ADVANCED_CONFIG_FILE="$RABBITMQ_TEST_DIR/advanced.config"
    RABBITMQ_PID_FILE="$RABBITMQ_TEST_DIR/rabbitmq.pid"
  )
}

# _rabbitmq_kill_epmd: stops the node's own port mapper, if one was started.
_rabbitmq_kill_epmd() {
  [ -n "$RABBITMQ_TEST_EPMD_PORT" ] || return 0
  _rabbitmq_env /usr/lib/erlang/bin/epmd -port "$RABBITMQ_TEST_EPMD_PORT" -kill >/dev/null 2>&1 || true
}

# _rabbitmq_launch: starts the node (the child "RabbitMQ") on ports the OS hands out; start_service runs it again
# with fresh ports when one was taken before the node could bind it.
_rabbitmq_launch() {
  _rabbitmq_kill_epmd # the port mapper of an earlier attempt
  # A port the caller chose is not swapped for another: no second attempt when it is taken.
  [ -z "${RABBITMQ_TEST_PORT:-}" ] || CHILD_ATTEMPT[RabbitMQ]=$CHILD_ATTEMPTS
  RABBITMQ_TEST_AMQP_PORT=${RABBITMQ_TEST_PORT:-$(free_port ipv4)}
  RABBITMQ_TEST_DIST_PORT=$(free_port ipv4 "$RABBITMQ_TEST_AMQP_PORT")
  # A port mapper of its own (not the shared 4369), so stopping this node can stop it too.
  RABBITMQ_TEST_EPMD_PORT=$(free_port ipv4 "$RABBITMQ_TEST_AMQP_PORT" "$RABBITMQ_TEST_DIST_PORT")
  printf 'loopback_users.guest = true\nlisteners.tcp.default = 127.0.0.1:%s\n' "$RABBITMQ_TEST_AMQP_PORT" >"$RABBITMQ_TEST_DIR/rabbitmq.conf"
  _rabbitmq_set_env
  log "start RabbitMQ on 127.0.0.1:$RABBITMQ_TEST_AMQP_PORT ($RABBITMQ_TEST_NODE)"
  # env, not the function: the child is the server itself, so stopping it stops the node.
  start_child RabbitMQ "$RABBITMQ_TEST_DIR/server.out" env "${RABBITMQ_TEST_ENV[@]}" /usr/lib/rabbitmq/bin/rabbitmq-server
}

# _rabbitmq_ready: the node answers and has finished booting.
_rabbitmq_ready() {
  _rabbitmq_env /usr/lib/rabbitmq/bin/rabbitmqctl -q status >/dev/null 2>&1 &&
    _rabbitmq_env /usr/lib/rabbitmq/bin/rabbitmqctl -q await_startup >/dev/null 2>&1
}

rabbitmq_start() {
  ensure_debian_packages rabbitmq-server
  RABBITMQ_TEST_DIR=$(mktemp -d "${TMPDIR:-/tmp}/dc-rabbitmq.XXXXXX")
  RABBITMQ_TEST_NODE="dc-test-$$@localhost"
  mkdir -p "$RABBITMQ_TEST_DIR/mnesia" "$RABBITMQ_TEST_DIR/log"
  printf '[].\n' >"$RABBITMQ_TEST_DIR/enabled_plugins"
  printf '[].\n' >"$RABBITMQ_TEST_DIR/advanced.config"
  if ! start_service RabbitMQ 120 _rabbitmq_ready _rabbitmq_launch; then
    log "RabbitMQ did not start; its files are kept in $RABBITMQ_TEST_DIR"
    rabbitmq_stop keep
    return 1
  fi
  export DC_TEST_RABBITMQ="amqp://guest:guest@127.0.0.1:$RABBITMQ_TEST_AMQP_PORT/"
}

rabbitmq_stop() {
  [ -n "$RABBITMQ_TEST_DIR" ] || return 0
  if child_running RabbitMQ; then
    _rabbitmq_env /usr/lib/rabbitmq/bin/rabbitmqctl -q stop >/dev/null 2>&1 || true
    local deadline=$((SECONDS + 30))
    while child_running RabbitMQ && [ "$SECONDS" -lt "$deadline" ]; do sleep 0.5; done
  elif [ -n "${CHILD_PID[RabbitMQ]:-}" ] && [ -z "${CHILD_REPORTED[RabbitMQ]:-}" ]; then
    report_dead_child RabbitMQ # it stopped by itself while it was in use: say so, and keep its logs
    set -- keep
  fi
  stop_child RabbitMQ # SIGTERM, then SIGKILL, should it still run
  _rabbitmq_kill_epmd
  [ "${1:-}" = keep ] || rm -rf "$RABBITMQ_TEST_DIR"
  RABBITMQ_TEST_DIR="" RABBITMQ_TEST_EPMD_PORT=""
  unset DC_TEST_RABBITMQ
}
