#!/usr/bin/env bash
# Tests lib/hardening.sh, lib/tuning.sh and the tuned configuration files of conf/ on this host, as root: the parsing and
# rendering functions, a throwaway MariaDB and Redis started with the rendered files (so a bad option is
# caught here, not at a user's install), the deploy user (made and removed again), and the firewall and
# fail2ban steps where they must skip. It never turns a firewall on and leaves nothing behind.
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/../lib/common.sh"
. "$HERE/../lib/backing.sh"
. "$HERE/../lib/hardening.sh"
. "$HERE/../lib/tuning.sh"
. "$HERE/lib.sh"
set +e

echo "Hardening and tuned configuration"
TMP=$(mktemp -d)
USER_UNDER_TEST=fjordtest$RANDOM
cleanup() {
  [ -S "$TMP/mysql.sock" ] && mariadb-admin -uroot -S "$TMP/mysql.sock" shutdown 2>/dev/null
  [ -S "$TMP/redis.sock" ] && redis-cli -s "$TMP/redis.sock" -a test-password --no-auth-warning shutdown nosave >/dev/null 2>&1
  id "$USER_UNDER_TEST" >/dev/null 2>&1 && userdel -r "$USER_UNDER_TEST" 2>/dev/null
  rm -rf "$TMP"
}
trap cleanup EXIT

# --- flags ---
HARDEN_FIREWALL=yes HARDEN_FAIL2BAN=yes HARDEN_DEPLOY_USER=yes FJORD_DEPLOY_USER=fjord FJORD_DEPLOY_USER_DOCKER=no
hardening_flag --no-firewall && hardening_flag --no-fail2ban && hardening_flag --no-deploy-user \
  && hardening_flag --deploy-user=ops && hardening_flag --deploy-user-docker
check_eq "hardening flags are taken" "no no no ops yes" \
  "$HARDEN_FIREWALL $HARDEN_FAIL2BAN $HARDEN_DEPLOY_USER $FJORD_DEPLOY_USER $FJORD_DEPLOY_USER_DOCKER"
check "other arguments are left to install.sh" bash -c "! (. '$HERE/../lib/common.sh'; . '$HERE/../lib/hardening.sh'; hardening_flag --no-build)"
check "an empty deploy user name is refused" bash -c "! (. '$HERE/../lib/common.sh'; . '$HERE/../lib/hardening.sh'; hardening_flag --deploy-user=)"

# --- SSH ports ---
printf '# Port 2200\nPort 2222\n  port 22\nListenAddress 0.0.0.0\n' >"$TMP/sshd_config"
printf 'Port 443x\n' >"$TMP/bad.conf"
check_eq "Port lines of sshd_config" "2222 22" "$(sshd_config_ports "$TMP/sshd_config" "$TMP/bad.conf" "$TMP/missing" | paste -sd' ')"
check_contains "the SSH port of this session is allowed" "4022" "$(SSH_CONNECTION='10.1.2.3 50000 10.1.2.4 4022' ssh_ports)"

# --- loopback check ---
SS_OUTPUT='LISTEN 0 128 0.0.0.0:25672 0.0.0.0:* users:(("beam.smp",pid=4669,fd=18))
LISTEN 0 80 127.0.0.1:3306 0.0.0.0:* users:(("mariadbd",pid=5380,fd=21))
LISTEN 0 128 0.0.0.0:2024 0.0.0.0:*
LISTEN 0 511 127.0.0.1:6379 0.0.0.0:* users:(("redis-server",pid=5403,fd=6))
LISTEN 0 511 172.17.0.1:6379 0.0.0.0:* users:(("redis-server",pid=5403,fd=7))
LISTEN 0 511 0.0.0.0:6380 0.0.0.0:* users:(("redis-server",pid=5404,fd=6))
LISTEN 0 4096 [::]:4369 [::]:* users:(("epmd",pid=4624,fd=4))
LISTEN 0 128 *:5672 *:* users:(("beam.smp",pid=4669,fd=35))
LISTEN 0 511 0.0.0.0:80 0.0.0.0:* users:(("nginx",pid=1,fd=6))
LISTEN 0 511 [::]:443 [::]:* users:(("nginx",pid=1,fd=7))
LISTEN 0 511 0.0.0.0:8080 0.0.0.0:* users:(("nginx",pid=1,fd=8))
LISTEN 0 128 0.0.0.0:22 0.0.0.0:* users:(("sshd",pid=9,fd=3))
LISTEN 0 100 [::1]:8082 [::]:* users:(("java",pid=77,fd=9))
LISTEN 0 100 0.0.0.0:8084 0.0.0.0:* users:(("java",pid=78,fd=9))
LISTEN 0 100 10.0.0.5:3306 0.0.0.0:*
LISTEN 0 100 127.0.0.53%lo:53 0.0.0.0:* users:(("systemd-resolve",pid=5,fd=1))
LISTEN 0 4096 0.0.0.0:18080 0.0.0.0:* users:(("docker-proxy",pid=80,fd=4))'
check_eq "listeners beyond loopback are found (Redis on the Docker bridge is meant)" "0.0.0.0:25672 beam.smp
0.0.0.0:6380 redis-server
[::]:4369 epmd
*:5672 beam.smp
0.0.0.0:8080 nginx
0.0.0.0:8084 java
10.0.0.5:3306 ?
0.0.0.0:18080 docker-proxy" "$(loopback_violations <<<"$SS_OUTPUT")"
check_contains "a hint names the file that fixes it" "conf/mariadb/60-fjord.cnf" "$(binding_hint '?' 3306)"
check_contains "a published container port is explained" "publish on 127.0.0.1" "$(binding_hint docker-proxy 18080)"
check "the check of this host reports and succeeds" check_loopback_bindings

# --- firewall and fail2ban: in a container they must skip, changing nothing ---
kind=$(container_kind)
if [ -n "$kind" ]; then
  out=$(FJORD_LOG=$TMP harden_firewall 2>&1)
  check_contains "the firewall step skips in a $kind container" "skipped: this host is a $kind container" "$out"
  out=$(FJORD_LOG=$TMP harden_fail2ban 2>&1)
  check_contains "the fail2ban step skips in a $kind container" "skipped: this host is a $kind container" "$out"
else
  echo "  --    not a container: the firewall and fail2ban steps are not run by this test (they would change the host)"
fi
check_contains "the jail reads the journal under systemd" "backend  = systemd" "$(render_fail2ban_jail 22 systemd)"
check_contains "the jail reads auth.log without systemd" "logpath  = /var/log/auth.log" "$(render_fail2ban_jail 22,2222 auto)"
check_contains "the jail covers every SSH port" "port     = 22,2222" "$(render_fail2ban_jail 22,2222 auto)"

# --- deploy user ---
out=$(harden_deploy_user "$USER_UNDER_TEST" yes 2>&1)
check_contains "the deploy user is created" "created $USER_UNDER_TEST" "$out"
check_eq "it has no password" "!" "$(getent shadow "$USER_UNDER_TEST" | cut -d: -f2 | cut -c1)"
check_contains "it joins the docker group only when asked" "docker" "$(id -nG "$USER_UNDER_TEST")"
check_contains "a second run keeps it" "$USER_UNDER_TEST exists" "$(harden_deploy_user "$USER_UNDER_TEST" no 2>&1)"
userdel -r "$USER_UNDER_TEST" 2>/dev/null

# --- tuned files ---
check_eq "buffer pool: 1/8 of 24 GiB, capped at 2 GiB" "2048" "$(buffer_pool_mib 25165824)"
check_eq "buffer pool: 1/8 of 4 GiB" "512" "$(buffer_pool_mib 4194304)"
check_eq "buffer pool: whole 128 MiB chunks" "384" "$(buffer_pool_mib 3500000)"
check_eq "buffer pool: at least 128 MiB" "128" "$(buffer_pool_mib 524288)"
check_eq "Redis limit: 1/8 of the memory, at least 64 MiB" "128 64" "$(redis_maxmemory_mib 1048576) $(redis_maxmemory_mib 262144)"
check "every MariaDB option has a comment above its block" awk '
  /^[a-z_-]+ *=/ { if (prev !~ /^#/ && prev !~ /^[a-z_-]+ *=/) bad = 1 } { prev = $0 } END { exit bad }' "$FJORD_CONF/mariadb/60-fjord.cnf"
check "no placeholder is left in the rendered MariaDB file" bash -c "! grep -q @ <<<\"\$1\"" _ "$(render_mariadb_conf 4194304)"

echo "changed" | install_if_changed "$TMP/etc/x.conf" 0640
check_eq "install_if_changed writes a new file with its mode" "0 640" "$? $(stat -c %a "$TMP/etc/x.conf")"
echo "changed" | install_if_changed "$TMP/etc/x.conf" 0640
check_eq "install_if_changed leaves a current file alone" "1" "$?"
check_eq "and no temporary file behind" "x.conf" "$(ls "$TMP/etc")"

# MariaDB starts with the rendered file and takes every value (a throwaway server on a socket, no TCP).
{
  render_mariadb_conf 4194304
  printf '\n[mysqld]\ndatadir=%s\nsocket=%s\npid-file=%s\nlog-error=%s\nskip-networking\nuser=root\n' \
    "$TMP/mysql" "$TMP/mysql.sock" "$TMP/mysql.pid" "$TMP/mysql.err"
} >"$TMP/my.cnf"
mariadb-install-db --defaults-file="$TMP/my.cnf" --auth-root-authentication-method=socket >"$TMP/install-db.log" 2>&1
mariadbd --defaults-file="$TMP/my.cnf" >/dev/null 2>&1 &
wait_until 60 test -S "$TMP/mysql.sock"
values=$(mariadb -uroot -S "$TMP/mysql.sock" -N -B -e 'SELECT @@innodb_buffer_pool_size DIV 1048576, @@innodb_flush_method,
  @@innodb_flush_log_at_trx_commit, @@sync_binlog, @@innodb_io_capacity, @@innodb_io_capacity_max,
  @@innodb_flush_neighbors, @@max_connections, @@character_set_server, @@bind_address' 2>&1)
check_eq "MariaDB runs with 60-fjord.cnf" "512	O_DIRECT	1	1	1000	2000	0	200	utf8mb4	127.0.0.1" "$values" \
  || tail -20 "$TMP/mysql.err"
mariadb-admin -uroot -S "$TMP/mysql.sock" shutdown 2>/dev/null

# Redis starts with the rendered file: password required, sessions never evicted, AOF on.
(
  # shellcheck disable=SC2034 # read by render_redis_conf
  FJORD_LIB=$TMP FJORD_LOG=$TMP FJORD_RUN=$TMP FJORD_ETC=$TMP FJORD_REDIS_PASSWORD=test-password
  FJORD_REDIS_SESSION_USER=fjord-session FJORD_REDIS_SESSION_PASSWORD=test-session-password
  mkdir -p "$TMP/redis"
  render_redis_conf 4194304 >"$TMP/redis.conf"
  write_redis_users
)
check "no placeholder is left in the rendered Redis file" bash -c "! grep -qE '@[A-Z_]+@' '$TMP/redis.conf'"
# Port 0: no TCP listener, so this test cannot collide with the platform's Redis on 6379.
redis-server "$TMP/redis.conf" --port 0 --unixsocket "$TMP/redis.sock" >/dev/null 2>&1
wait_until 20 test -S "$TMP/redis.sock"
check_contains "Redis refuses a client without the password" "NOAUTH" "$(redis-cli -s "$TMP/redis.sock" ping 2>&1)"
rcli() { redis-cli -s "$TMP/redis.sock" -a test-password --no-auth-warning "$@"; }
check_contains "session-service's Redis user may not read other keys" "NOPERM" \
  "$(redis-cli -s "$TMP/redis.sock" --user fjord-session --pass test-session-password --no-auth-warning get other:key 2>&1)"
check_eq "Redis runs with fjord-redis.conf" "noeviction yes everysec 536870912 127.0.0.1 -172.17.0.1" \
  "$(rcli config get maxmemory-policy | tail -1) $(rcli config get appendonly | tail -1) $(rcli config get appendfsync | tail -1) $(rcli config get maxmemory | tail -1) $(rcli config get bind | tail -1)"
rcli shutdown nosave >/dev/null 2>&1

finish
