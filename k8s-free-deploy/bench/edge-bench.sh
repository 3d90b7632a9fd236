#!/usr/bin/env bash
# Edge benchmark, one run:
#   1. requests per second and latency (p50, p99) of a container answering 200, reached straight at its
#      address on the fjord Docker network, through the edge with upstream keepalive, and through the edge
#      without it (wrk -t2 -c16, bounded, loopback and the container only);
#   2. the time to apply one app's route change with 1, 100 and 1000 apps routed, next to nginx -t alone,
#      a reload of the same tree (waited for as the applier waits) and a bare `nginx -s reload`.
# The edge is a private nginx tree under /tmp on loopback ports of its own (from 18680 HTTP, the next HTTPS), rendered
# and changed by proxy-config-service's own classes (renderer, candidate tree, nginx -t, swap, reload:
# io.fjord.proxy.nginx.EdgeBench), so it measures this tree's code and never touches the platform's edge.
# The upstream is the host's nginx binary in an image FROM scratch (no registry here), answering from
# memory: the figures show the cost of the path, not of an app. It removes the container and image it made.
# Usage (as root, Docker up, proxy-config-service built with `mvn -B -o install -pl proxy-config-service`):
#   bash k8s-free-deploy/bench/edge-bench.sh [ROUNDS]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
FJORD_HOME=$(cd "$HERE/../.." && pwd)

ROUNDS=${1:-10}
PORT=${BENCH_EDGE_PORT:-18680}
DURATION=${BENCH_WRK_DURATION:-8s}
MODULE=$FJORD_HOME/proxy-config-service
CLASSPATH="$MODULE/target/classes:$MODULE/target/test-classes:$MODULE/target/quarkus-app/lib/main/*:$MODULE/target/quarkus-app/lib/boot/*"
SUFFIX=$(head -c 3 /dev/urandom | od -An -tx1 | tr -d ' \n')
IMAGE=fjord-bench/edge-upstream:$SUFFIX
CONTAINER=fjord-edge-bench-$SUFFIX
NETWORK=fjord
WORK=$(mktemp -d /tmp/fjord-edge-bench.XXXXXX)
NETWORK_CREATED=
export DOCKER_API_VERSION=1.41 DOCKER_BUILDKIT=0

for tool in wrk nginx docker java curl; do
  command -v "$tool" >/dev/null || { echo "edge-bench: $tool is missing (apt-get install -y wrk nginx docker.io)" >&2; exit 1; }
done
[ -d "$MODULE/target/test-classes/io/fjord/proxy/nginx" ] && [ -d "$MODULE/target/quarkus-app/lib/main" ] \
  || { echo "edge-bench: proxy-config-service is not built: mvn -B -o install -pl proxy-config-service" >&2; exit 1; }

edge() { java -cp "$CLASSPATH" io.fjord.proxy.nginx.EdgeBench "$@"; }

# The first pair of free loopback ports from $PORT on (HTTP, then HTTPS): other benchmarks and tests run here too.
listening() { ss -Hltn "sport = :$1" | grep -q .; }
for _ in $(seq 50); do
  listening "$PORT" || listening $((PORT + 1)) || break
  PORT=$((PORT + 2))
done
listening "$PORT" && { echo "edge-bench: no free loopback port pair found near $PORT" >&2; exit 1; }

cleanup() {
  edge stop "$WORK/nginx" "$PORT" >/dev/null 2>&1 || true
  docker rm -f "$CONTAINER" >/dev/null 2>&1 || true
  docker rmi "$IMAGE" >/dev/null 2>&1 || true
  [ -z "$NETWORK_CREATED" ] || docker network rm "$NETWORK" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

# ---- the upstream: nginx answering 200 from memory, in a container on the fjord network -------------------
mkdir -p "$WORK/image/rootfs/etc" "$WORK/nginx"
for file in /usr/sbin/nginx $(ldd /usr/sbin/nginx | awk '/=>/ { print $3 } /^\t\// { print $1 }'); do
  cp --parents -L "$file" "$WORK/image/rootfs"
done
printf 'root:x:0:0::/:/bin/false\nnobody:x:65534:65534::/:/bin/false\n' >"$WORK/image/rootfs/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' >"$WORK/image/rootfs/etc/group"
cat >"$WORK/image/rootfs/etc/upstream.conf" <<'CONF'
worker_processes auto;
daemon off;
pid /tmp/nginx.pid;
error_log stderr warn;
events { worker_connections 4096; }
http {
    access_log off;
    keepalive_requests 100000;
    client_body_temp_path /tmp/body;
    proxy_temp_path /tmp/proxy;
    fastcgi_temp_path /tmp/fastcgi;
    uwsgi_temp_path /tmp/uwsgi;
    scgi_temp_path /tmp/scgi;
    server {
        listen 8080;
        location / { return 200 "ok\n"; }
    }
}
CONF
cat >"$WORK/image/Dockerfile" <<'DOCKERFILE'
FROM scratch
COPY rootfs/ /
USER 65534:65534
EXPOSE 8080
CMD ["/usr/sbin/nginx", "-e", "stderr", "-c", "/etc/upstream.conf"]
DOCKERFILE
docker build -q --label io.fjord.bench=edge -t "$IMAGE" "$WORK/image" >/dev/null

if ! docker network inspect "$NETWORK" >/dev/null 2>&1; then
  docker network create --label io.fjord.managed=true "$NETWORK" >/dev/null
  NETWORK_CREATED=1
fi
docker run -d --name "$CONTAINER" --network "$NETWORK" --label io.fjord.bench=edge --tmpfs /tmp:rw,mode=1777 \
  "$IMAGE" >/dev/null
UPSTREAM=$(docker inspect -f "{{(index .NetworkSettings.Networks \"$NETWORK\").IPAddress}}" "$CONTAINER")
for _ in $(seq 50); do curl -fsS -o /dev/null "http://$UPSTREAM:8080/" && break; sleep 0.1; done
curl -fsS -o /dev/null "http://$UPSTREAM:8080/" || { docker logs "$CONTAINER" >&2; echo "edge-bench: the upstream did not answer" >&2; exit 1; }

# ---- the edge: Fjord's rendering of two apps in front of it, with and without upstream keepalive ----------
edge serve "$WORK/nginx" "$PORT" "$UPSTREAM:8080" >/dev/null

run_wrk() { # URL [HOST]: prints requests/s, p50, p99, failed
  local url=$1 host=${2:-}
  local args=(-t2 -c16 -d"$DURATION" --timeout 5s -s "$HERE/edge-wrk.lua")
  [ -z "$host" ] || args+=(-H "Host: $host")
  wrk "${args[@]}" "$url" | awk '/^RESULT/ { print $2, $3, $4, $5 }'
}

echo "Fjord edge benchmark: wrk -t2 -c16 -d$DURATION; edge on 127.0.0.1:$PORT; upstream nginx (return 200) in a"
echo "container at $UPSTREAM on '$NETWORK'"
echo "Machine: $(nproc) cores, $(nginx -v 2>&1 | sed 's/nginx version: //'); the load generator, the edge and the upstream share them."
echo
printf '%-44s %12s %10s %10s %8s\n' "path" "requests/s" "p50 ms" "p99 ms" "failed"
report() { # LABEL requests/s p50 p99 failed
  printf '%-44s %12s %10s %10s %8s\n' "$1" "$2" "$3" "$4" "$5"
}
# shellcheck disable=SC2046
report "straight to the container (bridge address)" $(run_wrk "http://$UPSTREAM:8080/")
# shellcheck disable=SC2046
report "through the edge, upstream keepalive 64" $(run_wrk "http://127.0.0.1:$PORT/" "keepalive.bench.localhost")
# shellcheck disable=SC2046
report "through the edge, no upstream keepalive" $(run_wrk "http://127.0.0.1:$PORT/" "nokeepalive.bench.localhost")

echo
echo "Applying one app's route change (render, candidate copy of the whole tree, nginx -t, swap, reload and wait"
echo "until the old workers stop accepting: what the applier does per batch; its database write and 10 ms batch"
echo "window come on top). Median and slowest of $ROUNDS rounds, after one warm-up:"
echo
edge apply "$WORK/nginx" "$PORT" "$ROUNDS" 1 100 1000
echo
echo "(nginx -s reload returns once the signal is sent; nginx then loads the tree in the background, which is the"
echo " \"reload + wait\" column. The difference between \"apply\" and \"reload + wait\" is Fjord's own cost: the copy"
echo " of the tree and the nginx -t of the candidate.)"
