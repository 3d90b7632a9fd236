# Host hardening, as a careful admin sets up a fresh VPS: a firewall (ufw), fail2ban for SSH, a non-root
# deploy user, and a check that nothing of Fjord listens beyond loopback. Used by install.sh.
# Requires common.sh. Every step reports what it did; a step that cannot work on this host says why and
# moves on: hardening never fails an install.

HARDEN_FIREWALL=${HARDEN_FIREWALL:-yes}
HARDEN_FAIL2BAN=${HARDEN_FAIL2BAN:-yes}
HARDEN_DEPLOY_USER=${HARDEN_DEPLOY_USER:-yes}
FJORD_DEPLOY_USER=${FJORD_DEPLOY_USER:-fjord}
FJORD_DEPLOY_USER_DOCKER=${FJORD_DEPLOY_USER_DOCKER:-no}
FAIL2BAN_JAIL_DIR=${FAIL2BAN_JAIL_DIR:-/etc/fail2ban/jail.d}

# hardening_flag ARG: takes one of install.sh's hardening flags; answers 1 for any other argument.
hardening_flag() {
  case $1 in
    --no-firewall) HARDEN_FIREWALL=no ;;
    --no-fail2ban) HARDEN_FAIL2BAN=no ;;
    --no-deploy-user) HARDEN_DEPLOY_USER=no ;;
    --deploy-user=?*) FJORD_DEPLOY_USER=${1#*=} ;;
    --deploy-user-docker) FJORD_DEPLOY_USER_DOCKER=yes ;;
    *) return 1 ;;
  esac
}

# The three hardening steps, each unless its flag turned it off.
harden_host() {
  if [ "$HARDEN_FIREWALL" = yes ]; then harden_firewall; else say "Firewall: skipped (--no-firewall)"; fi
  if [ "$HARDEN_FAIL2BAN" = yes ]; then harden_fail2ban; else say "fail2ban: skipped (--no-fail2ban)"; fi
  if [ "$HARDEN_DEPLOY_USER" = yes ]; then harden_deploy_user "$FJORD_DEPLOY_USER" "$FJORD_DEPLOY_USER_DOCKER"
  else say "Deploy user: skipped (--no-deploy-user)"; fi
}

# container_kind: the container this host is (docker, lxc, openvz...), or nothing on a VM or bare metal.
container_kind() {
  local kind=
  if command -v systemd-detect-virt >/dev/null 2>&1; then
    kind=$(systemd-detect-virt --container 2>/dev/null || true)
  elif [ -e /proc/vz ] && [ ! -e /proc/bc ]; then kind=openvz
  elif [ -e /.dockerenv ]; then kind=docker
  elif [ -e /run/.containerenv ]; then kind=podman
  else kind=$( (tr '\0' '\n' </proc/1/environ | sed -n 's/^container=//p') 2>/dev/null || true)
  fi
  [ "$kind" = none ] || printf '%s' "$kind"
}

# ensure_packages PACKAGE...: installs those missing from Debian's mirror (log: $FJORD_LOG/apt.log).
ensure_packages() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  ((${#missing[@]})) || return 0
  info "installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >>"$FJORD_LOG/apt.log" 2>&1
}

# sshd_config_ports FILE...: the ports of the Port lines in sshd configuration files.
sshd_config_ports() {
  awk 'tolower($1) == "port" && $2 ~ /^[0-9]+$/ { print $2 }' "$@" 2>/dev/null || true
}

# ssh_ports: every port sshd is configured for or listens on, and the one this session came in through
# (so the firewall can never lock its operator out); 22 when nothing says otherwise. One per line.
ssh_ports() {
  {
    if command -v sshd >/dev/null 2>&1; then sshd -T 2>/dev/null | awk '$1 == "port" { print $2 }' || true; fi
    sshd_config_ports /etc/ssh/sshd_config /etc/ssh/sshd_config.d/*.conf
    if [ -n "${SSH_CONNECTION:-}" ]; then awk '{ print $4 }' <<<"$SSH_CONNECTION"; fi
    ss -ltnpH 2>/dev/null | awk '/"sshd"/ { n = split($4, a, ":"); print a[n] }' || true
  } | grep -E '^[0-9]+$' | sort -un | grep . || echo 22
}

# Firewall: deny incoming, allow SSH, HTTP and HTTPS. Docker publishes container ports through its own
# iptables chains, ahead of ufw's; Fjord publishes none (nginx reaches the apps on Fjord's Docker network),
# so nothing goes around these rules.
harden_firewall() {
  say "Firewall (ufw): incoming traffic denied except SSH, HTTP and HTTPS"
  local kind ports=() out
  kind=$(container_kind)
  if [ -n "$kind" ]; then
    info "skipped: this host is a $kind container; its firewall belongs to the machine that runs it"
    return 0
  fi
  if ! ensure_packages ufw; then
    info "skipped: ufw could not be installed (log: $FJORD_LOG/apt.log)"
    return 0
  fi
  mapfile -t ports < <(ssh_ports)
  # The allow rules go in before the firewall goes on, so enabling it cannot cut this SSH session.
  if ! out=$(ufw_rules "${ports[@]}" 2>&1); then
    info "skipped: ufw refused the rules: $(tail -n 1 <<<"$out")"
    return 0
  fi
  if out=$(ufw --force enable 2>&1); then
    info "on: incoming denied; allowed: SSH on $(IFS=,; echo "${ports[*]}")/tcp, 80/tcp, 443/tcp"
  else
    info "ufw could not turn the firewall on here: $(tail -n 1 <<<"$out")"
    info "its rules are saved and apply at the next \`ufw enable\` where the kernel allows it"
  fi
}

# ufw_rules SSH_PORT...: the rules, written while ufw may still be off.
ufw_rules() {
  local port
  for port in "$@"; do ufw allow "$port/tcp" comment 'SSH' >/dev/null; done
  ufw allow 80/tcp comment 'Fjord edge, HTTP' >/dev/null
  ufw allow 443/tcp comment 'Fjord edge, HTTPS' >/dev/null
  # Apps reach their session store (REDIS_URL) at Redis's address on the Docker bridge, from Docker's
  # default address pool; Redis listens there and on loopback only, and asks every app for its password.
  ufw allow proto tcp from 172.16.0.0/12 to 172.17.0.1 port 6379 comment 'Fjord apps to Redis' >/dev/null
  ufw default deny incoming >/dev/null
  ufw default allow outgoing >/dev/null
}

# fail2ban: ban addresses that keep failing SSH logins.
harden_fail2ban() {
  say "fail2ban: addresses that keep failing SSH logins are banned"
  local kind backend=auto packages=(fail2ban)
  kind=$(container_kind)
  if [ -n "$kind" ]; then
    info "skipped: this host is a $kind container; bans are firewall rules, which belong to the machine that runs it"
    return 0
  fi
  # Debian 12 logs sshd to systemd's journal only (no rsyslog, no /var/log/auth.log): read the journal.
  if has_systemd; then backend=systemd packages+=(python3-systemd); fi
  if ! ensure_packages "${packages[@]}"; then
    info "skipped: fail2ban could not be installed (log: $FJORD_LOG/apt.log)"
    return 0
  fi
  mkdir -p "$FAIL2BAN_JAIL_DIR"
  render_fail2ban_jail "$(ssh_ports | paste -sd, -)" "$backend" >"$FAIL2BAN_JAIL_DIR/fjord-sshd.local"
  info "jail: $FAIL2BAN_JAIL_DIR/fjord-sshd.local"
  if has_systemd; then
    if systemctl enable -q fail2ban && systemctl restart fail2ban; then info "fail2ban runs"
    else info "fail2ban did not start: see journalctl -u fail2ban"; fi
  elif [ ! -f /var/log/auth.log ]; then
    info "not started: without systemd, sshd's failures must be logged to /var/log/auth.log (apt-get install rsyslog)"
  elif fail2ban-client ping >/dev/null 2>&1; then
    if fail2ban-client reload >/dev/null 2>&1; then info "fail2ban reloaded"; else info "fail2ban did not reload its jails"; fi
  elif fail2ban-client start >/dev/null 2>&1; then
    info "fail2ban runs"
  else
    info "fail2ban did not start: see /var/log/fail2ban.log"
  fi
}

# render_fail2ban_jail PORTS BACKEND: the SSH jail (PORTS comma-separated; BACKEND systemd or auto).
render_fail2ban_jail() {
  local port_list=$1 backend=$2
  cat <<JAIL
# Fjord's SSH jail, made by install.sh (lib/hardening.sh).
[sshd]
enabled  = true
port     = $port_list
backend  = $backend
JAIL
  if [ "$backend" = auto ]; then echo "logpath  = /var/log/auth.log"; fi
  cat <<'JAIL'
# Five failures within ten minutes ban the address for an hour: room for a person who mistypes,
# far too little for a bot guessing passwords.
maxretry = 5
findtime = 10m
bantime  = 1h
JAIL
}

# harden_deploy_user USER DOCKER(yes|no): a non-root account for operators. It has no password (it logs in
# with an SSH key) and gets root's authorized keys when it has none. Only when asked is it put in the
# docker group: that group can start privileged containers, which is root on this host.
harden_deploy_user() {
  local user=$1 docker=$2 home
  say "Deploy user: $user, a non-root account for operators"
  if id "$user" >/dev/null 2>&1; then
    info "$user exists"
  elif useradd --create-home --shell /bin/bash --user-group "$user"; then
    info "created $user, without a password: it logs in with an SSH key"
  else
    info "could not create $user; skipped"
    return 0
  fi
  home=$(getent passwd "$user" | cut -d: -f6)
  if [ -s /root/.ssh/authorized_keys ] && [ -n "$home" ] && [ ! -e "$home/.ssh/authorized_keys" ]; then
    install -d -m 0700 -o "$user" -g "$user" "$home/.ssh"
    install -m 0600 -o "$user" -g "$user" /root/.ssh/authorized_keys "$home/.ssh/authorized_keys"
    info "gave $user root's authorized SSH keys: ssh $user@<host>"
  fi
  if [ "$docker" = yes ]; then
    getent group docker >/dev/null || groupadd --system docker
    usermod -aG docker "$user"
    info "$user is in the docker group (--deploy-user-docker): it can do what root can on this host"
  fi
}

# loopback_violations: reads `ss -ltnpH` lines on stdin and prints "ADDRESS:PORT PROCESS" for each of
# Fjord's services or backing services that listens beyond loopback. nginx on 80 and 443 and sshd are
# meant to be reachable; other programs are not Fjord's business.
loopback_violations() {
  local state address process addr port name
  while read -r state _ _ address _ process; do
    [ "$state" = LISTEN ] || continue
    port=${address##*:}
    addr=${address%:*}
    addr=${addr#[}
    addr=${addr%]}
    addr=${addr%%%*}
    name=$(sed -n 's/^users:(("\([^"]*\)".*/\1/p' <<<"$process")
    case $addr in 127.* | ::1 | ::ffff:127.*) continue ;; esac
    case $name in
      sshd) continue ;;
      nginx) [ "$port" = 80 ] || [ "$port" = 443 ] && continue ;;
      # Apps reach their session store (REDIS_URL) on the Docker bridge: conf/redis/fjord-redis.conf binds
      # it there on purpose, every app with its own ACL user and password.
      redis-server) [ "$addr" = 172.17.0.1 ] && continue ;;
    esac
    if fjord_listener "$name" "$port"; then printf '%s %s\n' "$address" "${name:-?}"; fi
  done
}

# fjord_listener NAME PORT: whether a listening socket belongs to Fjord or its backing services, by program
# or, when ss cannot name the program, by port.
fjord_listener() {
  case $1 in
    java | beam.smp | epmd | mariadbd | mysqld | redis-server | dockerd | docker-proxy | nginx) return 0 ;;
  esac
  case $2 in
    8081 | 8082 | 8083 | 8084 | 5672 | 15672 | 25672 | 4369 | 3306 | 6379 | 2375 | 2376) return 0 ;;
  esac
  return 1
}

# binding_hint NAME PORT: how to keep that listener on loopback.
binding_hint() {
  case $2 in
    5672 | 15672) echo "RabbitMQ: conf/rabbitmq/rabbitmq.conf binds it to 127.0.0.1 (install_tuned_configs), then restart RabbitMQ" ;;
    25672 | 4369) echo "Erlang distribution of RabbitMQ, protected by its cookie; the firewall keeps it from outside (see conf/rabbitmq/rabbitmq.conf)" ;;
    3306) echo "MariaDB: bind-address = 127.0.0.1 (conf/mariadb/60-fjord.cnf), then restart it" ;;
    6379) echo "Redis: bind 127.0.0.1 in $FJORD_ETC/redis.conf, then restart it" ;;
    8081 | 8082 | 8083 | 8084) echo "a Fjord service: quarkus.http.host=127.0.0.1 in its application.properties" ;;
    2375 | 2376) echo "the Docker API without TLS is root for anyone who reaches it: remove -H tcp:// from dockerd" ;;
    *)
      case $1 in
        docker-proxy) echo "a container port published on every address: publish on 127.0.0.1, or not at all" ;;
        *) echo "bind it to 127.0.0.1" ;;
      esac
      ;;
  esac
}

# check_loopback_bindings: reports what of Fjord listens beyond loopback; it changes nothing.
check_loopback_bindings() {
  say "Listening sockets: Fjord and its backing services on loopback only"
  if ! command -v ss >/dev/null 2>&1; then
    info "skipped: ss is not installed (apt-get install iproute2)"
    return 0
  fi
  local found address name
  found=$(ss -ltnpH 2>/dev/null | loopback_violations)
  if [ -z "$found" ]; then
    info "ok: beyond loopback only nginx (80, 443), sshd, and Redis on the Docker bridge for apps, listen"
    return 0
  fi
  while read -r address name; do
    info "exposed: $name on $address: $(binding_hint "$name" "${address##*:}")"
  done <<<"$found"
}
