#!/usr/bin/env bash
# The server-side probes of issue 21, run with curl against a sandbox started from a checkout's build:
#   tools/probes/server-probes.sh [CHECKOUT]     (default: this one; it must have run
#   `mvn -q compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt`)
# Prints one line per probe: what the server answered. Needs curl; starts and stops its own sandbox on a free port.
set -u
checkout=$(cd "${1:-$(dirname "$0")/../..}" && pwd)
data=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
B=http://127.0.0.1:$port
log=$data/sandbox.log
java -cp "$checkout/target/classes:$(cat "$checkout/target/cp.txt")" kg.evpower.sandbox.SandboxServer --port "$port" \
    --data-dir "$data/db" --reset --no-sim --rate-limit 60 >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 1 120); do grep -q 'listening on' "$log" && break; sleep 0.5; done
grep -q 'listening on' "$log" || { echo "the sandbox did not start:"; tail -20 "$log"; exit 1; }

code() { curl -s -o /dev/null -w '%{http_code}' "$@"; }
login() { # $1 phone, $2 cookie jar
  curl -s -X POST -H 'Content-Type: application/json' -d "{\"phone\":\"$1\"}" $B/api/v1/auth/otp/send >/dev/null
  local c; c=$(curl -s "$B/_sandbox/otp?phone=$(printf %s "$1" | sed 's/+/%2B/')" | sed 's/.*"code":"\([0-9]*\)".*/\1/')
  curl -s -c "$2" -X POST -H 'Content-Type: application/json' -d "{\"phone\":\"$1\",\"code\":\"$c\"}" $B/api/v1/auth/otp/verify >/dev/null
}
access() { awk '$6 == "evp_access" {print $7}' "$1"; }

echo "probe against $(git -C "$checkout" log --oneline -1 2>/dev/null | cut -c1-60 || echo "$checkout")"
curl -s -X POST -H 'Content-Type: application/json' -d '{"phone":"+996700000002"}' $B/api/v1/auth/otp/send >/dev/null
otp() { curl -s -w ' HTTP %{http_code}' "$@" "$B/_sandbox/otp?phone=%2B996700000002" | sed 's/.*"code":"\([0-9]*\)".*HTTP/code \1, HTTP/'; }
echo "- DNS rebinding, GET /_sandbox/otp with Host: attacker.example: $(otp -H 'Host: attacker.example')"
echo "- the same with Host: 127.0.0.1:$port: $(otp)"

jar=$data/jar
login +996700000001 "$jar"
a=$(access "$jar")
echo "- CSRF, a mutation with an attacker-chosen equal pair: HTTP $(code -X POST -H 'Content-Type: application/json' -d '{}' \
    -H "Cookie: evp_access=$a; XSRF-TOKEN=chosen" -H 'X-CSRF-Token: chosen' $B/api/v1/notifications/test)"
echo "- CSRF, an empty pair: HTTP $(code -X POST -H 'Content-Type: application/json' -d '{}' \
    -H "Cookie: evp_access=$a; XSRF-TOKEN=" -H 'X-CSRF-Token;' $B/api/v1/notifications/test)"
ws() { curl -s -o /dev/null -w '%{http_code}' --max-time 3 -H 'Connection: Upgrade' -H 'Upgrade: websocket' -H 'Sec-WebSocket-Version: 13' \
    -H 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==' -H "Cookie: evp_access=$a" "$@" $B/api/v1/admin/ws/sessions; }
echo "- sessions WebSocket with the operator's cookie and Origin: https://evil.example: HTTP $(ws -H 'Origin: https://evil.example')"
echo "- the same with Origin: https://localhost.evil.example: HTTP $(ws -H 'Origin: https://localhost.evil.example')"
echo "- the same without an Origin (the console): HTTP $(ws)"

limited=0
retry=
for i in $(seq 1 80); do
  h=$(curl -s -D - -o /dev/null -H "X-Forwarded-For: 10.1.$((i / 250)).$((i % 250))" $B/api/v1/locations)
  case "$h" in *" 429"*) limited=$((limited + 1)); retry=$(printf '%s' "$h" | tr -d '\r' | sed -n 's/^[Rr]etry-[Aa]fter: //p');; esac
done
echo "- 80 requests, each with another X-Forwarded-For, limit 60/min: $limited answered 429, Retry-After: ${retry:-none}"
echo "- database file mode: $(stat -c %a "$data/db/evpower.mv.db"), data folder mode: $(stat -c %a "$data/db")"
