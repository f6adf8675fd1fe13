#!/usr/bin/env bash
# Starts the installed console on its embedded sandbox under a private Xvfb, with its settings, data and log in a
# throw-away home (CHECK_HOME, default a new temporary folder), and checks from its log that
#   - the log file is where the OS keeps logs ($XDG_STATE_HOME/evpower-console/logs/console.log),
#   - it started with its start-up archive (-Xshare:on: Java refuses to start when the archive cannot be used),
#   - it reached the login window, and the sandbox answered (its demo accounts),
#   - nothing failed on the way (no ERROR line, no exception).
# Then stops it. Prints the start-up time. Usage: installer/check-installed.sh [INSTALL_DIR]   (default /opt/evpower-console)
set -euo pipefail
DIR=${1:-/opt/evpower-console}
NAME=evpower-console
CHECK_HOME=${CHECK_HOME:-$(mktemp -d)}
export XDG_CONFIG_HOME=$CHECK_HOME/config XDG_DATA_HOME=$CHECK_HOME/data XDG_STATE_HOME=$CHECK_HOME/state \
    XDG_CACHE_HOME=$CHECK_HOME/cache
LOG=$XDG_STATE_HOME/$NAME/logs/console.log
mkdir -p "$XDG_CONFIG_HOME/$NAME"
# the user's own settings (uninstalling must leave them): a window size the console reads at start
printf '{"language":"ru","windowWidth":1200.0,"windowHeight":760.0}\n' >"$XDG_CONFIG_HOME/$NAME/settings.json"

DISPLAY=:$((200 + RANDOM % 500))
export DISPLAY
Xvfb "$DISPLAY" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
XVFB=$!
sleep 1
t0=$(date +%s%N)
EVPOWER_JAVA_OPTIONS=-Xshare:on "$DIR/bin/$NAME" >"$CHECK_HOME/stderr" 2>&1 &
APP=$!
shown=
for _ in $(seq 600); do
    if [ -z "$shown" ] && [ -f "$LOG" ] && grep -q "started after" "$LOG"; then shown=$(( ($(date +%s%N) - t0) / 1000000 )); fi
    [ -f "$LOG" ] && grep -q "sandbox answered" "$LOG" && break
    kill -0 $APP 2>/dev/null || break
    sleep 0.1
done
sleep 1
# what it wrote while running (stopping a busy sandbox may log an interrupted write; that is not the check's business)
[ -f "$LOG" ] && cp "$LOG" "$CHECK_HOME/running.log"
kill $APP 2>/dev/null || true
wait $APP 2>/dev/null || true
kill $XVFB 2>/dev/null || true

fail() {
    echo "installed console check FAILED: $1" >&2
    echo "--- standard error:" >&2
    cat "$CHECK_HOME/stderr" >&2
    exit 1
}
[ -f "$LOG" ] || fail "no log at $LOG"
grep -q "started after" "$LOG" || fail "the login window was not shown"
grep -q "sandbox answered" "$LOG" || fail "the sandbox did not answer"
if grep -E -q " ERROR |Exception" "$CHECK_HOME/running.log"; then
    fail "errors in the log: $(grep -E -m3 ' ERROR |Exception' "$CHECK_HOME/running.log")"
fi
echo "installed console: login window after $(grep -o 'started after [0-9]* ms' "$LOG" | grep -o '[0-9]*') ms from main," \
    "${shown:-?} ms from the process start; $(grep -o 'sandbox answered.*' "$LOG"); log in $LOG"
