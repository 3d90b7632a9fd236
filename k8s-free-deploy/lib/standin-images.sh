#!/usr/bin/env bash
# Makes the stand-in images docker-compose.yml runs with where no registry can be reached (the tests):
#   fjord/debian:bookworm    a minimal Debian made with debootstrap and `docker import` (cached: made once)
#   fjord/standin-jre        Java 17 for the services, with curl, git and nginx (they install what they miss)
#   fjord/standin-mariadb    for mysql:8.4: MYSQL_* variables and /docker-entrypoint-initdb.d on first start
#   fjord/standin-rabbitmq   for rabbitmq:3.13-management: RABBITMQ_DEFAULT_USER/PASS/VHOST on first start
#   fjord/standin-redis      for redis:7: `redis-server --requirepass ...` as the command
#   fjord/standin-nginx      for nginx:1.27
# Packages come from Debian's mirror inside `docker build`; Docker's layer cache makes a second run quick.
# usage: standin-images.sh            (prints the variables that point docker-compose.yml at the images)
# Sourced, it only defines standin_images and standin_env.
set -euo pipefail
STANDIN_HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
STANDIN_DIR=$STANDIN_HERE/../standin
STANDIN_BASE=fjord/debian:bookworm
STANDIN_IMAGES=(jre mariadb rabbitmq redis nginx)
# The engine speaks API 1.41 (a newer client must say so); its builder is the classic one.
export DOCKER_API_VERSION=${DOCKER_API_VERSION:-1.41} DOCKER_BUILDKIT=0

standin_log() { printf -- '-----> %s\n' "$*"; }

# debian_mirror SUITE: the URI apt uses for SUITE on this machine (deb822 sources, else sources.list).
debian_mirror() {
  local suite=$1 file uri=
  for file in /etc/apt/sources.list.d/*.sources; do
    [ -f "$file" ] || continue
    uri=$(awk -v suite="$suite" 'BEGIN { RS = "" } {
        u = ""; hit = 0
        n = split($0, lines, "\n")
        for (i = 1; i <= n; i++) {
          if (lines[i] ~ /^URIs:/) { split(lines[i], f, /[ \t]+/); u = f[2] }
          if (lines[i] ~ /^Suites:/) { m = split(lines[i], s, /[ \t]+/); for (j = 2; j <= m; j++) if (s[j] == suite) hit = 1 }
        }
        if (hit && u != "") { print u; exit }
      }' "$file")
    [ -n "$uri" ] && break
  done
  if [ -z "$uri" ] && [ -f /etc/apt/sources.list ]; then
    uri=$(awk -v suite="$suite" '$1 == "deb" && $3 == suite { print $2; exit }' /etc/apt/sources.list)
  fi
  printf '%s' "$uri"
}

# The Debian base: debootstrap's minbase with apt pointed at this machine's mirrors, no daemons started
# by package installs (policy-rc.d, as Debian's own images have it) and no recommended packages.
standin_base() {
  if docker image inspect "$STANDIN_BASE" >/dev/null 2>&1; then
    standin_log "$STANDIN_BASE exists (remove it to make it again)"
    return 0
  fi
  command -v debootstrap >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
  local mirror security root log
  mirror=$(debian_mirror bookworm)
  mirror=${mirror:-http://deb.debian.org/debian}
  security=$(debian_mirror bookworm-security)
  root=$(mktemp -d /var/tmp/fjord-debootstrap.XXXXXX)
  log=$root.log
  standin_log "Making $STANDIN_BASE with debootstrap from $mirror (about a minute)"
  if ! debootstrap --variant=minbase bookworm "$root" "$mirror" >"$log" 2>&1; then
    tail -20 "$log" >&2
    rm -rf "$root"
    echo "standin-images: debootstrap failed (log: $log)" >&2
    return 1
  fi
  {
    echo "deb $mirror bookworm main"
    echo "deb $mirror bookworm-updates main"
    [ -n "$security" ] && echo "deb $security bookworm-security main"
  } >"$root/etc/apt/sources.list"
  printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
  chmod 0755 "$root/usr/sbin/policy-rc.d"
  printf 'APT::Install-Recommends "false";\nAPT::Install-Suggests "false";\n' >"$root/etc/apt/apt.conf.d/90fjord-standin"
  rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
  tar -C "$root" -c . | docker import \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'ENV LANG=C.UTF-8' \
    --change 'CMD ["/bin/bash"]' - "$STANDIN_BASE" >/dev/null
  rm -rf "$root" "$log"
}

# standin_images: the base, then each stand-in built on it from k8s-free-deploy/standin/<name>/.
standin_images() {
  standin_base
  local name log
  for name in "${STANDIN_IMAGES[@]}"; do
    log=$(mktemp "/tmp/fjord-standin-$name.XXXXXX.log")
    standin_log "Building fjord/standin-$name"
    if ! docker build -q --build-arg "BASE=$STANDIN_BASE" -t "fjord/standin-$name" "$STANDIN_DIR/$name" >"$log" 2>&1; then
      tail -30 "$log" >&2
      echo "standin-images: fjord/standin-$name did not build (log: $log)" >&2
      return 1
    fi
    rm -f "$log"
  done
}

# standin_env: the variables that make docker-compose.yml use the stand-ins.
standin_env() {
  cat <<ENV
MYSQL_IMAGE=fjord/standin-mariadb
RABBITMQ_IMAGE=fjord/standin-rabbitmq
REDIS_IMAGE=fjord/standin-redis
NGINX_IMAGE=fjord/standin-nginx
JRE_IMAGE=fjord/standin-jre
ENV
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  standin_images
  standin_env
fi
