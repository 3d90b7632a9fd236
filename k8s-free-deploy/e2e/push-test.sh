#!/usr/bin/env bash
# End to end on the installed platform: create an app, git push it, read it through nginx, push a
# second version, push a broken one (rejected, the second keeps serving), bad input, destroy.
. "$(dirname "$0")/lib.sh"
GIT_ROOT=${FJORD_GIT_ROOT:-/var/lib/fjord/git}
APP=e2e-$(head -c 4 /dev/urandom | od -An -tx1 | tr -d ' \n')
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
echo "push-test: app $APP"

out=$(api POST /api/apps "{\"name\": \"$APP\"}")
check_eq "POST /api/apps creates the app" 201 "${out%% *}"
check "the app's git repository appears" wait_until 10 test -x "$GIT_ROOT/$APP.git/hooks/pre-receive"

busybox_app "$WORK/src" "hello from v1"
start=$(date +%s.%N)
push=$(cd "$WORK/src" && git push "$GIT_ROOT/$APP.git" main 2>&1); rc=$?
live=$(date +%s.%N)
check_eq "the first push succeeds" 0 "$rc"
check_contains "the push shows the build log" ": FROM scratch" "$push"
check_contains "the push says the release is live" "is live at http://$APP.$DOMAIN/" "$push"
check_eq "v1 answers through nginx" "hello from v1" "$(app_get "$APP")"
printf '  push to live (v1): %.1f s\n' "$(awk "BEGIN{print $live - $start}")"

busybox_app "$WORK/src" "hello from v2"
start=$(date +%s.%N)
push=$(cd "$WORK/src" && git push "$GIT_ROOT/$APP.git" main 2>&1); rc=$?
live=$(date +%s.%N)
check_eq "the second push succeeds" 0 "$rc"
check_eq "v2 answers through nginx" "hello from v2" "$(app_get "$APP")"
printf '  push to live (v2, replacing v1): %.1f s\n' "$(awk "BEGIN{print $live - $start}")"
check "only v2's container runs once v1 is retired" wait_until 30 eval '[ "$(docker ps -q --filter "label=io.fjord.app=$APP" | wc -l)" = 1 ]'

images_before=$(docker images -q --filter "label=io.fjord.app=$APP" | sort -u | wc -l)
printf 'FROM scratch\nRUN /nonexistent-command\n' >"$WORK/src/Dockerfile"
(cd "$WORK/src" && git -c user.email=e2e@fjord -c user.name=e2e commit -qam broken)
push=$(cd "$WORK/src" && git push "$GIT_ROOT/$APP.git" main 2>&1); rc=$?
check "the broken push is rejected" test "$rc" -ne 0
check_contains "the push output carries the Docker error" "nonexistent-command" "$push"
check_contains "git reports the hook refused the push" "pre-receive hook declined" "$push"
check_eq "v2 still answers after the failed build" "hello from v2" "$(app_get "$APP")"
check_eq "the failed build left no image" "$images_before" "$(docker images -q --filter "label=io.fjord.app=$APP" | sort -u | wc -l)"

echo "bad input"
for name in Shop 1shop a "$(printf 'x%.0s' {1..31})" 'sh op' 'shop;rm' api '../etc' ''; do
  out=$(api POST /api/apps "{\"name\": \"$name\"}")
  check_eq "app name '$name' is refused with 400" 400 "${out%% *}"
done
check_eq "no app was made from the refused names" "" "$(api GET /api/apps | grep -oE '"(Shop|1shop|a|sh op|shop;rm|api)"' || true)"
out=$(api POST /api/apps "{\"name\": \"$APP\"}")
check_eq "a duplicate app is refused with 409" 409 "${out%% *}"
check_contains "the 409 says why" "already exists" "$out"
out=$(api POST /api/apps 'not json')
check_eq "a body that is not JSON is refused with 400" 400 "${out%% *}"
status=$(curl -sS -o $BODY -w '%{http_code}' -H "Host: api.$DOMAIN" "${AUTH[@]}" -H 'Content-Type: application/gzip' \
  --data-binary 'this is not a tarball' "$EDGE/api/apps/$APP/builds")
check_eq "a build body that is not a tar.gz is refused with 400" 400 "$status"
check_contains "the 400 says the body is not a tar.gz" "tar.gz" "$(cat $BODY)"
status=$(curl -sS -o /dev/null -w '%{http_code}' -H "Host: api.$DOMAIN" "${AUTH[@]}" -H 'Content-Type: application/gzip' \
  --data-binary @/dev/null "$EDGE/api/apps/no-such-app/builds")
check_eq "a build for an unknown app is refused with 404" 404 "$status"
push=$(cd "$WORK/src" && git push "$GIT_ROOT/no-such-app.git" main 2>&1); rc=$?
check "a push to an unknown app fails" test "$rc" -ne 0
check_contains "and says so" "does not appear to be a git repository" "$push"
check "no nginx file exists for the unknown app" test ! -e /var/lib/fjord/nginx/apps/no-such-app.conf

echo "destroy"
out=$(api DELETE "/api/apps/$APP")
check_eq "DELETE /api/apps/$APP answers 204" 204 "${out%% *}"
check "its containers are gone" wait_until 20 eval '[ -z "$(docker ps -aq --filter "label=io.fjord.app=$APP")" ]'
check "its nginx file is gone" wait_until 10 test ! -e "/var/lib/fjord/nginx/apps/$APP.conf"
check "its repository is gone" wait_until 10 test ! -e "$GIT_ROOT/$APP.git"
check "its images are gone" wait_until 150 eval '[ -z "$(docker images -q --filter "label=io.fjord.app=$APP")" ]'
check_eq "its host answers 404 now" 404 "$(curl -s -o /dev/null -w '%{http_code}' -H "Host: $APP.$DOMAIN" "$EDGE/")"

finish
