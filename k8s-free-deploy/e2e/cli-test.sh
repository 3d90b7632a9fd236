#!/usr/bin/env bash
# The `fjord` CLI through a whole app's life on the installed platform, as a user drives it from a
# terminal: login (a wrong token saves nothing), apps:create, git:remote and a push, releases, config:set
# (a new release) and config:get, ps:scale up and down, rollback, logs, builds and builds:log, domains,
# keys:add, apps:destroy; `--json` answers parse, and exit codes are what scripts expect (0 ok, 1 refused,
# 2 usage, 3 unreachable).
. "$(dirname "$0")/lib.sh"
APP=cli-$(head -c 4 /dev/urandom | od -An -tx1 | tr -d ' \n')
WORK=$(mktemp -d)
# The CLI saves its login under $HOME: this test's own, so nobody's real login is touched.
export HOME=$WORK/home
mkdir -p "$HOME"
unset FJORD_API FJORD_API_TOKEN
API=http://api.$DOMAIN
cleanup() {
  fjord apps:destroy "$APP" --confirm "$APP" >/dev/null 2>&1
  rm -rf "$WORK"
}
trap cleanup EXIT
echo "cli-test: app $APP, API $API"

# run ARGS...: the CLI; its output in $OUT, its exit code in $RC.
run() { OUT=$(cd "${CWD:-$WORK}" && timeout 300 fjord "$@" 2>&1); RC=$?; }

run login --api "$API" --token "fjord_$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
check_eq "login with a wrong token fails" 1 "$RC"
check "and saves nothing" test ! -e "$HOME/.config/fjord/config.json"
run login --api http://127.0.0.1:1 --token x
check_eq "login to an API that is not there exits 3" 3 "$RC"
run login --api "$API" --token "$(cat "${FJORD_ADMIN_TOKEN_FILE:-/var/lib/fjord/admin.token}")"
check_eq "login with the admin's token succeeds" 0 "$RC"
check_eq "the saved login is private" 600 "$(stat -c %a "$HOME/.config/fjord/config.json" 2>&1)"
check "the token is not printed" eval '! grep -q "fjord_" <<<"$OUT"'

run apps:create "$APP"
check_eq "apps:create succeeds" 0 "$RC"
run apps:create "$APP"
check_eq "creating it again is refused with exit 1" 1 "$RC"
check_contains "with the API's reason" "$APP" "$OUT"
run apps:create "Not_An_App"
check_eq "a bad name is refused with exit 1" 1 "$RC"
run apps:create
check_eq "a missing argument is a usage error (exit 2)" 2 "$RC"
run apps:list --json
check_eq "apps:list --json lists the app" "$APP" "$(jq -r --arg a "$APP" '.[] | select(.name == $a) | .name' <<<"$OUT" 2>&1)"

busybox_app "$WORK/src" "hello from the cli"
# The Procfile's commands run with /bin/sh, as on Heroku.
sed -i 's|^COPY busybox /bin/busybox$|&\nCOPY busybox /bin/sh|' "$WORK/src/Dockerfile"
printf 'web: echo "web up on port $PORT"; exec /bin/busybox httpd -f -p $PORT -h /www\nworker: exec /bin/busybox sleep 100000\n' >"$WORK/src/Procfile"
(cd "$WORK/src" && git add -A && git -c user.email=e2e@fjord -c user.name=e2e commit -qm procfile)
CWD=$WORK/src run git:remote --local -a "$APP"
check_eq "git:remote --local adds the remote" 0 "$RC"
check_eq "named fjord, to the app's repository" "/var/lib/fjord/git/$APP.git" "$(cd "$WORK/src" && git remote get-url fjord)"
check "git push fjord main deploys" eval '(cd "$WORK/src" && timeout 300 git push fjord main >"$WORK/push.txt" 2>&1)'
check_eq "the app answers through the edge" "hello from the cli" "$(app_get "$APP")"

run releases -a "$APP"
check_eq "releases succeeds" 0 "$RC"
check_contains "and shows v1" "v1" "$OUT"
run config:set GREETING="hello there" SECRET_TOKEN=s3cr3t-value -a "$APP"
check_eq "config:set succeeds" 0 "$RC"
run config:get GREETING -a "$APP"
check_eq "config:get prints the value alone" "hello there" "$OUT"
run releases --json -a "$APP"
check_eq "the config change made v2" 2 "$(jq -r '.[0].version' <<<"$OUT" 2>&1)"
live_is() { [ "$(fjord releases --json -a "$APP" 2>/dev/null | jq -r --argjson v "$1" '.[] | select(.version == $v) | .status')" = live ]; }
check "v2 goes live" wait_until 120 live_is 2
run config:unset SECRET_TOKEN -a "$APP"
check_eq "config:unset succeeds" 0 "$RC"
check "v3 goes live" wait_until 120 live_is 3
run config -a "$APP" --json
check_eq "config lists what is left" '["GREETING"]' "$(jq -c 'keys' <<<"$OUT" 2>&1)"
run config:set "1BAD=x" -a "$APP"
check_eq "a bad key is refused with exit 1" 1 "$RC"

run ps:scale web=2 worker=1 -a "$APP"
check_eq "ps:scale web=2 worker=1 succeeds" 0 "$RC"
containers() { docker ps -q --filter "label=io.fjord.app=$APP" --filter "label=io.fjord.process=$1" | wc -l; }
check "two web containers run" wait_until 90 eval '[ "$(containers web)" = 2 ]'
check "one worker runs" wait_until 90 eval '[ "$(containers worker)" = 1 ]'
run ps -a "$APP" --json
check_eq "ps shows the formation" "2 1" "$(jq -r '"\(.web) \(.worker)"' <<<"$OUT" 2>&1)"
run ps:scale web=1 worker=0 -a "$APP"
check_eq "ps:scale back down succeeds" 0 "$RC"
check "one web container is left" wait_until 90 eval '[ "$(containers web)" = 1 ]'
check "no worker is left" wait_until 90 eval '[ "$(containers worker)" = 0 ]'
run ps:scale web=-1 -a "$APP"
check "a negative count is refused" test "$RC" -ne 0

run rollback v1 -a "$APP"
check_eq "rollback v1 succeeds" 0 "$RC"
check "the rollback's release v4 goes live" wait_until 120 live_is 4
run config:get GREETING -a "$APP"
check "with v1's config (no GREETING)" test "$RC" -ne 0
run rollback v99 -a "$APP"
check_eq "a rollback to an unknown release exits 1" 1 "$RC"

run logs -a "$APP"
check_eq "logs succeeds" 0 "$RC"
check_contains "lines are tagged with process and container" "web.1 " "$OUT"
OUT=$(timeout 5 fjord logs --tail -a "$APP" 2>&1)
check_contains "logs --tail streams until stopped" "web.1 " "$OUT"

run builds -a "$APP" --json
check_eq "builds lists the push's build" succeeded "$(jq -r '.[0].status' <<<"$OUT" 2>&1)"
build=$(jq -r '.[0].id' <<<"$OUT" 2>/dev/null)
run builds:log "$build"
check_eq "builds:log succeeds" 0 "$RC"
check_contains "and prints Docker's output" "Step" "$OUT"

run domains:add "www.$APP.example.com" -a "$APP"
check_eq "domains:add succeeds" 0 "$RC"
run domains -a "$APP"
check_contains "domains lists it" "www.$APP.example.com" "$OUT"
check_eq "the edge routes it" "hello from the cli" "$(curl -sS --max-time 5 -H "Host: www.$APP.example.com" "$EDGE/")"
run domains:add "bad_domain;" -a "$APP"
check_eq "a bad domain is refused with exit 1" 1 "$RC"
run domains:remove "www.$APP.example.com" -a "$APP"
check_eq "domains:remove succeeds" 0 "$RC"

ssh-keygen -q -t ed25519 -N '' -C "cli-test-$APP" -f "$WORK/key" >/dev/null
run keys:add "$WORK/key.pub"
check_eq "keys:add uploads a key" 0 "$RC"
run keys:add "$WORK/key"
check_eq "a private key file is refused" 1 "$RC"
keys_id=$(curl -sS "${AUTH[@]}" -H "Host: api.$DOMAIN" "$EDGE/api/keys" | jq -r --arg c "cli-test-$APP" '.[] | select(.comment == $c or .name == $c) | .id' 2>/dev/null | head -n 1)
[ -n "$keys_id" ] && curl -sS -o /dev/null "${AUTH[@]}" -X DELETE -H "Host: api.$DOMAIN" "$EDGE/api/keys/$keys_id"

run apps:destroy "$APP" --confirm wrong-name
check "destroy with the wrong confirmation refuses" test "$RC" -ne 0
run apps:destroy "$APP" --confirm "$APP"
check_eq "apps:destroy succeeds" 0 "$RC"
run apps:info "$APP"
check_eq "the app is gone (exit 1)" 1 "$RC"
check "its containers are gone" wait_until 60 eval '[ -z "$(docker ps -aq --filter "label=io.fjord.app=$APP")" ]'
finish
