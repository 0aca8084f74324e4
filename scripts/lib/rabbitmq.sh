# A throwaway RabbitMQ node on loopback for tests, the demo and the test bed. Source it after common.sh.
#
#   rabbitmq_start   installs Debian's rabbitmq-server when missing, starts a node as a plain background process
#                    (no systemd) listening on 127.0.0.1 only, with its data, logs, cookie and plugin list in a
#                    temporary directory, waits until `rabbitmqctl status` answers, and exports
#                    DC_TEST_RABBITMQ=amqp://guest:guest@127.0.0.1:PORT/ (the guest user may log in over loopback).
#                    RABBITMQ_TEST_PORT picks the AMQP port; by default a free one is chosen.
#   rabbitmq_stop    stops that node (rabbitmqctl stop, then the process) and its own port mapper (epmd on a
#                    private port), and removes its directory; safe to call
#                    twice or when nothing was started, so it can sit in an EXIT trap.

RABBITMQ_TEST_DIR=""
RABBITMQ_TEST_PID=""

# _rabbitmq_free_port: a TCP port nothing listens on now (the kernel's choice for port 0 on loopback).
_rabbitmq_free_port() {
  /usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# _rabbitmq_env: the node's environment; every rabbitmq command of this node runs with it.
_rabbitmq_env() {
  env HOME="$RABBITMQ_TEST_DIR" \
    RABBITMQ_NODENAME="$RABBITMQ_TEST_NODE" \
    RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 \
    RABBITMQ_NODE_PORT="$RABBITMQ_TEST_AMQP_PORT" \
    RABBITMQ_DIST_PORT="$RABBITMQ_TEST_DIST_PORT" \
    ERL_EPMD_ADDRESS=127.0.0.1 \
    ERL_EPMD_PORT="$RABBITMQ_TEST_EPMD_PORT" \
    RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}" \
    RABBITMQ_CTL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}" \
    RABBITMQ_MNESIA_BASE="$RABBITMQ_TEST_DIR/mnesia" \
    RABBITMQ_LOG_BASE="$RABBITMQ_TEST_DIR/log" \
    RABBITMQ_ENABLED_PLUGINS_FILE="$RABBITMQ_TEST_DIR/enabled_plugins" \
    RABBITMQ_CONFIG_FILE="$RABBITMQ_TEST_DIR/rabbitmq" \
    RABBITMQ_ADVANCED_CONFIG_FILE="$RABBITMQ_TEST_DIR/advanced.config" \
    RABBITMQ_PID_FILE="$RABBITMQ_TEST_DIR/rabbitmq.pid" \
    "$@"
}

rabbitmq_start() {
  ensure_debian_packages rabbitmq-server
  local bin=/usr/lib/rabbitmq/bin
  RABBITMQ_TEST_DIR=$(mktemp -d "${TMPDIR:-/tmp}/dc-rabbitmq.XXXXXX")
  RABBITMQ_TEST_NODE="dc-test-$$@localhost"
  RABBITMQ_TEST_AMQP_PORT=${RABBITMQ_TEST_PORT:-$(_rabbitmq_free_port)}
  RABBITMQ_TEST_DIST_PORT=$(_rabbitmq_free_port)
  # A port mapper of its own (not the shared 4369), so stopping this node can stop it too.
  RABBITMQ_TEST_EPMD_PORT=$(_rabbitmq_free_port)
  mkdir -p "$RABBITMQ_TEST_DIR/mnesia" "$RABBITMQ_TEST_DIR/log"
  printf '[].\n' >"$RABBITMQ_TEST_DIR/enabled_plugins"
  printf 'loopback_users.guest = true\nlisteners.tcp.default = 127.0.0.1:%s\n' "$RABBITMQ_TEST_AMQP_PORT" >"$RABBITMQ_TEST_DIR/rabbitmq.conf"
  printf '[].\n' >"$RABBITMQ_TEST_DIR/advanced.config"
  log "start RabbitMQ on 127.0.0.1:$RABBITMQ_TEST_AMQP_PORT ($RABBITMQ_TEST_NODE)"
  _rabbitmq_env "$bin/rabbitmq-server" >"$RABBITMQ_TEST_DIR/server.out" 2>&1 &
  RABBITMQ_TEST_PID=$!
  local tries=0
  until _rabbitmq_env "$bin/rabbitmqctl" -q status >/dev/null 2>&1 \
        && _rabbitmq_env "$bin/rabbitmqctl" -q await_startup >/dev/null 2>&1; do
    tries=$((tries + 1))
    if ! kill -0 "$RABBITMQ_TEST_PID" 2>/dev/null || [ "$tries" -ge 120 ]; then
      echo "RabbitMQ did not start; its output:" >&2
      tail -n 40 "$RABBITMQ_TEST_DIR/server.out" >&2 || true
      rabbitmq_stop
      return 1
    fi
    sleep 1
  done
  export DC_TEST_RABBITMQ="amqp://guest:guest@127.0.0.1:$RABBITMQ_TEST_AMQP_PORT/"
}

rabbitmq_stop() {
  [ -n "$RABBITMQ_TEST_DIR" ] || return 0
  if [ -n "$RABBITMQ_TEST_PID" ] && kill -0 "$RABBITMQ_TEST_PID" 2>/dev/null; then
    _rabbitmq_env /usr/lib/rabbitmq/bin/rabbitmqctl -q stop >/dev/null 2>&1 || kill "$RABBITMQ_TEST_PID" 2>/dev/null || true
    wait "$RABBITMQ_TEST_PID" 2>/dev/null || true
  fi
  _rabbitmq_env /usr/lib/erlang/bin/epmd -port "$RABBITMQ_TEST_EPMD_PORT" -kill >/dev/null 2>&1 || true
  rm -rf "$RABBITMQ_TEST_DIR"
  RABBITMQ_TEST_DIR="" RABBITMQ_TEST_PID=""
  unset DC_TEST_RABBITMQ
}
