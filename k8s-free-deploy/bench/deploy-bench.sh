#!/usr/bin/env bash
# Fjord against the post-receive hook users write by hand (docker build, docker stop, docker rm,
# docker run on a published loopback port, in a plain bare repository of its own), in the same run:
# the same small app is pushed to each under the same bounded load (wrk on loopback), and for each the
# script prints the seconds from push to the new version answering, and the failed requests (non-2xx
# and socket errors) counted by wrk. Needs the installed platform; cleans up what it made.
#   deploy-bench.sh [ROUNDS]   (pushes measured per side, default 3)
set -uo pipefail
. /etc/fjord/fjord.env
DOMAIN=${FJORD_DOMAIN:-fjord.localhost}
EDGE=${FJORD_EDGE:-http://127.0.0.1}
GIT_ROOT=${FJORD_GIT_ROOT:-/var/lib/fjord/git}
ADMIN_TOKEN_FILE=${FJORD_ADMIN_TOKEN_FILE:-/var/lib/fjord/admin.token}
ROUNDS=${1:-3}
BARE_PORT=${BARE_PORT:-18790}
# The docker CLI may be newer than the engine.
export DOCKER_API_VERSION=${DOCKER_API_VERSION:-1.41}
SUFFIX=$(head -c 4 /dev/urandom | od -An -tx1 | tr -d ' \n')
APP=bench-$SUFFIX
BARE=fjord-bench-bare-$SUFFIX
WORK=$(mktemp -d)
WRK_PID=

api() {
  local args=(-sS --max-time 30 -o /dev/null -w '%{http_code}' -X "$1" -H "Host: api.$DOMAIN")
  [ -s "$ADMIN_TOKEN_FILE" ] && args+=(-H "Authorization: Bearer $(cat "$ADMIN_TOKEN_FILE")")
  [ $# -gt 2 ] && args+=(-H 'Content-Type: application/json' --data-binary "$3")
  curl "${args[@]}" "$EDGE$2" </dev/null
}

cleanup() {
  [ -n "$WRK_PID" ] && kill -INT "$WRK_PID" 2>/dev/null
  api DELETE "/api/apps/$APP" >/dev/null 2>&1
  docker rm -f "$BARE" >/dev/null 2>&1
  docker rmi -f "$BARE:latest" >/dev/null 2>&1
  rm -rf "$WORK"
}
trap cleanup EXIT

# version DIR TEXT: the app (a static busybox serving TEXT on $PORT, GET /up for health), committed.
version() {
  local dir=$1
  mkdir -p "$dir/www"
  cp /bin/busybox "$dir/busybox"
  printf '%s\n' "$2" >"$dir/www/index.html"
  echo ok >"$dir/www/up"
  cat >"$dir/Dockerfile" <<'DOCKERFILE'
FROM scratch
COPY busybox /bin/busybox
COPY www /www
EXPOSE 5000
CMD ["/bin/busybox", "sh", "-c", "exec /bin/busybox httpd -f -p ${PORT:-5000} -h /www"]
DOCKERFILE
  (cd "$dir" && { [ -d .git ] || git init -q -b main; } && git add -A \
    && git -c user.email=bench@fjord -c user.name=bench commit -qm "$2")
}

# measure LABEL REMOTE URL HOST TEXT: pushes, then polls URL until it answers TEXT; prints the seconds.
measure() {
  local remote=$2 url=$3 host=$4 text=$5 start end
  start=$(date +%s.%N)
  (cd "$WORK/$1" && timeout 300 git push -q "$remote" main >"$WORK/push.log" 2>&1) &
  local pusher=$! deadline=$((SECONDS + 300))
  until [ "$(curl -s --max-time 2 -H "Host: $host" "$url" 2>/dev/null)" = "$text" ]; do
    [ $SECONDS -lt $deadline ] || { echo "timeout"; return 1; }
    sleep 0.05
  done
  end=$(date +%s.%N)
  wait "$pusher"
  awk "BEGIN{printf \"%.2f\", $end - $start}"
}

# load URL HOST FILE: wrk until stopped, at most 10 minutes; a new connection per request on both sides
# (nginx's reloads close idle keep-alive connections, which costs a client that does not retry a request).
load() {
  wrk -t2 -c8 -d600s --timeout 5s -H "Host: $2" -H "Connection: close" "$1" >"$3" 2>&1 &
  WRK_PID=$!
  sleep 1
}
# unload FILE: stops wrk; prints "REQUESTS FAILED".
unload() {
  kill -INT "$WRK_PID" 2>/dev/null
  wait "$WRK_PID" 2>/dev/null
  WRK_PID=
  local requests non2xx socket
  requests=$(awk '/requests in/ { print $1 }' "$1")
  non2xx=$(awk -F': *' '/Non-2xx or 3xx responses/ { print $2 }' "$1")
  socket=$(awk '/Socket errors/ { gsub(",", ""); print $4 + $6 + $8 + $10 }' "$1")
  echo "${requests:-0} $((${non2xx:-0} + ${socket:-0}))"
}

# run SIDE REMOTE URL HOST: one first push (not measured), then ROUNDS pushes under load.
run() {
  local side=$1 remote=$2 url=$3 host=$4 i seconds
  version "$WORK/$side" "$side v0"
  measure "$side" "$remote" "$url" "$host" "$side v0" >/dev/null || { echo "$side: the first push did not answer" >&2; exit 1; }
  load "$url" "$host" "$WORK/wrk-$side.txt"
  for i in $(seq 1 "$ROUNDS"); do
    version "$WORK/$side" "$side v$i"
    seconds=$(measure "$side" "$remote" "$url" "$host" "$side v$i")
    echo "$seconds" >>"$WORK/times-$side"
    printf '  %-6s push %d: new version answers after %s s\n' "$side" "$i" "$seconds" >&2
  done
  sleep 2
  # Not in a subshell: wait only works for the shell that started wrk.
  unload "$WORK/wrk-$side.txt" >"$WORK/load-$side"
}

echo "deploy-bench: $ROUNDS pushes per side under wrk -t2 -c8 on loopback"

# Fjord: git push to the platform; nginx at the edge.
[ "$(api POST /api/apps "{\"name\": \"$APP\"}")" = 201 ] || { echo "could not create app $APP" >&2; exit 1; }
for _ in $(seq 1 50); do [ -x "$GIT_ROOT/$APP.git/hooks/pre-receive" ] && break; sleep 0.2; done
run fjord "$GIT_ROOT/$APP.git" "$EDGE/" "$APP.$DOMAIN"

# The hand-written hook: a bare repository whose post-receive builds and replaces one container.
git init -q --bare "$WORK/bare.git"
cat >"$WORK/bare.git/hooks/post-receive" <<HOOK
#!/bin/sh
# What users write by hand: build, stop, remove, run.
set -e
export DOCKER_API_VERSION=$DOCKER_API_VERSION
src=\$(mktemp -d)
git --work-tree="\$src" checkout -q -f main
docker build -q -t $BARE:latest "\$src" >/dev/null
docker stop $BARE >/dev/null 2>&1 || true
docker rm $BARE >/dev/null 2>&1 || true
docker run -d --name $BARE -p 127.0.0.1:$BARE_PORT:5000 $BARE:latest >/dev/null
rm -rf "\$src"
HOOK
chmod +x "$WORK/bare.git/hooks/post-receive"
run bare "$WORK/bare.git" "http://127.0.0.1:$BARE_PORT/" "127.0.0.1:$BARE_PORT"

echo
printf '%-30s %12s %12s %10s %8s\n' "" "mean push->" "max push->" "requests" "failed"
printf '%-30s %12s %12s\n' "" "answer (s)" "answer (s)"
for side in fjord bare; do
  read -r requests failed <"$WORK/load-$side"
  read -r mean max < <(awk '{ s += $1; if ($1 > m) m = $1 } END { printf "%.2f %.2f", s / NR, m }' "$WORK/times-$side")
  label="bare post-receive hook"
  [ "$side" = fjord ] && label="Fjord (git push, nginx edge)"
  printf '%-30s %12s %12s %10s %8s\n' "$label" "$mean" "$max" "$requests" "$failed"
done
