# Fjord's own services: build, install into /opt/fjord, start (systemd or a supervising loop), stop.
# Shared by install.sh and test.sh. Requires common.sh.

FJORD_OPT=${FJORD_OPT:-/opt/fjord}
SERVICE_PORTS=(build-service:8081 deploy-service:8082 proxy-config-service:8083 session-service:8084)

port_of() { local s; for s in "${SERVICE_PORTS[@]}"; do [ "${s%%:*}" = "$1" ] && echo "${s##*:}"; done; }
service_ready() { curl -fsS -o /dev/null "http://127.0.0.1:$(port_of "$1")/q/health/ready"; }

build_services() {
  say "Building the services (Maven)"
  (cd "$FJORD_HOME" && mvn -B -q -DskipTests package) >"$FJORD_LOG/build.log" 2>&1 \
    || { tail -40 "$FJORD_LOG/build.log" >&2; die "the build failed (log: $FJORD_LOG/build.log)"; }
}

# Copies a built service out of the source tree, so a later `mvn clean` cannot pull the floor away.
install_service() {
  local svc=$1
  [ -f "$FJORD_HOME/$svc/target/quarkus-app/quarkus-run.jar" ] || die "$svc is not built; run the build first"
  rm -rf "$FJORD_OPT/$svc.new"
  cp -r "$FJORD_HOME/$svc/target/quarkus-app" "$FJORD_OPT/$svc.new"
  rm -rf "$FJORD_OPT/$svc" && mv "$FJORD_OPT/$svc.new" "$FJORD_OPT/$svc"
}

install_services() {
  local svc
  mkdir -p "$FJORD_OPT"
  cp "$FJORD_HOME/k8s-free-deploy/lib/run-service.sh" "$FJORD_OPT/run-service.sh"
  for svc in "${SERVICES[@]}"; do install_service "$svc"; done
}

# The fjord command for operators: /usr/local/bin/fjord runs the CLI's jar installed in $FJORD_OPT/cli.
install_cli() {
  mkdir -p "$FJORD_OPT/cli"
  cp "$FJORD_HOME/k8s-free-deploy/cli/target/fjord-cli.jar" "$FJORD_HOME/k8s-free-deploy/cli/fjord" "$FJORD_OPT/cli/"
  ln -sfn "$FJORD_OPT/cli/fjord" /usr/local/bin/fjord
  # The CLI on this host reaches the API by its name. A *.localhost domain has no DNS, and glibc (unlike
  # curl and browsers) does not resolve it to loopback: the API's name goes into /etc/hosts.
  local name=api.${FJORD_DOMAIN:-fjord.localhost}
  case $name in
    *.localhost)
      awk -v name="$name" '$1 == "127.0.0.1" { for (i = 2; i <= NF; i++) if ($i == name) found = 1 } END { exit !found }' \
        /etc/hosts 2>/dev/null || printf '127.0.0.1 %s\n' "$name" >>/etc/hosts \
        || echo "fjord: could not add $name to /etc/hosts: the CLI here will not find the API by that name" >&2 ;;
  esac
}

start_service() {
  local svc=$1
  if has_systemd; then
    cat >"/etc/systemd/system/fjord-$svc.service" <<UNIT
[Unit]
Description=Fjord $svc
After=network-online.target docker.service rabbitmq-server.service mariadb.service

[Service]
EnvironmentFile=$FJORD_ENV_FILE
ExecStart=/usr/bin/java -jar $FJORD_OPT/$svc/quarkus-run.jar
Restart=on-failure
RestartSec=2
# proxy-config-service starts the edge nginx, which daemonizes into this unit's cgroup: a restart of
# the service must not take the edge down with it.
KillMode=process
StandardOutput=append:$FJORD_LOG/$svc.log
StandardError=append:$FJORD_LOG/$svc.log

[Install]
WantedBy=multi-user.target
UNIT
    systemctl daemon-reload
    systemctl enable -q "fjord-$svc"
    systemctl restart "fjord-$svc"
  else
    stop_service "$svc"
    FJORD_ENV_FILE=$FJORD_ENV_FILE nohup setsid "$FJORD_OPT/run-service.sh" "$svc" "$FJORD_OPT/$svc/quarkus-run.jar" "$FJORD_LOG/$svc.log" \
      "$FJORD_RUN/$svc.pid" >/dev/null 2>&1 &
  fi
}

stop_service() {
  local svc=$1 pid
  if has_systemd && [ -f "/etc/systemd/system/fjord-$svc.service" ]; then
    systemctl stop "fjord-$svc" || true
    return 0
  fi
  [ -f "$FJORD_RUN/$svc.pid" ] || return 0
  pid=$(cat "$FJORD_RUN/$svc.pid")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    local i
    for i in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$FJORD_RUN/$svc.pid"
}

start_platform() {
  local svc
  for svc in "${SERVICES[@]}"; do
    say "Starting $svc"
    start_service "$svc"
  done
  for svc in "${SERVICES[@]}"; do
    wait_for 120 "$svc" service_ready "$svc" || true
    info "$svc is ready on 127.0.0.1:$(port_of "$svc")"
  done
}

stop_platform() {
  local svc
  for svc in "${SERVICES[@]}"; do stop_service "$svc"; done
  if [ -f "$FJORD_LIB/nginx/nginx.pid" ]; then
    nginx -c "$FJORD_LIB/nginx/nginx.conf" -s quit 2>/dev/null || true
  fi
}

platform_status() {
  local svc rc=0
  for svc in "${SERVICES[@]}"; do
    if service_ready "$svc"; then printf '  %-22s up    127.0.0.1:%s\n' "$svc" "$(port_of "$svc")"
    else printf '  %-22s DOWN  (log: %s)\n' "$svc" "$FJORD_LOG/$svc.log"; rc=1; fi
  done
  local name check
  for name in docker rabbitmq mariadb redis; do
    case $name in docker) check=docker_up ;; rabbitmq) check=rabbit_up ;; mariadb) check=mariadb_up ;; redis) check=redis_up ;; esac
    if $check; then printf '  %-22s up\n' "$name"; else printf '  %-22s DOWN\n' "$name"; rc=1; fi
  done
  # Any answer of the API (401 without a token included) means the edge and session-service run.
  if [[ "$(curl -s -o /dev/null -w '%{http_code}' -H "Host: api.$FJORD_DOMAIN" "http://127.0.0.1/api/routes")" =~ ^(200|401)$ ]]; then
    printf '  %-22s up    http://api.%s/\n' "nginx edge" "$FJORD_DOMAIN"
  else printf '  %-22s DOWN\n' "nginx edge"; rc=1; fi
  return $rc
}

# The edge's secret for the git hooks, which call the services directly: root and the git user only.
write_edge_secret() {
  local file=$FJORD_LIB/edge.secret
  umask 077
  printf '%s' "$FJORD_EDGE_SECRET" >"$file.new"
  umask 022
  local group=${FJORD_GIT_USER:-git}
  if getent group "$group" >/dev/null; then chgrp "$group" "$file.new" && chmod 0640 "$file.new"; fi
  mv "$file.new" "$file"
}

# The admin API token, shown to the operator once through this file (mode 0600).
write_admin_token() {
  local file=$FJORD_LIB/admin.token
  [ -s "$file" ] && return 0
  umask 077
  printf 'fjord_%s%s\n' "$(secret)" "$(secret)" >"$file"
  umask 022
}
