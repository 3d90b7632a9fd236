#!/usr/bin/env bash
# Build benchmark, one run, one app: Fjord's build-service against the plain docker CLI on the same context.
#   1. a cold build (the app's images and the build cache entries they hold removed first),
#   2. a rebuild with only application code changed (the layer cache at work),
#   3. the same two with `docker build` (classic builder, API 1.41, as the engine speaks),
#   4. the time from the end of a git push to the start of its build.
# It starts a build-service of its own from build-service/target/quarkus-app (port 18581, database
# fjord_build_bench, a temporary git root and work folder, RabbitMQ vhost fjord-test), so it measures
# this tree's code and never touches the installed platform's apps. It removes only images it made: the
# app's fjord/<app>:* tags and its fjord-bench-cli:* tags.
# Usage (as root, backing services up): bash k8s-free-deploy/bench/build-bench.sh [PUSHES]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
FJORD_HOME=$(cd "$HERE/../.." && pwd)
. /etc/fjord/fjord.env
export FJORD_DB_USER FJORD_DB_PASSWORD FJORD_BUS_USERNAME FJORD_BUS_PASSWORD

PUSHES=${1:-3}
PORT=${BENCH_PORT:-18581}
STUB_PORT=$((PORT + 1))
API=http://127.0.0.1:$PORT
JAR=$FJORD_HOME/build-service/target/quarkus-app/quarkus-run.jar
APP=bench-$(head -c 3 /dev/urandom | od -An -tx1 | tr -d ' \n')
CLI_TAG=fjord-bench-cli
WORK=$(mktemp -d /tmp/fjord-bench.XXXXXX)
SERVICE_PID= STUB_PID=
export DOCKER_API_VERSION=1.41 DOCKER_BUILDKIT=0

[ -f "$JAR" ] || { echo "build-service is not built: mvn -B -o install -pl build-service" >&2; exit 1; }

remove_images() {
  local refs
  refs=$(docker images --format '{{.Repository}}:{{.Tag}}' | grep -E "^(fjord/$APP|$CLI_TAG):" || true)
  [ -z "$refs" ] || docker rmi $refs >/dev/null 2>&1 || true
}

cleanup() {
  local status=$?
  if [ -n "$SERVICE_PID" ]; then kill "$SERVICE_PID" 2>/dev/null || true; wait "$SERVICE_PID" 2>/dev/null || true; fi
  if [ -n "$STUB_PID" ]; then kill "$STUB_PID" 2>/dev/null || true; fi
  remove_images
  mariadb -uroot -e 'DROP DATABASE IF EXISTS fjord_build_bench' || true
  # Its queue on the test vhost would collect every later event.
  rabbitmqctl -q -p fjord-test delete_queue fjord.build-bench >/dev/null 2>&1 || true
  rabbitmqctl -q -p fjord-test delete_queue fjord.build-bench.dlq >/dev/null 2>&1 || true
  rm -rf "$WORK"
  exit "$status"
}
trap cleanup EXIT

now() { printf '%s' "$EPOCHREALTIME"; } # no fork: lines are stamped as they arrive
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
epoch() { date -d "$1" +%s.%N; } # an API timestamp (RFC 3339) as seconds

# ---- a build-service of its own ---------------------------------------------------------------------------
# deploy-service's stand-in: busybox httpd answering 404 to everything (no build-time config vars, no release).
mkdir -p "$WORK/stub" "$WORK/git" "$WORK/work"
busybox httpd -f -p "127.0.0.1:$STUB_PORT" -h "$WORK/stub" &
STUB_PID=$!
mariadb -uroot -e 'DROP DATABASE IF EXISTS fjord_build_bench; CREATE DATABASE fjord_build_bench'

start_service() {
  java -Dquarkus.http.port="$PORT" -Dfjord.auth.enabled=false \
    -Dquarkus.datasource.jdbc.url=jdbc:mysql://127.0.0.1:3306/fjord_build_bench \
    -Dfjord.bus.virtual-host=fjord-test -Dfjord.bus.queue=fjord.build-bench \
    -Dfjord.git.root="$WORK/git" -Dfjord.builds.work-dir="$WORK/work" \
    -Dfjord.ssh.authorized-keys="$WORK/authorized_keys" -Dfjord.ssh.user= -Dfjord.git.group= \
    -Dfjord.deploy.url="http://127.0.0.1:$STUB_PORT" -Dfjord.git.hook.release-timeout=1s \
    -jar "$JAR" >>"$WORK/service.log" 2>&1 &
  SERVICE_PID=$!
  local i
  for i in $(seq 1 120); do
    curl -fsS -o /dev/null "$API/q/health/ready" 2>/dev/null && return 0
    sleep 0.5
  done
  tail -30 "$WORK/service.log" >&2
  echo "build-service did not start" >&2
  exit 1
}
start_service
# The app, as deploy-service's app.created leaves it in build-service's projection; a restart makes its
# repository (build-service ensures every app's repository at start).
mariadb -uroot fjord_build_bench -e "INSERT INTO app (name) VALUES ('$APP')"
kill "$SERVICE_PID"; wait "$SERVICE_PID" 2>/dev/null || true; SERVICE_PID=
start_service
[ -x "$WORK/git/$APP.git/hooks/pre-receive" ] || { echo "the app's repository is missing" >&2; exit 1; }

# ---- the app: a FROM scratch busybox app with a dependency step that takes a while ------------------------
SRC=$WORK/src
mkdir -p "$SRC/www"
cp /bin/busybox "$SRC/busybox"
echo "left-pad 1.3.0" >"$SRC/deps.txt"
echo ok >"$SRC/www/up"
echo "v1" >"$SRC/www/index.html"
cat >"$SRC/Dockerfile" <<'DOCKERFILE'
FROM scratch
COPY busybox /bin/busybox
COPY deps.txt /app/deps.txt
# Stands for installing dependencies: a few seconds of CPU and a 32 MiB layer, cached while deps.txt stays.
RUN ["/bin/busybox", "sh", "-c", "i=0; while [ $i -lt 2000000 ]; do i=$((i+1)); done; /bin/busybox mkdir -p /app/vendor && /bin/busybox dd if=/dev/urandom of=/app/vendor/lib.bin bs=1M count=32 2>/dev/null; echo dependencies installed"]
COPY www /www
EXPOSE 8080
CMD ["/bin/busybox", "sh", "-c", "exec /bin/busybox httpd -f -p $PORT -h /www"]
DOCKERFILE

# api_build: uploads the context, follows the log to the build's end; prints "<seconds> <cached steps>
# <seconds until the 202>" (the upload and its safety checks).
# Timed on this side, from the upload's start: like the docker CLI, which also sends the context first.
# (The API's timestamps would do, but MariaDB 10.11 announces itself as 5.5.5 and the MySQL driver then
# drops fractions of seconds.)
api_build() {
  local start accepted answer id status build end log
  start=$(now)
  answer=$(tar -C "$SRC" -czf - . | curl -fsS -X POST -H 'Content-Type: application/gzip' --data-binary @- \
    "$API/api/apps/$APP/builds")
  accepted=$(now)
  id=$(jq -r .id <<<"$answer")
  curl -fsS -o /dev/null "$API/api/builds/$id/log" # the log ends when the build ends
  end=$(now)
  while :; do
    build=$(curl -fsS "$API/api/builds/$id")
    status=$(jq -r .status <<<"$build")
    case $status in queued | building) sleep 0.1 ;; *) break ;; esac
  done
  [ "$status" = succeeded ] || { echo "build $id $status: $(jq -r .error <<<"$build")" >&2; exit 1; }
  log=$(curl -fsS "$API/api/builds/$id/log")
  printf '%s %s %s\n' "$(secs "$start" "$end")" "$(grep -c 'Using cache' <<<"$log" || true)" \
    "$(secs "$start" "$accepted")"
}

# cli_build TAG: prints "<seconds> <cached steps>".
cli_build() {
  local start out end
  start=$(now)
  out=$(docker build -t "$CLI_TAG:$1" "$SRC" 2>&1) || { echo "$out" >&2; exit 1; }
  end=$(now)
  printf '%s %s\n' "$(secs "$start" "$end")" "$(grep -c 'Using cache' <<<"$out" || true)"
}

echo "build-bench: app $APP, build-service $(basename "$JAR") on $API (started by this script), docker $(docker version --format '{{.Server.Version}}') API $DOCKER_API_VERSION, classic builder"
remove_images
# A few builds of something else warm the freshly started JVM up, as a service that has been running is
# (the first builds after a start are slower while the JIT compiler works on the same two cores).
# Nothing they build is a layer the app could take from the cache.
mkdir -p "$WORK/warmup" && printf 'FROM scratch\nCOPY stamp /stamp\n' >"$WORK/warmup/Dockerfile"
for n in 1 2 3 4 5; do
  echo "warm-up $n $(now)" >"$WORK/warmup/stamp"
  (SRC=$WORK/warmup; api_build >/dev/null)
done
read -r f_cold f_cold_cached f_cold_accepted < <(api_build)
echo "v2" >"$SRC/www/index.html"
read -r f_warm f_warm_cached f_warm_accepted < <(api_build)

remove_images # Fjord's layers would serve the CLI's cold build from the cache
echo "v1" >"$SRC/www/index.html"
read -r c_cold c_cold_cached < <(cli_build cold)
echo "v2" >"$SRC/www/index.html"
read -r c_warm c_warm_cached < <(cli_build warm)

# ---- push end to build start ----------------------------------------------------------------------------
# Each line of git push's output is stamped as it arrives: git prints "Total ..." once the pack is sent,
# the hook's first line once git has stored the pack and run it, and Docker's "Step 1/" once the build runs.
(cd "$SRC" && git init -q -b main && git add -A && git -c user.email=bench@fjord -c user.name=bench commit -qm v1)
push_samples=()
for n in $(seq 1 "$PUSHES"); do
  echo "push $n $(date +%s%N)" >"$SRC/www/index.html"
  (cd "$SRC" && git -c user.email=bench@fjord -c user.name=bench commit -qam "push $n")
  (cd "$SRC" && git push --progress "$WORK/git/$APP.git" main 2>&1 || true) | stdbuf -o0 tr '\r' '\n' \
    | while IFS= read -r line; do printf '%s %s\n' "$EPOCHREALTIME" "$line"; done >"$WORK/push-$n.log"
  sent=$(grep -m1 ' Total ' "$WORK/push-$n.log" | cut -d' ' -f1)
  hook=$(grep -m1 'remote: -----> Building' "$WORK/push-$n.log" | cut -d' ' -f1)
  step=$(grep -m1 'remote: Step 1/' "$WORK/push-$n.log" | cut -d' ' -f1)
  status=$(curl -fsS "$API/api/apps/$APP/builds?limit=1" | jq -r '.[0].status')
  [ "$status" = succeeded ] || { cat "$WORK/push-$n.log" >&2; exit 1; }
  push_samples+=("$(secs "$sent" "$hook") $(secs "$sent" "$step")")
done

echo
printf '%-44s %16s %16s\n' "" "Fjord (API)" "docker build CLI"
printf '%-44s %14s s %14s s\n' "cold build (no cache)" "$f_cold" "$c_cold"
printf '%-44s %14s s %14s s\n' "rebuild, only app code changed" "$f_warm" "$c_warm"
printf '%-44s %16s %16s\n' "  steps served from the layer cache" "$f_warm_cached" "$c_warm_cached"
printf '%-44s %14s s %16s\n' "  of which upload and safety checks (to 202)" "$f_warm_accepted" "-"
echo
echo "push end (git's 'Total' line, pack sent) to build start, $PUSHES pushes to the repository's path:"
printf '  %-6s %22s %30s\n' push "hook running" "build running (Docker's Step 1)"
n=0
for sample in "${push_samples[@]}"; do
  n=$((n + 1))
  read -r hook step <<<"$sample"
  printf '  %-6s %20s s %28s s\n' "$n" "$hook" "$step"
done
echo
echo "Both columns of builds are wall time from sending the context to the end of the build (Fjord: the"
echo "upload, its safety checks and the build; CLI: the context transfer and the build)."
