#!/usr/bin/env bash
# Neo4j @VERSION@ Enterprise control script, as laid out by the Upshift rehearsal lab.
# Same commands, files and exit codes as bin/neo4j of the 3.x tarball:
#   console | start | stop | restart | status | version
#   status exits 3 when Neo4j is not running; the pid lives in run/neo4j.pid; `start` detaches (setsid + nohup) and
#   writes the console output to logs/neo4j.log.
# Lab differences: the JVM flags Neo4j 3.x needs on Java 9+ are added here, and `stop` escalates to SIGKILL after
# NEO4J_SHUTDOWN_TIMEOUT seconds, because a member still waiting to join a cluster ignores SIGTERM.
set -o errexit -o nounset -o pipefail
[[ "${TRACE:-}" ]] && set -o xtrace

NEO4J_HOME="${NEO4J_HOME:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)}"
NEO4J_CONF="${NEO4J_CONF:-${NEO4J_HOME}/conf}"
SHUTDOWN_TIMEOUT="${NEO4J_SHUTDOWN_TIMEOUT:-@SHUTDOWN_TIMEOUT@}"
MAIN_CLASS="@MAIN_CLASS@"

read_config() {
  HEAP_INITIAL=""
  HEAP_MAX=""
  JVM_ADDITIONAL=()
  LOGS_DIR="logs"
  RUN_DIR="run"
  HTTP_ADDRESS=""
  DEFAULT_LISTEN="localhost"
  local line key value
  [[ -f "${NEO4J_CONF}/neo4j.conf" ]] || return 0
  while IFS= read -r line || [[ -n "${line}" ]]; do
    line="${line%$'\r'}"
    [[ "${line}" =~ ^[[:space:]]*# || "${line}" != *=* ]] && continue
    key="${line%%=*}"
    value="${line#*=}"
    key="${key//[[:space:]]/}"
    case "${key}" in
      dbms.jvm.additional) JVM_ADDITIONAL+=("${value}") ;;
      dbms.memory.heap.initial_size) HEAP_INITIAL="${value}" ;;
      dbms.memory.heap.max_size) HEAP_MAX="${value}" ;;
      dbms.directories.logs) LOGS_DIR="${value}" ;;
      dbms.directories.run) RUN_DIR="${value}" ;;
      dbms.connector.http.listen_address) HTTP_ADDRESS="${value}" ;;
      dbms.connectors.default_listen_address) DEFAULT_LISTEN="${value}" ;;
    esac
  done < "${NEO4J_CONF}/neo4j.conf"
  [[ "${LOGS_DIR}" = /* ]] || LOGS_DIR="${NEO4J_HOME}/${LOGS_DIR}"
  [[ "${RUN_DIR}" = /* ]] || RUN_DIR="${NEO4J_HOME}/${RUN_DIR}"
  [[ "${HTTP_ADDRESS}" == :* || -z "${HTTP_ADDRESS}" ]] && HTTP_ADDRESS="${DEFAULT_LISTEN}${HTTP_ADDRESS:-:7474}"
  PID_FILE="${RUN_DIR}/neo4j.pid"
  CONSOLE_LOG="${LOGS_DIR}/neo4j.log"
}

heap_flag() {
  # like the real script: a bare number means megabytes
  local size="$1"
  [[ "${size}" =~ ^[0-9]+$ ]] && size="${size}m"
  echo "${size}"
}

find_java() {
  if [[ -n "${JAVA_HOME:-}" && -x "${JAVA_HOME}/bin/java" ]]; then
    JAVA_CMD="${JAVA_HOME}/bin/java"
  elif command -v java >/dev/null; then
    JAVA_CMD="$(command -v java)"
  else
    echo "Unable to find any JVMs matching version \"17\"." >&2
    echo "Please set JAVA_HOME or put java on the PATH." >&2
    exit 1
  fi
}

build_command() {
  JAVA_OPTS=()
  [[ -n "${HEAP_INITIAL}" ]] && JAVA_OPTS+=("-Xms$(heap_flag "${HEAP_INITIAL}")")
  [[ -n "${HEAP_MAX}" ]] && JAVA_OPTS+=("-Xmx$(heap_flag "${HEAP_MAX}")")
  # Neo4j 3.x reaches into JDK internals (unsafe memory, NIO); Java 17 allows it only when opened explicitly.
  local pkg
  for pkg in java.nio sun.nio.ch java.lang java.util java.lang.reflect java.io java.util.concurrent jdk.internal.misc java.net; do
    JAVA_OPTS+=("--add-opens=java.base/${pkg}=ALL-UNNAMED")
  done
  JAVA_OPTS+=("--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED" "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED")
  COMMAND=("${JAVA_CMD}" -cp "${NEO4J_HOME}/plugins:${NEO4J_CONF}:${NEO4J_HOME}/lib/*:${NEO4J_HOME}/plugins/*"
    -server "${JAVA_OPTS[@]}" ${JVM_ADDITIONAL[@]+"${JVM_ADDITIONAL[@]}"} -Dfile.encoding=UTF-8
    "${MAIN_CLASS}" "--home-dir=${NEO4J_HOME}" "--config-dir=${NEO4J_CONF}")
}

is_alive() {
  # a zombie counts as gone: nothing may be left to reap it
  local pid="$1" state
  [[ -r "/proc/${pid}/stat" ]] || return 1
  state="$(sed 's/^.*) //' "/proc/${pid}/stat" 2>/dev/null | cut -d' ' -f1)" || return 1
  [[ -n "${state}" && "${state}" != "Z" ]]
}

check_status() {
  NEO4J_PID=""
  if [[ -f "${PID_FILE}" ]]; then
    local pid
    pid="$(cat "${PID_FILE}" 2>/dev/null || true)"
    if [[ "${pid}" =~ ^[0-9]+$ ]] && is_alive "${pid}"; then
      NEO4J_PID="${pid}"
    else
      rm -f "${PID_FILE}"
    fi
  fi
}

do_console() {
  check_status
  if [[ -n "${NEO4J_PID}" ]]; then
    echo "Neo4j is already running (pid ${NEO4J_PID})."
    exit 1
  fi
  find_java
  build_command
  mkdir -p "${LOGS_DIR}" "${RUN_DIR}"
  echo "Active database: graph.db"
  echo "Directories in use:"
  echo "  home:         ${NEO4J_HOME}"
  echo "  config:       ${NEO4J_CONF}"
  echo "  logs:         ${LOGS_DIR}"
  echo "  run:          ${RUN_DIR}"
  echo "Starting Neo4j."
  exec "${COMMAND[@]}"
}

do_start() {
  check_status
  if [[ -n "${NEO4J_PID}" ]]; then
    echo "Neo4j is already running (pid ${NEO4J_PID})."
    exit 0
  fi
  find_java
  build_command
  mkdir -p "${LOGS_DIR}" "${RUN_DIR}"
  echo "Active database: graph.db"
  echo "Directories in use:"
  echo "  home:         ${NEO4J_HOME}"
  echo "  config:       ${NEO4J_CONF}"
  echo "  logs:         ${LOGS_DIR}"
  echo "  run:          ${RUN_DIR}"
  echo "Starting Neo4j."
  # setsid: its own session, so it outlives the SSH channel (and the shell) that started it
  nohup setsid "${COMMAND[@]}" >>"${CONSOLE_LOG}" 2>&1 </dev/null &
  local pid=$!
  echo "${pid}" > "${PID_FILE}"
  sleep 1
  if ! is_alive "${pid}"; then
    rm -f "${PID_FILE}"
    echo "Unable to start. See ${CONSOLE_LOG} for details."
    exit 1
  fi
  echo "Started neo4j (pid ${pid}). It is available at http://${HTTP_ADDRESS}/"
  echo "There may be a short delay until the server is ready."
  echo "See ${CONSOLE_LOG} for current status."
}

do_stop() {
  check_status
  if [[ -z "${NEO4J_PID}" ]]; then
    echo "Neo4j not running"
    return 0
  fi
  printf "Stopping Neo4j."
  kill -TERM "${NEO4J_PID}" 2>/dev/null || true
  local deadline=$((SECONDS + SHUTDOWN_TIMEOUT)) ticks=0
  while is_alive "${NEO4J_PID}"; do
    if (( SECONDS >= deadline )); then
      echo ""
      echo "Neo4j (pid ${NEO4J_PID}) took more than ${SHUTDOWN_TIMEOUT} seconds to stop; sending SIGKILL." >&2
      kill -KILL "${NEO4J_PID}" 2>/dev/null || true
      while is_alive "${NEO4J_PID}"; do sleep 0.2; done
      break
    fi
    sleep 0.2
    ticks=$((ticks + 1))
    (( ticks % 5 == 0 )) && printf "."
  done
  rm -f "${PID_FILE}"
  echo " stopped"
}

do_status() {
  check_status
  if [[ -z "${NEO4J_PID}" ]]; then
    echo "Neo4j is not running"
    exit 3
  fi
  echo "Neo4j is running at pid ${NEO4J_PID}"
}

do_version() {
  echo "neo4j @VERSION@"
}

main() {
  read_config
  case "${1:-}" in
    console) do_console ;;
    start) do_start ;;
    stop) do_stop ;;
    restart) do_stop; do_start ;;
    status) do_status ;;
    version | --version) do_version ;;
    help | --help) echo "Usage: neo4j { console | start | stop | restart | status | version }" ;;
    *)
      echo "Usage: neo4j { console | start | stop | restart | status | version }" >&2
      exit 1
      ;;
  esac
}

main "$@"
