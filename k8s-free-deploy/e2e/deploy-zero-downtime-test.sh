#!/usr/bin/env bash
# Deploys that never drop a request, end to end on the installed platform. Under a bounded, continuous
# load through nginx (wrk on loopback): five redeploys by git push, a config change, a scale of web from
# 1 to 3 and back, and a rollback, with zero failed requests (no non-2xx, no socket error). Then a push
# whose new version fails its health check (release failed, zero failed requests, the old version
# answers, the failed container's log readable through the API); a SIGKILL of deploy-service in the
# middle of a rollout (its supervisor restarts it; the app ends serving and consistent); and last, a
# restart of the Docker engine after which every app answers again.
#   deploy-zero-downtime-test.sh [--skip-docker-restart]
# --skip-docker-restart leaves the engine alone (it stops every container on the host for a moment,
# other people's tests included).
. "$(dirname "$0")/lib.sh"
GIT_ROOT=${FJORD_GIT_ROOT:-/var/lib/fjord/git}
NGINX_APPS=${FJORD_NGINX_APPS:-/var/lib/fjord/nginx/apps}
ADMIN_TOKEN_FILE=${FJORD_ADMIN_TOKEN_FILE:-/var/lib/fjord/admin.token}
LOGS=${FJORD_LOG:-/var/log/fjord}
RESTART_DOCKER=yes
for arg in "$@"; do
  case $arg in
    --skip-docker-restart) RESTART_DOCKER=no ;;
    *) echo "unknown argument: $arg" >&2; exit 2 ;;
  esac
done
APP=e2e-zd-$(head -c 4 /dev/urandom | od -An -tx1 | tr -d ' \n')
WORK=$(mktemp -d)
WRK_PID=
cleanup() {
  [ -n "$WRK_PID" ] && kill -INT "$WRK_PID" 2>/dev/null
  dapi DELETE "/api/apps/$APP" >/dev/null 2>&1
  rm -rf "$WORK"
}
trap cleanup EXIT
echo "deploy-zero-downtime-test: app $APP"

# dapi METHOD PATH [BODY]: the platform API through the edge, with the admin token when there is one;
# prints the status, the body is in $WORK/body.
dapi() {
  local args=(-sS --max-time 30 -o "$WORK/body" -w '%{http_code}' -X "$1" -H "Host: api.$DOMAIN")
  [ -s "$ADMIN_TOKEN_FILE" ] && args+=(-H "Authorization: Bearer $(cat "$ADMIN_TOKEN_FILE")")
  [ $# -gt 2 ] && args+=(-H 'Content-Type: application/json' --data-binary "$3")
  curl "${args[@]}" "$EDGE$2" 2>/dev/null </dev/null
}

# release_status [VERSION]: the status of release VERSION (default: the newest).
release_status() {
  dapi GET "/api/apps/$APP/releases" >/dev/null
  if [ $# -gt 0 ]; then jq -r --argjson v "$1" '.[] | select(.version == $v) | .status' "$WORK/body"
  else jq -r '.[0].status // empty' "$WORK/body"; fi
}
newest_version() { dapi GET "/api/apps/$APP/releases" >/dev/null; jq -r '.[0].version // 0' "$WORK/body"; }
settled() { case $(release_status) in pending | starting | switching) return 1 ;; *) return 0 ;; esac; }
live_is() { [ "$(release_status "$1")" = live ]; }

# source_app TEXT [HEALTHY]: the app's source: a static busybox serving TEXT on $PORT, with a shell for
# its CGI script (/cgi-bin/env prints the environment) and a line on its output at start. Unhealthy:
# no www/up, so the default health check GET /up answers 404.
source_app() {
  local dir=$WORK/src
  mkdir -p "$dir/www/cgi-bin"
  cp /bin/busybox "$dir/busybox"
  printf '%s\n' "$1" >"$dir/www/index.html"
  if [ "${2:-healthy}" = healthy ]; then echo ok >"$dir/www/up"; else rm -f "$dir/www/up"; fi
  printf '#!/bin/sh\necho "Content-Type: text/plain"\necho\n/bin/busybox env\n' >"$dir/www/cgi-bin/env"
  chmod +x "$dir/www/cgi-bin/env"
  cat >"$dir/Dockerfile" <<'DOCKERFILE'
FROM scratch
COPY busybox /bin/busybox
COPY busybox /bin/sh
COPY www /www
CMD ["/bin/busybox", "sh", "-c", "echo booting on port $PORT; exec /bin/busybox httpd -f -p $PORT -h /www"]
DOCKERFILE
  (cd "$dir" && { [ -d .git ] || git init -q -b main; } && git add -A \
    && git -c user.email=e2e@fjord -c user.name=e2e commit -qm "$1")
}

# push: git push to the platform; the hook waits for the release. Prints the output; the push's exit code.
push() { (cd "$WORK/src" && timeout 300 git push "$GIT_ROOT/$APP.git" main 2>&1); }

# Load: wrk through nginx with the app's host name until stopped (at most LOAD_SECONDS), summary in FILE.
# A new connection per request: on every reload nginx's old workers close their idle keep-alive client
# connections, and a request sent on one at that instant is lost to a client that does not retry (wrk;
# browsers retry it). That is the edge's reload, not the deploy: measured here over config deploys,
# keep-alive load saw a few read errors per reload, new-connection load none.
LOAD_SECONDS=${LOAD_SECONDS:-600}
start_load() {
  wrk -t2 -c8 -d"${LOAD_SECONDS}s" --timeout 10s -H "Host: $APP.$DOMAIN" -H "Connection: close" "$EDGE/" >"$1" 2>&1 &
  WRK_PID=$!
  sleep 1
}
# stop_load FILE LABEL: stops wrk and checks it counted requests and not one failure.
stop_load() {
  local file=$1 label=$2 requests non2xx socket
  kill -INT "$WRK_PID" 2>/dev/null
  wait "$WRK_PID" 2>/dev/null
  WRK_PID=
  requests=$(awk '/requests in/ { print $1 }' "$file")
  non2xx=$(awk -F': *' '/Non-2xx or 3xx responses/ { print $2 }' "$file")
  socket=$(awk '/Socket errors/ { gsub(",", ""); print $4 + $6 + $8 + $10 }' "$file")
  printf '  load during %s: %s requests, %s non-2xx, %s socket errors (%s)\n' "$label" "${requests:-0}" "${non2xx:-0}" \
    "${socket:-0}" "$(grep -o 'connect [0-9].*' "$file" || echo none)"
  check "requests were made under load during $label" test "${requests:-0}" -gt 100
  check_eq "no request answered non-2xx during $label" 0 "${non2xx:-0}"
  check_eq "no connection failed during $label" 0 "${socket:-0}"
}

web_containers() { docker ps -q --filter "label=io.fjord.app=$APP" --filter "label=io.fjord.process=web" | wc -l; }
upstream_servers() { grep -c '^\s*server [0-9]' "$NGINX_APPS/$APP.conf" 2>/dev/null || echo 0; }

check_eq "POST /api/apps creates the app" 201 "$(dapi POST /api/apps "{\"name\": \"$APP\"}")"
check "the app's git repository appears" wait_until 10 test -x "$GIT_ROOT/$APP.git/hooks/pre-receive"
source_app "hello from v1"
out=$(push); rc=$?
check_eq "the first push succeeds" 0 "$rc"
check_eq "v1 answers through nginx" "hello from v1" "$(app_get "$APP")"
token=()
[ -s "$ADMIN_TOKEN_FILE" ] && token=(-H "Authorization: Bearer $(cat "$ADMIN_TOKEN_FILE")")
logs=$(curl -sS -N --max-time 3 -H "Host: api.$DOMAIN" "${token[@]}" "$EDGE/api/apps/$APP/logs?follow=true&tail=10" 2>/dev/null)
check_contains "the logs stream through the edge, tagged by process and container" "| booting on port" "$logs"
check "each line names its process" eval '[[ "$logs" =~ ^web\.1\ [0-9a-f]{12}\| ]]'

# The session store: session-service's credentials reach the release's environment, and they work.
env_out=$(app_get "$APP" /cgi-bin/env)
check_contains "the release has its SESSION_KEY_PREFIX" "SESSION_KEY_PREFIX=app:$APP:" "$env_out"
redis_url=$(printf '%s\n' "$env_out" | sed -n 's/^REDIS_URL=//p')
check "the release has a REDIS_URL with the app's own user" eval '[[ "$redis_url" == redis://app-$APP:* ]]'
check_eq "that user writes under the app's prefix" OK "$(redis-cli -u "$redis_url" SET "app:$APP:e2e" 1 2>/dev/null)"
check_contains "and is refused on another app's keys" NOPERM "$(redis-cli -u "$redis_url" GET app:other:e2e 2>/dev/null)"

echo "five redeploys, a config change, a scale 1 -> 3 -> 1 and a rollback, under load"
start_load "$WORK/wrk-main.txt"
for i in 2 3 4 5 6; do
  source_app "hello from v$i"
  start=$(date +%s.%N)
  out=$(push); rc=$?
  check_eq "push $i succeeds" 0 "$rc"
  check "v$i answers through nginx" wait_until 10 eval '[ "$(app_get "$APP")" = "hello from v$i" ]'
  printf '  push to live (v%s): %.1f s\n' "$i" "$(awk "BEGIN{print $(date +%s.%N) - $start}")"
done

check_eq "PATCH config answers 200" 200 "$(dapi PATCH "/api/apps/$APP/config" '{"E2E_GREETING": "hello config"}')"
version=$(newest_version)
check "the config change's release v$version goes live" wait_until 120 live_is "$version"
check_contains "the new config is in the app's environment" "E2E_GREETING=hello config" "$(app_get "$APP" /cgi-bin/env)"
check_eq "the config release runs the same code" "hello from v6" "$(app_get "$APP")"
dapi GET "/api/apps/$APP/releases" >/dev/null
check_eq "the config release is of kind config" config "$(jq -r '.[0].kind' "$WORK/body")"
check_eq "the release carries key names only" "Set E2E_GREETING" "$(jq -r '.[0].description' "$WORK/body")"

check_eq "PUT formation web=3 answers 200" 200 "$(dapi PUT "/api/apps/$APP/formation" '{"web": 3}')"
check "three web containers run" wait_until 60 eval '[ "$(web_containers)" = 3 ]'
check "nginx routes to all three" wait_until 60 eval '[ "$(upstream_servers)" = 3 ]'
check_eq "PUT formation web=1 answers 200" 200 "$(dapi PUT "/api/apps/$APP/formation" '{"web": 1}')"
check "nginx routes to one" wait_until 60 eval '[ "$(upstream_servers)" = 1 ]'
check "the other two are drained and stopped" wait_until 60 eval '[ "$(web_containers)" = 1 ]'

dapi GET "/api/apps/$APP/releases" >/dev/null
v3=$(jq -r '[.[] | select(.description == "Deploy build \(.buildId)")] | sort_by(.version) | .[2].version' "$WORK/body")
check_eq "POST rollback answers 201" 201 "$(dapi POST "/api/apps/$APP/rollback" "{\"version\": $v3}")"
version=$(jq -r .version "$WORK/body")
check "the rollback's release v$version goes live" wait_until 120 live_is "$version"
check_eq "the rollback serves v$v3's code" "hello from v3" "$(app_get "$APP")"
check "the rollback brought back v$v3's config (none)" eval '! app_get "$APP" /cgi-bin/env | grep -q E2E_GREETING'
stop_load "$WORK/wrk-main.txt" "the redeploys, config change, scaling and rollback"

echo "bad input changes nothing"
before=$(newest_version)
check_eq "an invalid config key is refused with 400" 400 "$(dapi PATCH "/api/apps/$APP/config" '{"1BAD": "x"}')"
check_eq "a reserved config key is refused with 400" 400 "$(dapi PATCH "/api/apps/$APP/config" '{"PORT": "80"}')"
check_eq "a value with a NUL byte is refused with 400" 400 "$(dapi PATCH "/api/apps/$APP/config" '{"K": "a\u0000b"}')"
big=$(head -c 40000 /dev/zero | tr '\0' x)
check_eq "an oversized value is refused with 400" 400 "$(dapi PATCH "/api/apps/$APP/config" "{\"K\": \"$big\"}")"
check_eq "a negative count is refused with 400" 400 "$(dapi PUT "/api/apps/$APP/formation" '{"web": -1}')"
check_eq "an absurd count is refused with 400" 400 "$(dapi PUT "/api/apps/$APP/formation" '{"web": 100000}')"
check_eq "an unknown process type is refused with 400" 400 "$(dapi PUT "/api/apps/$APP/formation" '{"clock": 1}')"
check_eq "a rollback to an unknown version is refused with 404" 404 "$(dapi POST "/api/apps/$APP/rollback" '{"version": 9999}')"
check_eq "a rollback to v1, whose image was pruned, is refused with 400" 400 "$(dapi POST "/api/apps/$APP/rollback" '{"version": 1}')"
check_contains "and says why" "pruned" "$(cat "$WORK/body")"
check_eq "none of it made a release" "$before" "$(newest_version)"
check_eq "none of it changed the formation" 1 "$(dapi GET "/api/apps/$APP/formation" >/dev/null; jq -r .web "$WORK/body")"

echo "a push whose new version fails its health check"
start_load "$WORK/wrk-failed.txt"
source_app "hello from the broken version" unhealthy
out=$(push); rc=$?
check "the push of the unhealthy version fails" test "$rc" -ne 0
failed=$(newest_version)
check_eq "its release v$failed is marked failed" failed "$(release_status "$failed")"
check_contains "the reason names the health check" "health check GET /up" "$(dapi GET "/api/apps/$APP/releases/$failed" >/dev/null; jq -r .reason "$WORK/body")"
check_eq "the failed container's log is readable" 200 "$(dapi GET "/api/apps/$APP/releases/$failed/log")"
check_contains "and holds its output" "booting on port" "$(cat "$WORK/body")"
check_eq "the old version still answers" "hello from v3" "$(app_get "$APP")"
stop_load "$WORK/wrk-failed.txt" "the failed deploy"

echo "SIGKILL of deploy-service in the middle of a rollout"
source_app "hello from after the crash"
(push >"$WORK/push-crash.txt" 2>&1) &
push_pid=$!
rolling() { case $(release_status) in starting | switching) return 0 ;; *) return 1 ;; esac; }
check "a rollout begins" wait_until 120 rolling
# The java process, not its supervisor (lib/run-service.sh, whose command line names the jar too).
supervisor=$(cat "${FJORD_RUN:-/run/fjord}/deploy-service.pid" 2>/dev/null)
java_pid=$(pgrep -P "${supervisor:-0}" -x java | head -n 1)
check "deploy-service's java process is found under its supervisor" test -n "$java_pid"
[ -n "$java_pid" ] && kill -9 "$java_pid"
restarted() { local now; now=$(pgrep -P "$supervisor" -x java | head -n 1); [ -n "$now" ] && [ "$now" != "$java_pid" ]; }
check "the supervisor starts a new deploy-service" wait_until 60 restarted
check "deploy-service is ready again" wait_until 120 curl -fsS -o /dev/null http://127.0.0.1:8082/q/health/ready
check "the interrupted release settles" wait_until 120 settled
wait "$push_pid" 2>/dev/null
body=$(app_get "$APP")
check "the app answers after the crash" test -n "$body"
case $body in "hello from v3" | "hello from after the crash") ok "it serves the old or the new version: $body" ;;
  *) fail "it serves the old or the new version" "$body" ;; esac
check "one web container runs" wait_until 60 eval '[ "$(web_containers)" = 1 ]'
ip=$(docker inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}' "$(docker ps -q --filter "label=io.fjord.app=$APP" --filter label=io.fjord.process=web)")
check "nginx routes to that container" wait_until 60 grep -q "server $ip:" "$NGINX_APPS/$APP.conf"
source_app "hello after recovery"
out=$(push); rc=$?
check_eq "the next push succeeds" 0 "$rc"
check_eq "and goes live" "hello after recovery" "$(app_get "$APP")"

if [ "$RESTART_DOCKER" = yes ]; then
  echo "a restart of the Docker engine"
  apps=$(dapi GET /api/apps >/dev/null; jq -r '.[] | select(.release != null) | .name' "$WORK/body")
  pid=$(cat /var/run/docker.pid 2>/dev/null)
  check "dockerd's pid is known" test -n "$pid"
  [ -n "$pid" ] && kill "$pid"
  check "the engine stops" wait_until 120 eval '! kill -0 "$pid" 2>/dev/null'
  # As lib/backing.sh starts it where there is no systemd, in a session of its own so that an interrupt
  # of this test does not reach it.
  setsid nohup dockerd >>"$LOGS/dockerd.log" 2>&1 </dev/null &
  check "the engine is back" wait_until 60 docker version --format '{{.Server.Version}}'
  for app in $apps; do
    check "$app answers again" wait_until 120 eval "curl -fsS --max-time 3 -o /dev/null -H 'Host: $app.$DOMAIN' '$EDGE/'"
  done
  # Addresses on the network may change hands when the engine restarts: nginx's routes follow as soon
  # as deploy-service sees the containers start again.
  check "$APP serves its last version" wait_until 60 eval '[ "$(app_get "$APP")" = "hello after recovery" ]'
  check "only the live release's container runs" wait_until 60 eval '[ "$(docker ps -q --filter "label=io.fjord.app=$APP" | wc -l)" = 1 ]'
fi

check_eq "DELETE /api/apps/$APP answers 204" 204 "$(dapi DELETE "/api/apps/$APP")"
check "its containers are gone" wait_until 30 eval '[ -z "$(docker ps -aq --filter "label=io.fjord.app=$APP")" ]'
finish
