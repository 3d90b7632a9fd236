#!/usr/bin/env bash
# Sessions outlive a restart of the platform's Redis: a session made and changed through the edge (with a
# `sessions` token) reads back with the same data and ETag after `redis-cli shutdown` (which writes the
# AOF out) and a start exactly as the install does it (lib/backing.sh start_redis), and can be written
# again. An app's Redis user and its key survive too. Redis must run with noeviction and appendonly.
# Redis is down for about a second, once; other tests that use it at that moment may see an error.
HERE=$(cd "$(dirname "$0")" && pwd)
LIB=$HERE/../lib
. "$HERE/lib.sh"
ADMIN_TOKEN_FILE=${FJORD_ADMIN_TOKEN_FILE:-/var/lib/fjord/admin.token}
ETC=${FJORD_ETC:-/etc/fjord}
SUFFIX=$(head -c 4 /dev/urandom | od -An -tx1 | tr -d ' \n')
APP=e2e-redis-$SUFFIX
WORK=$(mktemp -d)
chmod 0700 "$WORK"
ADMIN=$(cat "$ADMIN_TOKEN_FILE" 2>/dev/null)
TOKEN="" TOKEN_ID="" SID="" APP_MADE=""
echo "session-redis-restart-test: app $APP"

# Passwords go to redis-cli through its environment, not its command line (ps shows that to everyone).
rcli() { REDISCLI_AUTH=$FJORD_REDIS_PASSWORD redis-cli -h 127.0.0.1 -p 6379 --no-auth-warning "$@"; }
redis_conf() { rcli config get "$1" 2>/dev/null | tail -n 1; }

# req TOKEN METHOD PATH [BODY [HEADER]]: through the edge ("-": no token); prints the status; headers in
# $WORK/headers, body in $WORK/body.
req() {
  local token=$1 method=$2 path=$3
  local args=(-sS --max-time 10 -D "$WORK/headers" -o "$WORK/body" -w '%{http_code}' -X "$method" -H "Host: api.$DOMAIN")
  # The token in a header file: never on a command line, which ps shows to every user.
  [ "$token" != - ] && { printf 'Authorization: Bearer %s\n' "$token" >"$WORK/auth.header"; args+=(-H "@$WORK/auth.header"); }
  [ $# -gt 3 ] && args+=(-H 'Content-Type: application/json' --data-binary "$4")
  [ $# -gt 4 ] && args+=(-H "$5")
  : >"$WORK/headers"; : >"$WORK/body"
  curl "${args[@]}" "$EDGE$path" 2>/dev/null </dev/null
}
etag() { tr -d '\r' <"$WORK/headers" | sed -n 's/^[Ee][Tt][Aa][Gg]: *//p'; }
session_t() { [ -n "$TOKEN" ] && echo "$TOKEN" || echo -; }

cleanup() {
  [ -n "$SID" ] && req "$(session_t)" DELETE "/api/sessions/$SID" >/dev/null
  [ -n "$TOKEN_ID" ] && req "$ADMIN" DELETE "/api/tokens/$TOKEN_ID" >/dev/null
  [ -n "${APP_PREFIX:-}" ] && rcli del "${APP_PREFIX}e2e" >/dev/null 2>&1
  [ -n "$APP_MADE" ] && req "$ADMIN" DELETE "/api/apps/$APP_MADE" >/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

# --- A session, made and changed through the edge ----------------------------------------------------
if [ "$(req - GET /api/apps)" = 401 ]; then
  status=$(req "$ADMIN" POST /api/tokens "{\"name\": \"e2e-redis-$SUFFIX\", \"scope\": \"sessions\"}")
  check_eq "the admin makes a sessions token" 201 "$status"
  TOKEN=$(jq -r '.token // empty' "$WORK/body") TOKEN_ID=$(jq -r '.id // empty' "$WORK/body")
  [ -n "$TOKEN" ] || { finish; exit; }
else
  echo "  (the edge does not check tokens yet: the sessions are made without one)"
fi
T=$(session_t)
check_eq "POST /api/sessions creates a session" 201 \
  "$(req "$T" POST /api/sessions '{"data": {"user": "e2e", "cart": [1, 2, 3], "nested": {"theme": "dark"}}, "ttl": 600}')"
SID=$(jq -r '.id // empty' "$WORK/body")
check_eq "its ETag is \"1\"" '"1"' "$(etag)"
check_eq "PUT with If-Match \"1\" changes it" 200 \
  "$(req "$T" PUT "/api/sessions/$SID" '{"data": {"user": "e2e", "cart": [1, 2, 3, 4], "nested": {"theme": "light"}, "text": "ünïcødé ✓"}}' 'If-Match: "1"')"
check_eq "its ETag is \"2\" now" '"2"' "$(etag)"
check_eq "GET reads it" 200 "$(req "$T" GET "/api/sessions/$SID")"
ETAG_BEFORE=$(etag)
DATA_BEFORE=$(jq -S -c '.data' "$WORK/body")
TTL_BEFORE=$(jq -r '.ttl' "$WORK/body")
KEY=$(rcli --scan --pattern "*$SID" | head -n 1)
check "the session is a key of Redis with an expiry ($KEY)" bash -c '[ -n "$1" ] && [ "$2" -gt 0 ]' _ "$KEY" "$(rcli ttl "$KEY")"

# --- An app's own Redis user, with a key of its own ------------------------------------------------------
status=$(req "$ADMIN" POST /api/apps "{\"name\": \"$APP\"}")
[ "$status" = 201 ] && APP_MADE=$APP
check_eq "the admin creates the app $APP" 201 "$status"
credentials() {
  printf 'X-Fjord-Edge: %s\n' "$FJORD_EDGE_SECRET" >"$WORK/edge.header"
  curl -sS --max-time 5 -o "$WORK/credentials" -w '%{http_code}' -H "@$WORK/edge.header" \
    "http://127.0.0.1:8084/internal/apps/$APP/redis-credentials" 2>/dev/null | grep -qx 200
}
APP_USER="" APP_PASS=""
if check "session-service gives the app Redis credentials" wait_until 30 credentials \
  && [[ $(jq -r .redisUrl "$WORK/credentials") =~ ^redis://([^:]+):([^@]+)@ ]]; then
  APP_USER=${BASH_REMATCH[1]} APP_PASS=${BASH_REMATCH[2]}
  APP_PREFIX=$(jq -r .sessionKeyPrefix "$WORK/credentials")
fi
rm -f "$WORK/credentials"
acli() { REDISCLI_AUTH=$APP_PASS redis-cli -h 127.0.0.1 -p 6379 --user "$APP_USER" --no-auth-warning "$@"; }
if [ -n "$APP_USER" ]; then
  check_eq "the app's user writes a key under its prefix" OK "$(acli set "${APP_PREFIX}e2e" "kept across restarts" ex 600)"
fi

# --- Redis as the platform runs it -------------------------------------------------------------------
check_eq "maxmemory-policy is noeviction" noeviction "$(redis_conf maxmemory-policy)"
check_eq "appendonly is yes" yes "$(redis_conf appendonly)"
USERS_BEFORE=$(rcli acl users | sort | paste -sd' ')
# What start_redis needs: the env file's Redis settings, and the ACL file or what it is written from.
(
  set -a; . "$ETC/fjord.env"; set +a
  [ -n "${FJORD_REDIS_PASSWORD:-}" ] || exit 1
  [ -s "$ETC/redis-users.acl" ] || { [ -n "${FJORD_REDIS_SESSION_USER:-}" ] && [ -n "${FJORD_REDIS_SESSION_PASSWORD:-}" ]; }
) && can_start=yes || can_start=no
check_eq "start_redis has what it needs (fjord.env, the ACL file or its users' passwords)" yes "$can_start"
if [ "$can_start" != yes ] || [ -z "$SID" ]; then
  echo "  Redis is not restarted"
  finish; exit
fi
[ -f "$ETC/redis.conf" ] && cp -p "$ETC/redis.conf" "$WORK/redis.conf.before"
PID=$(rcli info server | tr -d '\r' | sed -n 's/^process_id://p')
[ -n "$PID" ] || { fail "Redis names its process id (INFO server)"; finish; exit; }

# --- The restart, once --------------------------------------------------------------------------------
echo "restarting Redis (pid $PID)"
down_at=$(date +%s.%N)
rcli shutdown >"$WORK/shutdown.out" 2>&1
# Ended: no such process, or a zombie (a daemon's parent here is PID 1, which may reap it late).
gone() { local state; state=$(ps -o stat= -p "$PID" 2>/dev/null); [ -z "$state" ] || [[ $state == Z* ]]; }
check "redis-cli shutdown stops Redis" wait_until 20 gone
if ! gone; then
  fail "Redis stopped" "$(cat "$WORK/shutdown.out")"
  finish; exit
fi
(
  # shellcheck disable=SC1091
  . "$LIB/common.sh" && . "$LIB/tuning.sh" && . "$LIB/backing.sh"
  set -a; . "$ETC/fjord.env"; set +a
  start_redis
) >"$WORK/start.out" 2>&1
start_rc=$?
up_at=$(date +%s.%N)
check_eq "start_redis starts Redis again" 0 "$start_rc"
if ! rcli ping 2>/dev/null | grep -q PONG; then
  fail "Redis answers after start_redis" "$(cat "$WORK/start.out")"
  # Never leave the platform without Redis: start it with the file it ran with before.
  [ -f "$WORK/redis.conf.before" ] && redis-server "$WORK/redis.conf.before" >/dev/null 2>&1
  wait_until 30 eval 'rcli ping | grep -q PONG'
  finish; exit
fi
printf '  Redis was down for %.1f s\n' "$(awk -v a="$down_at" -v b="$up_at" 'BEGIN { print b - a }')"
check "it is a new process" test "$(rcli info server | tr -d '\r' | sed -n 's/^process_id://p')" != "$PID"

echo "after the restart"
check_eq "maxmemory-policy is still noeviction" noeviction "$(redis_conf maxmemory-policy)"
check_eq "appendonly is still yes" yes "$(redis_conf appendonly)"
check_eq "Redis has the same users (the ACL file kept them)" "$USERS_BEFORE" "$(rcli acl users | sort | paste -sd' ')"
ttl=$(rcli ttl "$KEY")
check "the session's key still expires (ttl $ttl s of $TTL_BEFORE)" bash -c '[ "$1" -gt 0 ] && [ "$1" -le "$2" ]' _ "$ttl" "$TTL_BEFORE"

# session-service's connections to Redis broke with the restart: it must reconnect, within seconds.
# Each answer goes to a file: check runs the wait in a subshell.
read_back() { local s; s=$(req "$T" GET "/api/sessions/$SID"); printf '%s ' "$s" >>"$WORK/statuses"; [ "$s" = 200 ]; }
: >"$WORK/statuses"
started=$SECONDS
check "the session reads back through the edge" wait_until 20 read_back
statuses=$(cat "$WORK/statuses")
echo "  answers until then: ${statuses% } (after $((SECONDS - started)) s)"
check_eq "the first read after the restart already succeeds" 200 "${statuses%% *}"
check_eq "same ETag" "$ETAG_BEFORE" "$(etag)"
check_eq "same data" "$DATA_BEFORE" "$(jq -S -c '.data' "$WORK/body")"
check_eq "same ttl" "$TTL_BEFORE" "$(jq -r '.ttl' "$WORK/body")"
check_eq "a stale If-Match is still refused with 412" 412 \
  "$(req "$T" PUT "/api/sessions/$SID" '{"data": {}}' 'If-Match: "1"')"
check_eq "a write with the current ETag succeeds" 200 \
  "$(req "$T" PUT "/api/sessions/$SID" '{"data": {"after": "restart"}}' "If-Match: $ETAG_BEFORE")"
check_eq "and gives the next ETag" '"3"' "$(etag)"
if [ -n "$APP_USER" ]; then
  check_eq "the app's user still logs in and reads its key" "kept across restarts" "$(acli get "${APP_PREFIX}e2e" 2>&1)"
  acli del "${APP_PREFIX}e2e" >/dev/null
  APP_PREFIX=""
fi

check_eq "DELETE /api/sessions/$SID answers 204" 204 "$(req "$T" DELETE "/api/sessions/$SID")"
SID=""
check_eq "the session is gone from Redis" 0 "$(rcli exists "$KEY")"

finish
