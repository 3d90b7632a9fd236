# Shared by install.sh and test.sh: paths, settings and small helpers. Source it; do not run it.
set -euo pipefail

FJORD_HOME=${FJORD_HOME:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
FJORD_ETC=${FJORD_ETC:-/etc/fjord}
FJORD_LIB=${FJORD_LIB:-/var/lib/fjord}
FJORD_LOG=${FJORD_LOG:-/var/log/fjord}
FJORD_RUN=${FJORD_RUN:-/run/fjord}
FJORD_ENV_FILE=$FJORD_ETC/fjord.env
SERVICES=(build-service deploy-service proxy-config-service session-service)

say() { printf '\033[1m-----> %s\033[0m\n' "$*"; }
info() { printf '       %s\n' "$*"; }
die() { printf 'fjord: %s\n' "$*" >&2; exit 1; }

# wait_for SECONDS DESCRIPTION COMMAND...: retries COMMAND until it succeeds or time runs out.
wait_for() {
  local seconds=$1 what=$2; shift 2
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    ((SECONDS < deadline)) || die "$what did not come up within ${seconds}s"
    sleep 0.5
  done
}

has_systemd() { [ -d /run/systemd/system ]; }

# A random secret of 32 hex characters, safe in URLs, SQL and config files.
secret() { head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n'; }

# Loads the platform's settings and secrets, creating the missing ones (an older file gains new keys).
load_env() {
  mkdir -p "$FJORD_ETC" "$FJORD_LIB" "$FJORD_LOG" "$FJORD_RUN"
  chmod 0700 "$FJORD_ETC"
  [ -f "$FJORD_ENV_FILE" ] || printf '# Fjord settings and secrets, made by install.sh. Services and tests read them from here.\n' >"$FJORD_ENV_FILE"
  chmod 0600 "$FJORD_ENV_FILE"
  local pair
  for pair in "FJORD_DOMAIN=${FJORD_DOMAIN:-fjord.localhost}" FJORD_DB_USER=fjord "FJORD_DB_PASSWORD=$(secret)" \
    FJORD_BUS_USERNAME=fjord "FJORD_BUS_PASSWORD=$(secret)" "FJORD_REDIS_PASSWORD=$(secret)" \
    "FJORD_SECRET_KEY=$(head -c 32 /dev/urandom | base64 -w0)" "FJORD_EDGE_SECRET=$(secret)$(secret)" \
    "FJORD_REDIS_APP_SECRET=$(secret)$(secret)" FJORD_REDIS_SESSION_USER=fjord-session \
    "FJORD_REDIS_SESSION_PASSWORD=$(secret)" "FJORD_ADMIN_TOKEN_FILE=$FJORD_LIB/admin.token" FJORD_EDGE_AUTH=true; do
    grep -q "^${pair%%=*}=" "$FJORD_ENV_FILE" || echo "$pair" >>"$FJORD_ENV_FILE"
  done
  set -a
  # shellcheck disable=SC1090
  . "$FJORD_ENV_FILE"
  set +a
}
