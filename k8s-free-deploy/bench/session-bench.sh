#!/usr/bin/env bash
# The session store's speed on this host, in one run, loopback only, bounded (a few runs of 8 s):
#   - session writes (POST /api/sessions) and reads (GET /api/sessions/<id>) per second and their p99,
#     through the edge (nginx, auth_request to session-service, session-service, Redis), with a token;
#   - the machine's HTTP ceiling: an nginx of its own on a free loopback port, with the edge's worker
#     settings, answering a fixed 200, measured with the same wrk settings;
#   - redis-benchmark GET/SET against a throwaway redis-server on a free loopback port, started with the
#     platform's own redis.conf (lib/tuning.sh render_redis_conf: AOF, fsync every second, noeviction),
#     so the platform's Redis gets none of its keys.
# It makes a `sessions` token when the edge asks for one (revoked at the end) and deletes the sessions it
# made. Settings: BENCH_THREADS (2), BENCH_CONNECTIONS (16), BENCH_DURATION (8s), BENCH_REDIS_REQUESTS
# (100000). Needs root (the admin token, nginx, redis-server); wrk comes from Debian if missing.
HERE=$(cd "$(dirname "$0")" && pwd)
LIB=$HERE/../lib
set -uo pipefail
set -a
# shellcheck disable=SC1091
. /etc/fjord/fjord.env
set +a
DOMAIN=${FJORD_DOMAIN:-fjord.localhost}
EDGE=${FJORD_EDGE:-http://127.0.0.1}
ADMIN_TOKEN_FILE=${FJORD_ADMIN_TOKEN_FILE:-/var/lib/fjord/admin.token}
THREADS=${BENCH_THREADS:-2} CONNECTIONS=${BENCH_CONNECTIONS:-16} DURATION=${BENCH_DURATION:-8s}
REDIS_REQUESTS=${BENCH_REDIS_REQUESTS:-100000}
WRK=(wrk "-t$THREADS" "-c$CONNECTIONS" "-d$DURATION" --timeout 5s)

die() { printf 'session-bench: %s\n' "$*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || die "run it as root (it reads the admin token and starts nginx and redis-server)"
command -v wrk >/dev/null || { apt-get install -y -qq wrk >/dev/null || die "wrk is missing and apt-get could not install it"; }
command -v redis-benchmark >/dev/null || die "redis-benchmark is missing (package redis-tools)"

WORK=$(mktemp -d)
chmod 0700 "$WORK"
TOKEN="" TOKEN_ID="" CEILING_PORT="" REDIS_PORT="" REDIS_PASSWORD=""

# The run's leftovers go whatever happens: the ceiling nginx, the throwaway Redis, the token, the sessions.
cleanup() {
  local pid
  if pid=$(cat "$WORK/nginx/nginx.pid" 2>/dev/null); then
    nginx -p "$WORK/nginx" -e "$WORK/nginx/error.log" -c "$WORK/nginx/nginx.conf" -s quit 2>/dev/null
    wait_gone "$pid"
  fi
  if pid=$(cat "$WORK/redis/redis.pid" 2>/dev/null); then
    REDISCLI_AUTH=$REDIS_PASSWORD redis-cli -h 127.0.0.1 -p "$REDIS_PORT" --no-auth-warning shutdown nosave >/dev/null 2>&1
    wait_gone "$pid"
  fi
  if [ -s "$WORK/ids" ]; then
    # Only the keys of this run's ids, in batches; the platform's own Redis as its admin user.
    sed "s|^|${SESSION_PREFIX:-fjord:session:}|" "$WORK/ids" | REDISCLI_AUTH=$FJORD_REDIS_PASSWORD xargs -r -n 500 \
      redis-cli -h 127.0.0.1 -p 6379 --no-auth-warning del >/dev/null
  fi
  [ -n "$TOKEN_ID" ] && admin DELETE "/api/tokens/$TOKEN_ID" >/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# wait_gone PID: up to 10 s for a process to end. A zombie has ended: daemons here are children of
# PID 1, which may reap them late.
wait_gone() {
  local pid=$1 i state
  [ -n "$pid" ] || return 0
  for i in $(seq 1 50); do
    state=$(ps -o stat= -p "$pid" 2>/dev/null)
    [ -z "$state" ] || [[ $state == Z* ]] && return 0
    sleep 0.2
  done
  return 1
}

# free_port: a loopback TCP port nobody listens on.
free_port() {
  local port i
  for i in $(seq 1 50); do
    port=$((20000 + RANDOM % 30000))
    [ -z "$(ss -Hltn "sport = :$port")" ] && { echo "$port"; return 0; }
  done
  return 1
}

# admin METHOD PATH [BODY]: the platform API through the edge with the admin token; prints "STATUS BODY".
# Tokens reach curl in a header file, never on its command line (ps shows that to every user).
printf 'Authorization: Bearer %s\n' "$(cat "$ADMIN_TOKEN_FILE" 2>/dev/null)" >"$WORK/admin-header"
admin() {
  local args=(-sS --max-time 10 -o "$WORK/body" -w '%{http_code}' -X "$1" -H "Host: api.$DOMAIN" -H "@$WORK/admin-header")
  [ $# -gt 2 ] && args+=(-H 'Content-Type: application/json' --data-binary "$3")
  printf '%s %s' "$(curl "${args[@]}" "$EDGE$2")" "$(cat "$WORK/body" 2>/dev/null)"
}

# wrk_run NAME SCRIPT URL: runs wrk and keeps its RESULT line as results/NAME. The scripts' session ids
# are in $IDS (default $WORK/ids).
wrk_run() {
  local name=$1 script=$2 url=$3 out
  out=$(BENCH_TOKEN=$TOKEN BENCH_IDS=${IDS:-$WORK/ids} "${WRK[@]}" -s "$script" "$url" 2>&1)
  grep '^RESULT ' <<<"$out" | cut -d' ' -f2- >"$WORK/results/$name"
  [ -s "$WORK/results/$name" ] || die "wrk ($name) gave no result: $out"
}
mkdir -p "$WORK/results"

# Other work on the host (builds, tests) shares the CPUs: the load is printed with the figures.
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
echo "session-bench: wrk ${WRK[*]:1}, redis-benchmark -n $REDIS_REQUESTS; $(nproc) CPUs, load average $(loadavg)"

# --- Through the edge -----------------------------------------------------------------------------
# Sessions live 60 s: the few still in flight when a write run stops (their ids never reach the script)
# expire soon after it.
export BENCH_HOST=api.$DOMAIN BENCH_TTL=60
# The session key prefix of the running session-service, for the cleanup (its default unless told).
SESSION_PREFIX=${FJORD_SESSION_KEY_PREFIX:-fjord:session:}
edge_status=$(curl -s --max-time 10 -o /dev/null -w '%{http_code}' -H "Host: api.$DOMAIN" "$EDGE/api/apps")
if [ "$edge_status" = 401 ]; then
  out=$(admin POST /api/tokens "{\"name\": \"bench-$(head -c 4 /dev/urandom | od -An -tx1 | tr -d ' \n')\", \"scope\": \"sessions\"}")
  [ "${out%% *}" = 201 ] || die "the admin could not make a sessions token: $out"
  TOKEN=$(jq -r .token <<<"${out#* }") TOKEN_ID=$(jq -r .id <<<"${out#* }")
  printf 'Authorization: Bearer %s\n' "$TOKEN" >"$WORK/token-header"
  auth_note="with a sessions token"
else
  auth_note="WITHOUT a token: the edge does not check tokens yet (GET /api/apps answered $edge_status)"
fi
probe=$(curl -s --max-time 10 -o /dev/null -w '%{http_code}' -H "Host: $BENCH_HOST" -H 'Content-Type: application/json' \
  ${TOKEN:+-H "@$WORK/token-header"} --data-binary '{"data": {}, "ttl": 5}' "$EDGE/api/sessions")
[ "$probe" = 201 ] || die "POST /api/sessions through the edge answered $probe, not 201"
echo "  through the edge ($EDGE, Host $BENCH_HOST) $auth_note"

wrk_run write "$HERE/session-wrk-write.lua" "$EDGE/api/sessions"
[ -s "$WORK/ids" ] || die "the write run made no session"
sessions_made=$(wc -l <"$WORK/ids")
# The read run goes round at most 1000 of the sessions just made.
head -n 1000 "$WORK/ids" >"$WORK/read-ids"
IDS=$WORK/read-ids wrk_run read "$HERE/session-wrk-read.lua" "$EDGE/api/sessions"

# --- The HTTP ceiling: nginx answering a fixed 200 with the edge's worker settings ----------------------
mkdir -p "$WORK/nginx"
CEILING_PORT=$(free_port) || die "no free loopback port for the ceiling nginx"
# The edge's own values where its file has them, nginx's usual ones otherwise.
edge_conf=${FJORD_LIB:-/var/lib/fjord}/nginx/nginx.conf
edge_setting() { sed -n "s/^ *$1 \+\([^;]*\);.*/\1/p" "$edge_conf" 2>/dev/null | head -n 1 | grep . || echo "$2"; }
cat >"$WORK/nginx/nginx.conf" <<NGINX
worker_processes $(edge_setting worker_processes auto);
worker_rlimit_nofile $(edge_setting worker_rlimit_nofile 20000);
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events {
    worker_connections $(edge_setting worker_connections 10000);
    use epoll;
    multi_accept $(edge_setting multi_accept on);
}
http {
    # A log line per request, as the edge writes one.
    access_log $WORK/nginx/access.log;
    keepalive_timeout $(edge_setting keepalive_timeout 65s);
    keepalive_requests $(edge_setting keepalive_requests 1000);
    client_body_temp_path $WORK/nginx/client_body_temp;
    proxy_temp_path $WORK/nginx/proxy_temp;
    fastcgi_temp_path $WORK/nginx/fastcgi_temp;
    uwsgi_temp_path $WORK/nginx/uwsgi_temp;
    scgi_temp_path $WORK/nginx/scgi_temp;
    server {
        listen 127.0.0.1:$CEILING_PORT;
        location / {
            default_type text/plain;
            return 200 "ok\n";
        }
    }
}
NGINX
nginx -p "$WORK/nginx" -e "$WORK/nginx/error.log" -c "$WORK/nginx/nginx.conf" || die "the ceiling nginx did not start"
for i in $(seq 1 50); do curl -s -o /dev/null "http://127.0.0.1:$CEILING_PORT/" && break; sleep 0.2; done
BENCH_HOST=127.0.0.1:$CEILING_PORT wrk_run ceiling "$HERE/session-wrk-report.lua" "http://127.0.0.1:$CEILING_PORT/"
ceiling_pid=$(cat "$WORK/nginx/nginx.pid")
nginx -p "$WORK/nginx" -e "$WORK/nginx/error.log" -c "$WORK/nginx/nginx.conf" -s quit
wait_gone "$ceiling_pid" || die "the ceiling nginx did not quit"

# --- redis-benchmark against a throwaway Redis with the platform's configuration --------------------
REDIS_PORT=$(free_port) || die "no free loopback port for the throwaway Redis"
REDIS_PASSWORD=$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')
mkdir -p "$WORK/redis/redis"
(
  # shellcheck disable=SC1091
  . "$LIB/common.sh" && . "$LIB/tuning.sh" && . "$LIB/backing.sh" || exit 1
  # shellcheck disable=SC2034 # read by render_redis_conf and write_redis_users
  FJORD_LIB=$WORK/redis FJORD_LOG=$WORK/redis FJORD_RUN=$WORK/redis FJORD_ETC=$WORK/redis
  FJORD_REDIS_PASSWORD=$REDIS_PASSWORD FJORD_REDIS_SESSION_USER=fjord-session
  FJORD_REDIS_SESSION_PASSWORD=$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')
  render_redis_conf "$(mem_kib)" >"$WORK/redis/redis.conf"
  write_redis_users
) || die "could not render the Redis configuration"
# Its own port, loopback only; everything else as the platform's Redis runs.
redis-server "$WORK/redis/redis.conf" --port "$REDIS_PORT" --bind 127.0.0.1 >/dev/null 2>&1 || die "the throwaway Redis did not start"
rcli() { REDISCLI_AUTH=$REDIS_PASSWORD redis-cli -h 127.0.0.1 -p "$REDIS_PORT" --no-auth-warning "$@"; }
for i in $(seq 1 50); do [ "$(rcli ping 2>/dev/null)" = PONG ] && break; sleep 0.2; done
[ "$(rcli config get appendonly | tail -n 1) $(rcli config get maxmemory-policy | tail -n 1)" = "yes noeviction" ] \
  || die "the throwaway Redis does not run with the platform's configuration"
# -q as asked, --csv for the percentiles; random keys (-r) so SET and GET do not hit a single key. The
# password on its command line is this throwaway server's, made above and gone with it.
redis-benchmark -h 127.0.0.1 -p "$REDIS_PORT" -a "$REDIS_PASSWORD" -q --csv -n "$REDIS_REQUESTS" -r 100000 \
  -t get,set >"$WORK/redis-benchmark.csv" 2>"$WORK/redis-benchmark.err" \
  || die "redis-benchmark failed: $(cat "$WORK/redis-benchmark.err")"
redis_pid=$(cat "$WORK/redis/redis.pid")
rcli shutdown nosave >/dev/null 2>&1
wait_gone "$redis_pid" || die "the throwaway Redis did not stop"
# "SET","98039.22","0.297","0.088","0.271","0.447","0.583","1.663": test, rps, avg, min, p50, p95, p99, max
csv() { awk -F'"' -v t="$1" -v col="$2" '$2 == t { print $(2 * col) }' "$WORK/redis-benchmark.csv"; }
for t in SET GET; do
  printf '%.0f %s %s 0 0\n' "$(csv "$t" 2)" "$(csv "$t" 5)" "$(csv "$t" 7)" >"$WORK/results/redis-$t"
done

# --- The table --------------------------------------------------------------------------------------
echo
printf '%-46s %12s %9s %9s %9s\n' "" "requests/s" "p50 ms" "p99 ms" "errors"
row() {
  local label=$1 result
  read -r rps p50 p99 status socket <"$WORK/results/$2"
  printf '%-46s %12s %9s %9s %9s\n' "$label" "$rps" "$p50" "$p99" "$((status + socket))"
}
row "session writes, edge (POST /api/sessions)" write
row "session reads, edge (GET /api/sessions/<id>)" read
row "HTTP ceiling, nginx return 200" ceiling
row "redis-benchmark SET (throwaway, same conf)" redis-SET
row "redis-benchmark GET (throwaway, same conf)" redis-GET
echo
read -r ceiling_rps _ <"$WORK/results/ceiling"
read -r write_rps _ <"$WORK/results/write"
read -r read_rps _ <"$WORK/results/read"
echo "load average at the end: $(loadavg)"
printf 'writes reach %s%% and reads %s%% of the HTTP ceiling; %s sessions made and deleted (the few in flight at the end expire within 60 s); errors: non-2xx answers + socket errors.\n' \
  "$(awk -v a="$write_rps" -v b="$ceiling_rps" 'BEGIN { printf "%.1f", a * 100 / b }')" \
  "$(awk -v a="$read_rps" -v b="$ceiling_rps" 'BEGIN { printf "%.1f", a * 100 / b }')" "$sessions_made"
