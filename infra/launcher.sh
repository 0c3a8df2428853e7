# shellcheck shell=bash
# The launcher ./run.sh and bench/run.sh share: start a built piece as its own process group with a watcher that
# records how it ended, wait for ports to be free and for pieces to be ready, stop what was started. Source it.
# The sourcing script sets:
#   LAUNCHER         the prefix of messages and the name of the script to run again, e.g. "run" (./run.sh)
#   LOG_DIR PID_DIR  <piece>.log, <piece>.pid (the dotnet process, leader of its own process group), <piece>.exit
#   PORT_WAIT        seconds to wait for a port another process still holds (wait_for_ports)
#   READY_DEADLINE   $SECONDS value after which wait_ready gives up
#   STARTED          an array; launch_piece appends "name|port"

log()  { echo "[$LAUNCHER] $*" >&2; }
warn() { echo "[$LAUNCHER] WARNING: $*" >&2; }

pid_alive() { # pid -> alive and still a dotnet process (pid files can outlive their process)
  [ -n "$1" ] && kill -0 "$1" 2>/dev/null && tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null | grep -q dotnet
}

stop_pieces() { # stops every piece with a pid file in PID_DIR (and what each started: its process group)
  local f pid name pids=()
  shopt -s nullglob
  local files=("$PID_DIR"/*.pid)
  shopt -u nullglob
  [ "${#files[@]}" -gt 0 ] || return 0
  for f in "${files[@]}"; do
    pid="$(cat "$f" 2>/dev/null || true)"; name="$(basename "$f" .pid)"
    if pid_alive "$pid"; then
      log "stopping $name (pid $pid)"
      # its process group (setsid): whatever it started (e.g. reporting's Chromium) stops with it
      kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
      pids+=("$pid")
    fi
  done
  local deadline=$((SECONDS + 20)) left
  while :; do
    left=()
    for pid in "${pids[@]+"${pids[@]}"}"; do pid_alive "$pid" && left+=("$pid"); done
    [ "${#left[@]}" -gt 0 ] || break
    if [ $SECONDS -ge $deadline ]; then
      warn "killing ${left[*]} (did not stop within 20 s)"
      for pid in "${left[@]}"; do kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true; done
      break
    fi
    sleep 0.3
  done
  rm -f "${files[@]}" "$PID_DIR"/*.exit
}

http_status() { # url -> HTTP status code, or 000
  if command -v curl >/dev/null 2>&1; then
    curl -s -o /dev/null -m 3 -w '%{http_code}' "$1" 2>/dev/null || echo 000
  else
    local hostport="${1#http://}"; hostport="${hostport%%/*}"; local path="/${1#http://*/}"
    timeout 3 bash -c "exec 3<>/dev/tcp/${hostport%:*}/${hostport#*:}; printf 'GET %s HTTP/1.0\r\nHost: %s\r\n\r\n' '$path' '$hostport' >&3; head -1 <&3" 2>/dev/null \
      | awk '{print $2}' | grep -E '^[0-9]{3}$' || echo 000
  fi
}

port_in_use() { # port -> something listens on it
  if command -v ss >/dev/null 2>&1; then
    [ -n "$(ss -Htan "sport = :$1" 2>/dev/null | awk '$1 == "LISTEN"')" ] && return 0
  fi
  timeout 1 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null
}

port_holder() { # port -> what holds it: pid, command line, and whether a test run (./test.sh) started it
  local port="$1" pids pid
  if ! command -v ss >/dev/null 2>&1; then echo "  (install iproute2 for ss to see which process holds port $port)"; return 0; fi
  ss -Htanp "sport = :$port" 2>/dev/null | awk '$1 == "LISTEN"' | sed 's/^/  /'
  pids="$(ss -Htanp "sport = :$port" 2>/dev/null | grep -o 'pid=[0-9]*' | cut -d= -f2 | sort -u)"
  [ -n "$pids" ] || { echo "  (the holder's pid is not visible to this user: try sudo ss -ltnp 'sport = :$port')"; return 0; }
  for pid in $pids; do
    echo "  pid $pid: $(tr '\0\n' '  ' <"/proc/$pid/cmdline" 2>/dev/null | cut -c1-200)"
    if grep -qz '^TS_TEST_RUN=' "/proc/$pid/environ" 2>/dev/null; then
      echo "  pid $pid was started by a test run (./test.sh) that left it behind"
    fi
  done
}

wait_for_ports() { # port|name ... -> waits up to PORT_WAIT s for every port to be free; else says who holds it and exits
  local item port name busy deadline=$((SECONDS + PORT_WAIT)) said=0
  while :; do
    busy=()
    for item in "$@"; do port="${item%%|*}"; port_in_use "$port" && busy+=("$item"); done
    [ "${#busy[@]}" -gt 0 ] || return 0
    if [ $SECONDS -ge $deadline ]; then
      for item in "${busy[@]}"; do
        IFS='|' read -r port name <<<"$item"
        echo "[$LAUNCHER] port $port ($name) is still in use after ${PORT_WAIT} s; held by:" >&2
        port_holder "$port" >&2
      done
      echo "[$LAUNCHER] stop what holds these ports${LAUNCHER_PORT_HINT:-}, then run $LAUNCHER_SCRIPT again." >&2
      exit 1
    fi
    if [ "$said" = 0 ]; then
      said=1
      log "waiting up to ${PORT_WAIT} s for port(s) still in use: $(printf '%s ' "${busy[@]%%|*}")"
      for item in "${busy[@]}"; do port_holder "${item%%|*}" >&2; done
    fi
    sleep 1
  done
}

launch_piece() { # name dll port content-root env... -> starts `dotnet dll` in content-root (appsettings*.json and
  # wwwroot are found there, as `dotnet run` does) with these environment variables added; writes PID_DIR/name.pid
  # and, when it ends, PID_DIR/name.exit.
  local name="$1" dll="$2" port="$3" dir="$4"; shift 4
  wait_for_ports "$port|$name"
  log "starting $name on http://127.0.0.1:$port (log $LOG_DIR/$name.log)"
  rm -f "$PID_DIR/$name.pid" "$PID_DIR/$name.exit"
  : >"$LOG_DIR/$name.log"
  # A watcher subshell starts the piece and, when it ends, appends its exit code (or the signal that killed it) to
  # the log and writes <piece>.exit: a piece that dies before logging anything still says how it died.
  # setsid: own session and process group, so Ctrl+C in this terminal reaches only the launching script (which then
  # stops the pieces) and stopping the group stops what the piece started. The background job is never a group
  # leader, so setsid execs in place: the pid written is the dotnet process itself.
  (
    echo "[$LAUNCHER] $(date -u +%FT%TZ) starting $name: dotnet $dll (port $port, content root $dir)"
    cd "$dir" || { echo "[$LAUNCHER] cannot cd to $dir"; echo 1 >"$PID_DIR/$name.exit"; exit 1; }
    env "$@" setsid dotnet "$dll" </dev/null &
    child=$!
    echo "$child" >"$PID_DIR/$name.pid"
    rc=0; wait "$child" || rc=$?   # (set -e is inherited: a plain `wait` failing would end this watcher)
    why=""
    if [ "$rc" -gt 128 ]; then
      why=" (128 + $((rc - 128)): killed by signal $((rc - 128)) SIG$(kill -l $((rc - 128)) 2>/dev/null || echo '?')"
      if [ "$rc" -eq 137 ]; then why="$why, e.g. out of memory or kill -9: see dmesg)"; else why="$why)"; fi
    fi
    echo "[$LAUNCHER] $(date -u +%FT%TZ) $name (pid $child) exited with code $rc$why"
    echo "$rc" >"$PID_DIR/$name.exit"
  ) >>"$LOG_DIR/$name.log" 2>&1 </dev/null &
  local deadline=$((SECONDS + 10))
  until [ -s "$PID_DIR/$name.pid" ] || [ -f "$PID_DIR/$name.exit" ] || [ $SECONDS -ge $deadline ]; do sleep 0.1; done
  STARTED+=("$name|$port")
}

fail_piece() { # name reason [port]
  echo "[$LAUNCHER] $1 $2. Last lines of $LOG_DIR/$1.log:" >&2
  tail -n 40 "$LOG_DIR/$1.log" >&2 || true
  if [ -n "${3:-}" ] && grep -qi 'address already in use' "$LOG_DIR/$1.log" 2>/dev/null; then
    echo "[$LAUNCHER] port $3 was taken by another process as $1 started; held by:" >&2
    port_holder "$3" >&2
  fi
  exit 1
}

exit_code_of() { # name -> the exit code its watcher recorded (waits a moment for it), or "unknown"
  local deadline=$((SECONDS + 3))
  until [ -f "$PID_DIR/$1.exit" ] || [ $SECONDS -ge $deadline ]; do sleep 0.1; done
  cat "$PID_DIR/$1.exit" 2>/dev/null || echo unknown
}

wait_ready() { # name|port ... -> each answers GET /health/ready with 200 by READY_DEADLINE, or fail_piece
  local item name port pid pending=("$@") next
  while [ "${#pending[@]}" -gt 0 ]; do
    next=()
    for item in "${pending[@]}"; do
      IFS='|' read -r name port <<<"$item"
      pid="$(cat "$PID_DIR/$name.pid" 2>/dev/null || true)"
      if [ -f "$PID_DIR/$name.exit" ] || { [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; }; then
        fail_piece "$name" "exited with code $(exit_code_of "$name") before it became ready" "$port"
      fi
      if [ "$(http_status "http://127.0.0.1:$port/health/ready")" = 200 ]; then
        log "$name ready"
      else
        next+=("$item")
      fi
    done
    pending=("${next[@]+"${next[@]}"}")
    [ "${#pending[@]}" -gt 0 ] || break
    if [ $SECONDS -ge "$READY_DEADLINE" ]; then
      for item in "${pending[@]}"; do IFS='|' read -r name port <<<"$item"; fail_piece "$name" "not ready (GET /health/ready != 200) in time"; done
    fi
    sleep 1
  done
}
