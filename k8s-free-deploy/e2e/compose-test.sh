#!/usr/bin/env bash
# The platform as containers: builds the stand-in images (no registry is reachable here), brings
# docker-compose.yml up with them as a project of its own (nginx on a loopback port, apps on a Docker
# network of their own), pushes an app through the stack (an upload of a tar.gz to the API through the
# stack's nginx, then a git push into build-service's container), reads it through the stack's nginx,
# destroys it, and brings the stack down: no container of the stack or of its apps may remain.
# The API calls carry the admin token the stack makes its admin from (the edge check is on, as on a host).
# As root, with the services built (target/quarkus-app). Settings: FJORD_COMPOSE_HTTP_PORT (18680),
# FJORD_COMPOSE_HTTPS_PORT (18643), FJORD_COMPOSE_KEEP=yes leaves the stack up for a look.
. "$(dirname "$0")/lib.sh"
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
export DOCKER_API_VERSION=${DOCKER_API_VERSION:-1.41}
PROJECT=fjord-compose-test
NETWORK=fjord-compose
HTTP_PORT=${FJORD_COMPOSE_HTTP_PORT:-18680}
HTTPS_PORT=${FJORD_COMPOSE_HTTPS_PORT:-18643}
KEEP=${FJORD_COMPOSE_KEEP:-no}
EDGE=http://127.0.0.1:$HTTP_PORT
APP=cmp-$(head -c 4 /dev/urandom | od -An -tx1 | tr -d ' \n')
WORK=$(mktemp -d)
echo "compose-test: project $PROJECT, app $APP, edge $EDGE"
# Only this run's env file configures the stack: Compose would let the host platform's variables (test.sh
# exports /etc/fjord/fjord.env) override it.
for var in $(compgen -e); do
  case $var in FJORD_* | MYSQL_IMAGE | RABBITMQ_IMAGE | REDIS_IMAGE | NGINX_IMAGE | JRE_IMAGE) unset "$var" ;; esac
done

# The Compose CLI plugin where the Docker CLI has it, else Debian's docker-compose (installed if missing).
if docker compose version >/dev/null 2>&1; then
  COMPOSE=(docker compose)
else
  if ! command -v docker-compose >/dev/null; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends docker-compose >/dev/null 2>&1 \
      || { echo "compose-test: neither docker compose nor docker-compose is available" >&2; exit 1; }
  fi
  COMPOSE=(docker-compose)
fi
echo "  with: $("${COMPOSE[@]}" version 2>/dev/null | head -n 1)"

# compose ARGS...: the stack of this test, with its settings and secrets from the env file.
compose() { "${COMPOSE[@]}" -p "$PROJECT" -f "$ROOT/docker-compose.yml" --env-file "$WORK/compose.env" "$@"; }

stack_containers() { docker ps -aq --filter "label=com.docker.compose.project=$PROJECT"; }
# App containers Fjord started for this stack: on its apps' network, or of this test's app.
app_containers() {
  { docker ps -aq --filter label=io.fjord.managed=true --filter "network=$NETWORK"
    docker ps -aq --filter "label=io.fjord.app=$APP"; } | sort -u
}

# Takes the stack down with its volumes and its services' images, and whatever this test's app left on
# the engine (app containers first: a network with containers on it cannot be removed).
teardown() {
  local ids
  ids=$(app_containers)
  [ -n "$ids" ] && docker rm -f $ids >/dev/null 2>&1
  compose down -v --rmi local --remove-orphans >"$WORK/down.log" 2>&1
  # This run's app images, and those of apps an interrupted earlier run left (only this test names apps cmp-*).
  ids=$( { docker images -q --filter "label=io.fjord.app=$APP"
    docker images --format '{{.Repository}}:{{.Tag}}' | grep -E '^fjord/cmp-[0-9a-f]{8}:'; } | sort -u)
  [ -n "$ids" ] && docker rmi -f $ids >/dev/null 2>&1
  return 0
}

cleanup() {
  if [ "$KEEP" = yes ]; then
    echo "  the stack stays up (FJORD_COMPOSE_KEEP=yes); its settings: $WORK/compose.env"
    return
  fi
  teardown
  rm -rf "$WORK"
}
trap cleanup EXIT

# Stand-in images for every image of docker-compose.yml.
if standin=$(bash "$ROOT/k8s-free-deploy/lib/standin-images.sh" 2>&1); then
  ok "the stand-in images are built"
else
  fail "the stand-in images are built" "$standin"; finish; exit 1
fi
grep -E '^[A-Z_]+_IMAGE=' <<<"$standin" >"$WORK/images.env"

for svc in build-service deploy-service proxy-config-service session-service; do
  if [ ! -f "$ROOT/$svc/target/quarkus-app/quarkus-run.jar" ]; then
    echo "  building $svc (Maven)"
    (cd "$ROOT" && mvn -B -q -DskipTests package -pl "$svc" -am) >"$WORK/mvn-$svc.log" 2>&1 \
      || { tail -30 "$WORK/mvn-$svc.log"; fail "$svc builds"; finish; exit 1; }
  fi
done

# Settings and secrets of this run only: the file is mode 0600 in a directory of this test's own.
secret() { head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n'; }
umask 077
printf 'fjord_%s%s\n' "$(secret)" "$(secret)" >"$WORK/admin.token"
# Read by session-service's user in its container: the directory around it stays private.
chmod 0644 "$WORK/admin.token"
cat "$WORK/images.env" - >"$WORK/compose.env" <<ENV
FJORD_DOMAIN=$DOMAIN
FJORD_BIND=127.0.0.1
FJORD_HTTP_PORT=$HTTP_PORT
FJORD_HTTPS_PORT=$HTTPS_PORT
FJORD_APP_NETWORK=$NETWORK
FJORD_DB_PASSWORD=$(secret)
FJORD_DB_ROOT_PASSWORD=$(secret)
FJORD_BUS_PASSWORD=$(secret)
FJORD_REDIS_PASSWORD=$(secret)
FJORD_SECRET_KEY=$(head -c 32 /dev/urandom | base64 -w0)
FJORD_EDGE_SECRET=$(secret)$(secret)
FJORD_REDIS_APP_SECRET=$(secret)$(secret)
FJORD_ADMIN_TOKEN_FILE=$WORK/admin.token
ENV
umask 022
# Every API call carries the admin's token (session-service makes the admin from the file): the stack
# works the same whether the edge check is on (FJORD_EDGE_AUTH) or not.
AUTH=(-H "Authorization: Bearer $(cat "$WORK/admin.token")")
api() {
  local method=$1 path=$2 body=${3-} status
  local args=(-sS -o "$WORK/body" -w '%{http_code}' -X "$method" -H "Host: api.$DOMAIN" "${AUTH[@]}")
  [ -n "$body" ] && args+=(-H 'Content-Type: application/json' --data-binary "$body")
  status=$(curl "${args[@]}" "$EDGE$path")
  printf '%s %s' "$status" "$(cat "$WORK/body")"
}

# A stack an interrupted run left behind goes first.
teardown
for port in "$HTTP_PORT" "$HTTPS_PORT"; do
  if ss -ltnH "sport = :$port" 2>/dev/null | grep -q .; then
    fail "port $port is free for the stack's nginx" "$(ss -ltnpH "sport = :$port")"
    finish; exit 1
  fi
done

echo "up"
if ! compose build >"$WORK/build.log" 2>&1; then
  fail "the services' images build" "$(tail -30 "$WORK/build.log")"; finish; exit 1
fi
ok "the services' images build on the stand-in JRE"
started=$SECONDS
out=$(compose up -d 2>&1); rc=$?
check_eq "docker-compose up succeeds" 0 "$rc"
[ "$rc" = 0 ] || echo "$out" | tail -20

# all_healthy: the stack's 9 containers run, and those with a health check are healthy.
all_healthy() {
  local id n=0
  for id in $(stack_containers); do
    [ "$(docker inspect -f '{{.State.Running}} {{if .State.Health}}{{.State.Health.Status}}{{else}}healthy{{end}}' "$id")" \
      = "true healthy" ] || return 1
    n=$((n + 1))
  done
  [ "$n" = 9 ]
}
if wait_until 300 all_healthy; then
  ok "all 9 containers run, healthy"
  printf '  up to healthy: %d s\n' $((SECONDS - started))
else
  fail "all 9 containers run, healthy" "$(docker ps -a --filter "label=com.docker.compose.project=$PROJECT" \
    --format '{{.Names}} {{.Status}}')"$'\n'"$(compose logs --tail 30 2>&1 | tail -120)"
fi

published=$(docker ps --filter "label=com.docker.compose.project=$PROJECT" --format '{{.Label "com.docker.compose.service"}} {{.Ports}}' \
  | awk '/->/ { print $1 }' | sort | paste -sd' ' -)
# edge holds the network namespace nginx serves in.
check_eq "only the edge's network namespace publishes ports" "edge" "$published"
ports=$(docker ps --filter "label=com.docker.compose.project=$PROJECT" --filter "label=com.docker.compose.service=edge" --format '{{.Ports}}')
check_contains "the edge publishes HTTP on loopback only" "127.0.0.1:$HTTP_PORT->80/tcp" "$ports"
check "nothing is published beyond loopback" eval '! grep -q "0.0.0.0:" <<<"$ports"'
check "the apps' network is $NETWORK" docker network inspect "$NETWORK"

check_eq "session-service's user reads the admin token it bootstraps from" "$(cat "$WORK/admin.token")" \
  "$(compose exec -T session-service cat /run/secrets/fjord_admin_token)"
out=$(api GET /api/routes)
check_eq "the platform API answers through the stack's nginx" 200 "${out%% *}"

echo "push"
out=$(api POST /api/apps "{\"name\": \"$APP\"}")
check_eq "POST /api/apps creates the app" 201 "${out%% *}"
check "build-service made the app's repository in its volume" \
  wait_until 15 compose exec -T build-service test -x "/var/lib/fjord/git/$APP.git/hooks/pre-receive"

busybox_app "$WORK/src" "hello from compose v1"
(cd "$WORK/src" && git archive --format=tar.gz -o "$WORK/v1.tar.gz" HEAD)
status=$(curl -sS -o "$WORK/build.json" -w '%{http_code}' -H "Host: api.$DOMAIN" "${AUTH[@]}" -H 'Content-Type: application/gzip' \
  --data-binary @"$WORK/v1.tar.gz" "$EDGE/api/apps/$APP/builds")
check_eq "the upload through nginx is accepted (202)" 202 "$status"
build=$(sed -n 's/.*"id"[[:space:]]*:[[:space:]]*\([0-9][0-9]*\).*/\1/p' "$WORK/build.json")

# build_status: the build's status field.
build_status() { api GET "/api/builds/$build" | sed -n 's/.*"status"[[:space:]]*:[[:space:]]*"\([a-z]*\)".*/\1/p'; }
build_done() { case $(build_status) in succeeded | failed | cancelled) return 0 ;; *) return 1 ;; esac; }
wait_until 300 build_done
check_eq "build $build succeeds" succeeded "$(build_status)"
check_contains "its log shows the Docker build" "FROM scratch" "$(curl -sS -H "Host: api.$DOMAIN" "${AUTH[@]}" "$EDGE/api/builds/$build/log")"

# release_live BUILD: the app's release of that build is live.
release_live() {
  api GET "/api/apps/$APP/releases" | tr -d '\n' | sed 's/}[[:space:]]*,[[:space:]]*{/}\n{/g' \
    | grep -E "\"buildId\"[[:space:]]*:[[:space:]]*$1([^0-9]|\$)" | grep -q '"status"[[:space:]]*:[[:space:]]*"live"'
}
check "the release of build $build goes live" wait_until 180 release_live "$build"
check_eq "v1 answers through the stack's nginx" "hello from compose v1" "$(app_get "$APP")"

web=$(docker ps -q --filter "label=io.fjord.app=$APP")
check_eq "one app container runs" 1 "$(wc -w <<<"$web")"
if [ -n "$web" ]; then
  check_eq "it is on the stack's apps network only" "$NETWORK" \
    "$(docker inspect -f '{{range $name, $_ := .NetworkSettings.Networks}}{{$name}} {{end}}' "$web" | xargs)"
  check_eq "it publishes no port" "" "$(docker port "$web")"
  # Its session store is the stack's Redis, as its own ACL user (values not printed: they hold a password).
  check "its REDIS_URL names its own Redis user at the stack's redis" eval \
    "docker inspect -f '{{range .Config.Env}}{{println .}}{{end}}' '$web' | grep -q '^REDIS_URL=redis://app-$APP:[^@]*@redis:6379/'"
fi

# An app cannot reach the platform's services on its network: only the edge, and Redis (as its own user).
# probe SERVICE PORT: the status line an app's container gets from SERVICE's address on the apps' network
# (busybox's nc: its static wget cannot resolve names).
image=$(docker inspect -f '{{.Config.Image}}' "$web" 2>/dev/null)
probe() {
  local ip
  ip=$(docker inspect -f "{{(index .NetworkSettings.Networks \"$NETWORK\").IPAddress}}" "$(compose ps -q "$1")")
  printf 'GET / HTTP/1.0\r\n\r\n' | docker run --rm -i --network "$NETWORK" --label "io.fjord.app=$APP" \
    --entrypoint /bin/busybox "$image" nc -w 3 "$ip" "$2" 2>&1 | head -n 1
}
check_contains "an app reaches the edge" "HTTP/1.1 404" "$(probe edge 80)"
check_contains "an app is refused by deploy-service's port" "Connection refused" "$(probe deploy-service 8082)"

# nginx_master_is_own: the pid file in the shared tree names the nginx container's own process (seen in the
# edge's PID namespace), not an nginx that proxy-config-service started.
nginx_master() { compose exec -T nginx cat /var/lib/fjord/nginx/nginx.pid | tr -d '[:space:]'; }
nginx_own_pid() {
  awk '/^NSpid:/ { print $NF }' "/proc/$(docker inspect -f '{{.State.Pid}}' "$(compose ps -q nginx)")/status"
}
check_eq "nginx's master is the nginx container's own process" "$(nginx_own_pid)" "$(nginx_master)"

# proxy-config-service restarted: it renders the edge again and has the running nginx reload it.
nginx_started=$(docker inspect -f '{{.State.StartedAt}}' "$(compose ps -q nginx)")
out=$(compose restart proxy-config-service 2>&1)
check "proxy-config-service is healthy again after a restart" wait_until 120 all_healthy
check_eq "nginx kept running meanwhile" "$nginx_started" "$(docker inspect -f '{{.State.StartedAt}}' "$(compose ps -q nginx)")"
check_eq "and its master is still the nginx container's own" "$(nginx_own_pid)" "$(nginx_master)"
check_eq "v1 still answers through the stack's nginx" "hello from compose v1" "$(app_get "$APP")"

# nginx restarted: it starts with Fjord's configuration from the shared volume; proxy-config-service keeps
# running and reloads the new master at the next change (the push below).
proxy_started=$(docker inspect -f '{{.State.StartedAt}}' "$(compose ps -q proxy-config-service)")
out=$(compose restart nginx 2>&1)
check "the stack is healthy after nginx restarted" wait_until 60 all_healthy
check_eq "proxy-config-service kept running meanwhile" "$proxy_started" \
  "$(docker inspect -f '{{.State.StartedAt}}' "$(compose ps -q proxy-config-service)")"
check_eq "v1 answers through the restarted nginx" "hello from compose v1" "$(app_get "$APP")"

# A git push into build-service's container: the receive-pack runs there, with the pre-receive hook that
# builds, streams the log and waits for the release (users push over SSH; no SSH server runs in the stack).
busybox_app "$WORK/src" "hello from compose v2"
builder=$(compose ps -q build-service)
push=$(cd "$WORK/src" && git -c protocol.ext.allow=always push \
  "ext::docker exec -i $builder %S /var/lib/fjord/git/$APP.git" main 2>&1); rc=$?
check_eq "a git push into build-service's container succeeds" 0 "$rc"
check_contains "the push shows the build log" "FROM scratch" "$push"
check_contains "the push says the release is live" "is live at http://$APP.$DOMAIN/" "$push"
check_eq "v2 answers through the stack's nginx" "hello from compose v2" "$(app_get "$APP")"
check "only v2's container runs once v1 is retired" \
  wait_until 30 eval '[ "$(docker ps -q --filter "label=io.fjord.app=$APP" | wc -l)" = 1 ]'

echo "destroy"
out=$(api DELETE "/api/apps/$APP")
check_eq "DELETE /api/apps/$APP answers 204" 204 "${out%% *}"
check "its containers are gone" wait_until 30 eval '[ -z "$(docker ps -aq --filter "label=io.fjord.app=$APP")" ]'
check "its images are gone" wait_until 150 eval '[ -z "$(docker images -q --filter "label=io.fjord.app=$APP")" ]'
host_status() { curl -s -o /dev/null -w '%{http_code}' -H "Host: $APP.$DOMAIN" "$EDGE/"; }
wait_until 20 eval '[ "$(host_status)" = 404 ]'
check_eq "its host answers 404 now" 404 "$(host_status)"

echo "down"
if [ "$KEEP" != yes ]; then
  teardown
  check_eq "docker-compose down leaves no container of the stack" "" "$(stack_containers)"
  check_eq "and no app container of it" "" "$(app_containers)"
  check "the apps' network is gone" eval '! docker network inspect "$NETWORK" >/dev/null 2>&1'
  check_eq "the stack's volumes are gone" "" "$(docker volume ls -q --filter "label=com.docker.compose.project=$PROJECT")"
fi

finish
