# Tuned configuration files for the backing services and the kernel, shipped in conf/ and installed here:
# MariaDB's 60-fjord.cnf (buffer pool sized from this machine's memory), RabbitMQ's rabbitmq.conf, Redis'
# redis.conf (rendered by start_redis) and sysctl settings. Used by install.sh, test.sh and backing.sh.
# Requires common.sh; install_tuned_configs also backing.sh (to see what runs).

FJORD_CONF=${FJORD_CONF:-$FJORD_HOME/k8s-free-deploy/conf}
# Where the files go; tests may point these at a temporary directory.
MARIADB_CONF_DIR=${MARIADB_CONF_DIR:-/etc/mysql/mariadb.conf.d}
RABBITMQ_CONF_DIR=${RABBITMQ_CONF_DIR:-/etc/rabbitmq}
SYSCTL_CONF_DIR=${SYSCTL_CONF_DIR:-/etc/sysctl.d}

# mem_kib: the machine's memory in KiB.
mem_kib() { awk '/^MemTotal:/ { print $2 }' /proc/meminfo; }

# buffer_pool_mib MEM_KIB: 1/8 of the memory in whole 128 MiB chunks, between 128 MiB and 2 GiB
# (the reasons are in conf/mariadb/60-fjord.cnf).
buffer_pool_mib() {
  local mib=$(($1 / 1024 / 8 / 128 * 128))
  if ((mib < 128)); then mib=128; fi
  if ((mib > 2048)); then mib=2048; fi
  echo "$mib"
}

# render_mariadb_conf MEM_KIB: conf/mariadb/60-fjord.cnf with the buffer pool sized for this machine.
render_mariadb_conf() {
  sed "s/@INNODB_BUFFER_POOL_SIZE@/$(buffer_pool_mib "$1")M/" "$FJORD_CONF/mariadb/60-fjord.cnf"
}

# redis_maxmemory_mib MEM_KIB: 1/8 of the memory, between 64 MiB and 2 GiB.
redis_maxmemory_mib() {
  local mib=$(($1 / 1024 / 8))
  if ((mib < 64)); then mib=64; fi
  if ((mib > 2048)); then mib=2048; fi
  echo "$mib"
}

# render_redis_conf MEM_KIB: conf/redis/fjord-redis.conf with Fjord's paths and the memory limit filled
# in. The passwords are in the ACL file it names (write_redis_users).
render_redis_conf() {
  sed -e "s|@FJORD_LIB@|$FJORD_LIB|g" -e "s|@FJORD_LOG@|$FJORD_LOG|g" -e "s|@FJORD_RUN@|$FJORD_RUN|g" \
    -e "s|@FJORD_ETC@|$FJORD_ETC|g" -e "s|@REDIS_MAXMEMORY@|$(redis_maxmemory_mib "$1")mb|g" \
    "$FJORD_CONF/redis/fjord-redis.conf"
}

# install_if_changed TARGET MODE: writes stdin to TARGET unless it holds exactly that already; answers 0
# when it wrote, 1 when the file was current. The new file is moved in whole, never half-written.
install_if_changed() {
  local target=$1 mode=$2 temp
  mkdir -p "$(dirname "$target")"
  temp=$(mktemp "$target.XXXXXX")
  cat >"$temp"
  if cmp -s "$temp" "$target"; then
    rm -f "$temp"
    return 1
  fi
  chmod "$mode" "$temp"
  mv -f "$temp" "$target"
}

# restart_if_running UNIT CHECK: a service reads a changed file at its next start. Under systemd a running
# one is restarted now (right after its package installed it, or when Fjord's tuning changed); without
# systemd install.sh starts the services itself, and one already running is left alone, with a note.
restart_if_running() {
  local unit=$1 check=$2
  "$check" || return 0
  if ! has_systemd; then
    info "$unit is running: it reads the new file at its next start"
  elif systemctl restart "$unit"; then
    info "$unit restarted with it"
  else
    info "$unit did not restart: see journalctl -u $unit"
  fi
}

# install_tuned_configs: MariaDB's and RabbitMQ's tuned files and the kernel settings. Call it before the
# backing services start (their packages read the files at first start); Redis' file is rendered by
# start_redis (render_redis_conf).
install_tuned_configs() {
  say "Tuned configuration: MariaDB, RabbitMQ, kernel"
  local mem conf out
  mem=$(mem_kib)
  conf=$(render_mariadb_conf "$mem")
  if install_if_changed "$MARIADB_CONF_DIR/60-fjord.cnf" 0644 <<<"$conf"; then
    info "MariaDB: $MARIADB_CONF_DIR/60-fjord.cnf, buffer pool $(buffer_pool_mib "$mem") MiB"
    restart_if_running mariadb mariadb_up
  else
    info "MariaDB: $MARIADB_CONF_DIR/60-fjord.cnf is current"
  fi
  if install_if_changed "$RABBITMQ_CONF_DIR/rabbitmq.conf" 0644 <"$FJORD_CONF/rabbitmq/rabbitmq.conf"; then
    info "RabbitMQ: $RABBITMQ_CONF_DIR/rabbitmq.conf, AMQP on 127.0.0.1 only"
    restart_if_running rabbitmq-server rabbit_up
  else
    info "RabbitMQ: $RABBITMQ_CONF_DIR/rabbitmq.conf is current"
  fi
  if install_if_changed "$SYSCTL_CONF_DIR/60-fjord.conf" 0644 <"$FJORD_CONF/sysctl/60-fjord.conf"; then
    info "kernel: $SYSCTL_CONF_DIR/60-fjord.conf"
  fi
  if out=$(sysctl -q -p "$SYSCTL_CONF_DIR/60-fjord.conf" 2>&1); then
    info "kernel: settings applied (vm.overcommit_memory, net.core.somaxconn)"
  else
    info "kernel: settings not applied here ($(head -n 1 <<<"$out")); they apply at boot where the kernel allows"
  fi
}
