# Assertions for the end-to-end tests: each check prints ok/FAIL; `finish` prints "N passed, N failed".
set -uo pipefail
. /etc/fjord/fjord.env
DOMAIN=${FJORD_DOMAIN:-fjord.localhost}
EDGE=${FJORD_EDGE:-http://127.0.0.1}
PASSED=0 FAILED=0
# The admin's token, made by install.sh: every API call through the edge needs a credential. It goes to
# curl in a header file of a private folder, never on a command line that `ps` shows; answers land there too.
E2E_TMP=$(mktemp -d)
printf 'Authorization: Bearer %s\n' "$(cat "${FJORD_ADMIN_TOKEN_FILE:-/var/lib/fjord/admin.token}")" >"$E2E_TMP/auth.header"
AUTH=(-H "@$E2E_TMP/auth.header")
BODY=$E2E_TMP/body

ok() { PASSED=$((PASSED + 1)); printf '  ok    %s\n' "$1"; }
fail() { FAILED=$((FAILED + 1)); printf '  FAIL  %s\n' "$1"; [ $# -gt 1 ] && printf '%s\n' "$2" | sed 's/^/        /' | head -40; }

# check NAME COMMAND...: passes when COMMAND succeeds.
check() { local name=$1; shift; local out; if out=$("$@" 2>&1); then ok "$name"; else fail "$name" "$out"; fi; }
# check_eq NAME EXPECTED ACTUAL
check_eq() { if [ "$2" = "$3" ]; then ok "$1"; else fail "$1" "expected: $2"$'\n'"actual:   $3"; fi; }
# check_contains NAME NEEDLE HAYSTACK
check_contains() { if grep -qF -- "$2" <<<"$3"; then ok "$1"; else fail "$1" "missing: $2"$'\n'"in: $(tail -c 3000 <<<"$3")"; fi; }

# api METHOD PATH [BODY]: calls the platform API through the edge; prints "STATUS BODY".
api() {
  local method=$1 path=$2 body=${3-}
  local args=(-sS -o $BODY -w '%{http_code}' -X "$method" -H "Host: api.$DOMAIN" "${AUTH[@]}")
  [ -n "$body" ] && args+=(-H 'Content-Type: application/json' --data-binary "$body")
  local status
  status=$(curl "${args[@]}" "$EDGE$path")
  printf '%s %s' "$status" "$(cat $BODY)"
}

# app_get APP PATH: GET through the edge with the app's host name; prints the body.
app_get() { curl -sS --max-time 5 -H "Host: $1.$DOMAIN" "$EDGE${2:-/}"; }

# wait_until SECONDS COMMAND...
wait_until() {
  local deadline=$((SECONDS + $1)); shift
  until "$@" >/dev/null 2>&1; do ((SECONDS < deadline)) || return 1; sleep 0.2; done
}

# busybox_app DIR TEXT: a git repository of an app whose Dockerfile builds FROM scratch with a static
# busybox serving TEXT on $PORT, with the /up health check.
busybox_app() {
  local dir=$1 text=$2
  mkdir -p "$dir/www"
  cp /bin/busybox "$dir/busybox"
  printf '%s\n' "$text" >"$dir/www/index.html"
  echo ok >"$dir/www/up"
  cat >"$dir/Dockerfile" <<'DOCKERFILE'
FROM scratch
COPY busybox /bin/busybox
COPY www /www
CMD ["/bin/busybox", "sh", "-c", "exec /bin/busybox httpd -f -p $PORT -h /www"]
DOCKERFILE
  (cd "$dir" && { [ -d .git ] || git init -q -b main; } && git add -A && git -c user.email=e2e@fjord -c user.name=e2e commit -qm "$text")
}

finish() {
  rm -rf "$E2E_TMP"
  echo
  echo "$PASSED passed, $FAILED failed"
  [ "$FAILED" = 0 ]
}
