#!/usr/bin/env bash
# Keeps one Fjord service running where there is no systemd: restarts it when it dies, stops it on TERM.
# usage: run-service.sh NAME JAR LOGFILE PIDFILE (settings come from /etc/fjord/fjord.env)
set -u
name=$1 jar=$2 log=$3 pidfile=$4
set -a; . "${FJORD_ENV_FILE:-/etc/fjord/fjord.env}"; set +a
echo $$ >"$pidfile"
child=
trap '[ -n "$child" ] && kill -TERM "$child" 2>/dev/null; wait "$child" 2>/dev/null; exit 0' TERM INT
while true; do
  java -jar "$jar" >>"$log" 2>&1 &
  child=$!
  wait "$child"
  code=$?
  echo "$(date -u +%FT%TZ) fjord: $name exited with code $code; restarting in 2 s" >>"$log"
  sleep 2
done
