#!/bin/bash
# The stand-in's entrypoint, after the official mysql image's: on the first start (an empty datadir) it
# makes the system tables, sets root's password (root@localhost and root@'%'), creates MYSQL_DATABASE and
# MYSQL_USER (all privileges on that database) and runs /docker-entrypoint-initdb.d/*: *.sh are sourced
# (executed when executable) with docker_process_sql at hand, *.sql and *.sql.gz are run as root. Then the
# server runs in the foreground on every address.
set -euo pipefail
DATADIR=/var/lib/mysql
SOCKET=/run/mysqld/mysqld.sock

log() { printf '%s [Entrypoint]: %s\n' "$(date -u +%FT%TZ)" "$*"; }
die() { log "$*" >&2; exit 1; }

# A string as a single-quoted SQL literal's content.
sql_escape() { local s=${1//\\/\\\\}; printf '%s' "${s//\'/\\\'}"; }

# docker_process_sql [CLIENT OPTIONS]: runs the SQL on stdin as root over the socket (the official name).
docker_process_sql() {
  local database=()
  [ -n "${MYSQL_DATABASE:-}" ] && database=(--database="$MYSQL_DATABASE")
  MYSQL_PWD=${MYSQL_ROOT_PASSWORD:-} mariadb --protocol=socket --socket="$SOCKET" -uroot "${database[@]}" "$@"
}

initialise() {
  if [ -z "${MYSQL_ROOT_PASSWORD:-}" ] && [ -z "${MYSQL_ALLOW_EMPTY_PASSWORD:-}" ]; then
    die "the database is not initialised and MYSQL_ROOT_PASSWORD is not set (or MYSQL_ALLOW_EMPTY_PASSWORD)"
  fi
  log "Initialising the database in $DATADIR"
  mariadb-install-db --user=mysql --datadir="$DATADIR" --auth-root-authentication-method=normal \
    --skip-test-db >/dev/null
  mariadbd --user=mysql --datadir="$DATADIR" --skip-networking --socket="$SOCKET" &
  local server=$! _
  for _ in $(seq 1 120); do
    mariadb-admin --socket="$SOCKET" -uroot ping --silent >/dev/null 2>&1 && break
    kill -0 "$server" 2>/dev/null || die "the temporary server stopped"
    sleep 0.5
  done
  local root_password sql
  root_password=$(sql_escape "${MYSQL_ROOT_PASSWORD:-}")
  sql="ALTER USER 'root'@'localhost' IDENTIFIED BY '$root_password';"
  sql+="CREATE USER 'root'@'%' IDENTIFIED BY '$root_password'; GRANT ALL ON *.* TO 'root'@'%' WITH GRANT OPTION;"
  if [ -n "${MYSQL_DATABASE:-}" ]; then
    sql+="CREATE DATABASE IF NOT EXISTS \`$MYSQL_DATABASE\`;"
  fi
  if [ -n "${MYSQL_USER:-}" ] && [ -n "${MYSQL_PASSWORD:-}" ]; then
    sql+="CREATE USER '$(sql_escape "$MYSQL_USER")'@'%' IDENTIFIED BY '$(sql_escape "$MYSQL_PASSWORD")';"
    if [ -n "${MYSQL_DATABASE:-}" ]; then
      sql+="GRANT ALL ON \`$MYSQL_DATABASE\`.* TO '$(sql_escape "$MYSQL_USER")'@'%';"
    fi
  fi
  mariadb --protocol=socket --socket="$SOCKET" -uroot <<<"$sql FLUSH PRIVILEGES;"
  local file
  for file in /docker-entrypoint-initdb.d/*; do
    case $file in
      *.sh)
        log "running $file"
        if [ -x "$file" ]; then "$file"; else . "$file"; fi
        ;;
      *.sql) log "running $file"; docker_process_sql <"$file" ;;
      *.sql.gz) log "running $file"; gunzip -c "$file" | docker_process_sql ;;
      *) [ -e "$file" ] && log "ignoring $file" ;;
    esac
  done
  MYSQL_PWD=${MYSQL_ROOT_PASSWORD:-} mariadb-admin --socket="$SOCKET" -uroot shutdown
  wait "$server" || true
  log "The database is initialised"
}

if [ "${1:0:1}" = - ]; then set -- mysqld "$@"; fi
case ${1:-} in
  mysqld | mariadbd)
    shift
    mkdir -p /run/mysqld
    chown mysql:mysql /run/mysqld "$DATADIR"
    [ -d "$DATADIR/mysql" ] || initialise
    exec mariadbd --user=mysql --datadir="$DATADIR" --bind-address=0.0.0.0 "$@"
    ;;
esac
exec "$@"
