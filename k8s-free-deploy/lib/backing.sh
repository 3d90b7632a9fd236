# The backing services Fjord needs, installed from Debian packages and started when not answering.
# Shared by install.sh and test.sh. Requires common.sh and tuning.sh.

BACKING_PACKAGES=(docker.io rabbitmq-server mariadb-server mariadb-client redis-server nginx git curl
  busybox-static openjdk-17-jdk-headless maven openssh-server pebble wrk)

install_packages() {
  local missing=() p
  for p in "${BACKING_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if ((${#missing[@]})); then
    say "Installing ${missing[*]}"
    # A third-party source that cannot be reached must not stop the install: Debian's mirror is enough.
    apt-get update -qq || info "apt-get update reported errors; going on with the lists it has"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >"$FJORD_LOG/apt.log" 2>&1 \
      || { tail -20 "$FJORD_LOG/apt.log" >&2; die "apt-get install failed (log: $FJORD_LOG/apt.log)"; }
  fi
}

docker_up() { docker version --format '{{.Server.Version}}' >/dev/null 2>&1; }
rabbit_up() { rabbitmqctl -q status >/dev/null 2>&1; }
mariadb_up() { mariadb -uroot -e 'SELECT 1' >/dev/null 2>&1; }
redis_up() { redis-cli -h 127.0.0.1 -p 6379 --no-auth-warning -a "$FJORD_REDIS_PASSWORD" ping 2>/dev/null | grep -q PONG; }

start_docker() {
  docker_up && return 0
  say "Starting the Docker engine"
  if has_systemd; then systemctl start docker; else
    nohup dockerd >>"$FJORD_LOG/dockerd.log" 2>&1 &
  fi
  wait_for 60 "the Docker engine" docker_up
}

start_rabbitmq() {
  if ! rabbit_up; then
    say "Starting RabbitMQ"
    if has_systemd; then systemctl start rabbitmq-server; else rabbitmq-server -detached; fi
    # -detached returns before the node answers; await_startup needs a node that is already up.
    wait_for 120 RabbitMQ rabbit_up
    rabbitmqctl -q await_startup --timeout 120 >/dev/null
  fi
  # The platform's vhost, and a separate one so tests never touch the platform's queues.
  local vhost
  for vhost in fjord fjord-test; do
    rabbitmqctl -q list_vhosts | grep -qx "$vhost" || rabbitmqctl -q add_vhost "$vhost"
  done
  if ! rabbitmqctl -q list_users | grep -q "^$FJORD_BUS_USERNAME\b"; then
    rabbitmqctl -q add_user "$FJORD_BUS_USERNAME" "$FJORD_BUS_PASSWORD" >/dev/null
  else
    rabbitmqctl -q change_password "$FJORD_BUS_USERNAME" "$FJORD_BUS_PASSWORD" >/dev/null
  fi
  for vhost in fjord fjord-test; do
    rabbitmqctl -q set_permissions -p "$vhost" "$FJORD_BUS_USERNAME" '.*' '.*' '.*' >/dev/null
  done
}

start_mariadb() {
  if ! mariadb_up; then
    say "Starting MariaDB"
    if has_systemd; then systemctl start mariadb; else
      mkdir -p /run/mysqld && chown mysql:mysql /run/mysqld
      start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd -- --user=mysql
    fi
    wait_for 60 MariaDB mariadb_up
  fi
  local db sql=""
  for db in fjord_build fjord_deploy fjord_proxy fjord_identity; do
    sql+="CREATE DATABASE IF NOT EXISTS $db; CREATE DATABASE IF NOT EXISTS ${db}_test;"
  done
  local host
  for host in localhost '%'; do
    sql+="CREATE USER IF NOT EXISTS '$FJORD_DB_USER'@'$host' IDENTIFIED BY '$FJORD_DB_PASSWORD';"
    sql+="ALTER USER '$FJORD_DB_USER'@'$host' IDENTIFIED BY '$FJORD_DB_PASSWORD';"
    sql+="GRANT ALL PRIVILEGES ON \`fjord\\_%\`.* TO '$FJORD_DB_USER'@'$host';"
  done
  mariadb -uroot -e "$sql"
}

# Redis's users, as hashes: the default user (the platform's own clients) and session-service's, which
# may only touch its keys and manage the apps' users. Written once: session-service saves later changes.
write_redis_users() {
  local file=$FJORD_ETC/redis-users.acl
  [ -s "$file" ] && return 0
  sha() { printf '%s' "$1" | sha256sum | cut -d' ' -f1; }
  umask 077
  cat >"$file" <<ACL
user default on #$(sha "$FJORD_REDIS_PASSWORD") ~* &* +@all
user $FJORD_REDIS_SESSION_USER on #$(sha "$FJORD_REDIS_SESSION_PASSWORD") ~fjord:* resetchannels +@all -@dangerous +acl|setuser +acl|deluser +acl|save
ACL
  umask 022
}

start_redis() {
  redis_up && return 0
  say "Starting Redis"
  if redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
    die "a Redis without Fjord's password already answers on 127.0.0.1:6379; stop it first"
  fi
  mkdir -p "$FJORD_LIB/redis"
  umask 077
  # Sessions, not a cache: conf/redis/fjord-redis.conf explains every setting (lib/tuning.sh renders it).
  render_redis_conf "$(mem_kib)" >"$FJORD_ETC/redis.conf"
  umask 022
  write_redis_users
  redis-server "$FJORD_ETC/redis.conf"
  wait_for 30 Redis redis_up
}

# nginx is started by the platform's proxy-config-service with Fjord's own configuration;
# the distro's default server must not hold port 80.
stop_default_nginx() {
  if [ -f /run/nginx.pid ] && kill -0 "$(cat /run/nginx.pid)" 2>/dev/null; then
    say "Stopping the distro's default nginx (Fjord runs its own edge configuration)"
    if has_systemd; then systemctl disable --now nginx; else nginx -s quit || true; fi
  fi
}

backing_up() {
  load_env
  install_packages
  start_docker
  start_rabbitmq
  start_mariadb
  start_redis
  stop_default_nginx
}
