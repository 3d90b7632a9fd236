#!/usr/bin/env bash
# Fjord's pre-receive hook. build-service writes it when the app is created and rewrites it on each of
# its starts: change the template in build-service (src/main/resources/git/pre-receive.sh), not this file.
#
# A push to main or master is built: the pushed commit goes to build-service as a tar.gz, the build log
# shows here as it happens, and a failed build rejects the push. Then the hook waits until deploy-service
# has the build's release live (or failed, or the wait times out). Needs bash, curl, sed, grep and git.
# A push over SSH runs it as the git user (fjord-git-serve), a push to the path as whoever pushes.
set -uo pipefail

APP=@APP@
BUILD_URL=@BUILD_URL@
DEPLOY_URL=@DEPLOY_URL@
DOMAIN=@DOMAIN@
RELEASE_TIMEOUT=@RELEASE_TIMEOUT@

say() { printf -- '-----> %s\n' "$*"; }

# Headers every call to Fjord's services carries. The services refuse API calls that did not come
# through the edge unless they carry the edge's secret, which install.sh leaves readable for root and
# the git user only.
API_HEADERS=()
EDGE_SECRET_FILE=/var/lib/fjord/edge.secret
if [ -r "$EDGE_SECRET_FILE" ]; then
  API_HEADERS=(-H "X-Fjord-Edge: $(cat "$EDGE_SECRET_FILE")")
fi

# Fjord's services are called directly: a proxy from the pusher's environment must not get in between.
api() { curl -sS --noproxy '*' ${API_HEADERS[@]+"${API_HEADERS[@]}"} "$@"; }

# json_string JSON FIELD: a string field of a flat JSON object, unescaped enough to be read.
json_string() {
  printf '%s' "$1" | tr -d '\n' \
    | sed -n 's/.*"'"$2"'"[[:space:]]*:[[:space:]]*"\(\([^"\\]\|\\.\)*\)".*/\1/p' \
    | sed -e 's/\\n/ /g' -e 's/\\t/ /g' -e 's/\\"/"/g' -e 's/\\\//\//g' -e 's/\\\\/\\/g'
}

# json_number JSON FIELD: a number field of a flat JSON object.
json_number() {
  printf '%s' "$1" | tr -d '\n' | sed -n 's/.*"'"$2"'"[[:space:]]*:[[:space:]]*\([0-9][0-9]*\).*/\1/p'
}

# build COMMIT: builds the commit, showing the log live; fails when the build fails.
build() {
  local commit=$1 answer code body message id status details
  say "Building $APP (${commit:0:7})"
  answer=$(git archive --format=tar.gz "$commit" \
    | api -X POST -T - -H 'Expect:' -H 'Content-Type: application/gzip' -w '\n%{http_code}' \
        "$BUILD_URL/api/apps/$APP/builds?commit=$commit")
  code=${answer##*$'\n'}
  body=${answer%$'\n'*}
  if [ "$code" = 000 ] || [ -z "$code" ]; then
    say "Build failed: build-service at $BUILD_URL did not answer"
    return 1
  fi
  if [ "$code" != 202 ]; then
    message=$(json_string "$body" error)
    # Quarkus cuts off an oversized chunked upload with an empty 413.
    [ "$code" = 413 ] && message=${message:-the source is larger than build-service accepts}
    say "Build failed: ${message:-build-service gave no reason} (HTTP $code)"
    return 1
  fi
  id=$(json_number "$body" id)
  BUILD_ID=$id # for await_release: this function's output is the build log, so it cannot return the id
  # Ends when the build ends; -N passes each piece of Docker's output on as it arrives.
  api -N "$BUILD_URL/api/builds/$id/log"
  while :; do
    details=$(api "$BUILD_URL/api/builds/$id")
    status=$(json_string "$details" status)
    [ "$status" = queued ] || [ "$status" = building ] || break
    sleep 1 # the log stream broke off early; the build goes on
  done
  case "$status" in
    succeeded) return 0 ;;
    # The log's last line already gave the reason of a cancelled build ("superseded by build N").
    cancelled) say "Push rejected: build $id was cancelled" ;;
    failed) say "Build failed: $(json_string "$details" error)" ;;
    *) say "Build failed: build-service did not say how build $id ended" ;;
  esac
  return 1
}

# await_release BUILD_ID: waits until deploy-service's release of the build is live, or fails, or time is up.
await_release() {
  local id=$1 deadline=$((SECONDS + RELEASE_TIMEOUT)) releases release status version shown=
  say "Releasing $APP..."
  while [ "$SECONDS" -lt "$deadline" ]; do
    releases=$(api --max-time 5 "$DEPLOY_URL/api/apps/$APP/releases" 2>/dev/null)
    # One release object per line, then the one of this build.
    release=$(printf '%s' "$releases" | tr -d '\n' | sed 's/}[[:space:]]*,[[:space:]]*{/}\n{/g' \
      | grep -E '"buildId"[[:space:]]*:[[:space:]]*'"$id"'([^0-9]|$)' | head -n 1)
    status=$(json_string "$release" status)
    version=$(json_number "$release" version)
    case "$status" in
      live) say "$APP v$version is live at http://$APP.$DOMAIN/"; return 0 ;;
      retired) say "$APP v$version went live and a newer release has already replaced it"; return 0 ;;
      failed) say "Release v$version failed: $(json_string "$release" reason)"; return 1 ;;
      '') ;;
      *) [ "$status" = "$shown" ] || say "v$version: $status"; shown=$status ;;
    esac
    sleep 1
  done
  say "Gave up waiting for $APP to go live after ${RELEASE_TIMEOUT} s; the build succeeded (id $id)," \
    "see $DEPLOY_URL/api/apps/$APP/releases"
  return 1
}

while read -r _old new ref; do
  if [[ $new =~ ^0+$ ]]; then
    say "Deleted $ref: nothing to deploy"
    continue
  fi
  case "$ref" in
    refs/heads/main | refs/heads/master)
      BUILD_ID=
      build "$new" || exit 1
      await_release "$BUILD_ID" || exit 1
      ;;
    *) say "Stored $ref without a build: only main and master deploy" ;;
  esac
done
exit 0
