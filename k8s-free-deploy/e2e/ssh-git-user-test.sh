#!/usr/bin/env bash
# git push over SSH set up as install.sh sets it up (lib/git-ssh.sh), end to end, as root, beside the
# installed platform without touching it: a throwaway git user made by git_ssh_user and
# git_ssh_serve_command (shell git-shell, root-owned home, the forced command in ~/git-shell-commands),
# a build-service of this tree's build on port 18591 (database fjord_build_e2e, its own git root) that
# writes that user's authorized_keys and gives its group the repositories, and an sshd of its own on a
# loopback port with OpenSSH's defaults (StrictModes on). A key registered through the API pushes with a
# real git client, the hook runs as the git user; other keys and other commands are refused.
HERE=$(cd "$(dirname "$0")" && pwd)
TMP=$(mktemp -d /tmp/fjord-ssh-e2e.XXXXXX)
chmod 0755 "$TMP" # the git user walks through it to its home and the repositories
FJORD_ETC=$TMP/etc
. "$HERE/../lib/common.sh"
. "$HERE/lib.sh"
set +e
set -a; . /etc/fjord/fjord.env; set +a # the database and bus credentials, for the service below
# This test's own git user, home and repositories, set after fjord.env: on a host where install.sh ran,
# it names the platform's git user, which this test must not touch.
FJORD_GIT_USER=fjordgit$((RANDOM % 90000 + 10000))
FJORD_GIT_HOME=$TMP/git-home
FJORD_GIT_ROOT=$TMP/git
FJORD_GIT_SERVE=$TMP/bin/fjord-git-serve
. "$HERE/../lib/git-ssh.sh"

PORT=18591 STUB_PORT=18592
API=http://127.0.0.1:$PORT
JAR=$FJORD_HOME/build-service/target/quarkus-app/quarkus-run.jar
APP=e2e-$(head -c 4 /dev/urandom | od -An -tx1 | tr -d ' \n')
SERVICE_PID= STUB_PID= SSHD_PID=
echo "ssh-git-user-test: user $FJORD_GIT_USER, app $APP"

cleanup() {
  [ -n "$SSHD_PID" ] && kill "$SSHD_PID" 2>/dev/null
  [ -n "$SERVICE_PID" ] && { kill "$SERVICE_PID" 2>/dev/null; wait "$SERVICE_PID" 2>/dev/null; }
  [ -n "$STUB_PID" ] && kill "$STUB_PID" 2>/dev/null
  docker images --format '{{.Repository}}:{{.Tag}}' | grep "^fjord/$APP:" | xargs -r docker rmi >/dev/null 2>&1
  id "$FJORD_GIT_USER" >/dev/null 2>&1 && userdel "$FJORD_GIT_USER" 2>/dev/null
  getent group "$FJORD_GIT_USER" >/dev/null && groupdel "$FJORD_GIT_USER" 2>/dev/null
  mariadb -uroot -e 'DROP DATABASE IF EXISTS fjord_build_e2e'
  # Its queue on the test vhost would collect every later event.
  rabbitmqctl -q -p fjord-test delete_queue fjord.build-e2e >/dev/null 2>&1
  rabbitmqctl -q -p fjord-test delete_queue fjord.build-e2e.dlq >/dev/null 2>&1
  rm -rf "$TMP"
}
trap cleanup EXIT
[ -f "$JAR" ] || { echo "build-service is not built"; exit 1; }

# --- the git user, as install.sh makes it ---
mkdir -p "$FJORD_ETC" "$TMP/bin"
touch "$FJORD_ENV_FILE"
git_ssh_user >/dev/null && git_ssh_serve_command && git_ssh_env
check_eq "the git user's shell is git-shell" /usr/bin/git-shell "$(getent passwd "$FJORD_GIT_USER" | cut -d: -f7)"
check_eq "it has no password" NP-or-star "$(getent shadow "$FJORD_GIT_USER" | cut -d: -f2 | sed 's/^\*$/NP-or-star/')"
check_eq "its home is root's, its group may read" "root $FJORD_GIT_USER 750" "$(stat -c '%U %G %a' "$FJORD_GIT_HOME")"
check "git-shell finds the forced command" test -x "$FJORD_GIT_HOME/git-shell-commands/fjord-git-serve"
check_contains "fjord.env names the git user" "FJORD_GIT_USER=$FJORD_GIT_USER" "$(cat "$FJORD_ENV_FILE")"
git_ssh_user >/dev/null
check "git_ssh_user runs again without complaint" test $? -eq 0

# --- deploy-service's stand-in: every release this run may make is live (static files, busybox httpd) ---
mkdir -p "$TMP/stub/api/apps/$APP"
{ printf '['; for i in $(seq 1 50); do printf '%s{"version":%d,"buildId":%d,"status":"live","reason":null}' \
    "$([ "$i" = 1 ] || echo ,)" "$i" "$i"; done; printf ']'; } >"$TMP/stub/api/apps/$APP/releases"
busybox httpd -f -p "127.0.0.1:$STUB_PORT" -h "$TMP/stub" &
STUB_PID=$!

# --- a build-service of this build, told about the git user as fjord.env tells the installed one ---
mariadb -uroot -e 'DROP DATABASE IF EXISTS fjord_build_e2e; CREATE DATABASE fjord_build_e2e'
start_service() {
  # The edge check stays off: this test is about SSH, and its throwaway git user may not read the
  # installed platform's edge secret.
  FJORD_GIT_USER=$FJORD_GIT_USER java -Dquarkus.http.port=$PORT -Dfjord.auth.enabled=false \
    -Dquarkus.datasource.jdbc.url=jdbc:mysql://127.0.0.1:3306/fjord_build_e2e \
    -Dfjord.bus.virtual-host=fjord-test -Dfjord.bus.queue=fjord.build-e2e \
    -Dfjord.git.root="$FJORD_GIT_ROOT" -Dfjord.builds.work-dir="$TMP/work" \
    -Dfjord.ssh.authorized-keys="$FJORD_GIT_HOME/.ssh/authorized_keys" \
    -Dfjord.deploy.url="http://127.0.0.1:$STUB_PORT" -Dfjord.git.hook.release-timeout=20s \
    -jar "$JAR" >>"$TMP/service.log" 2>&1 &
  SERVICE_PID=$!
  wait_until 90 curl -fsS -o /dev/null "$API/q/health/ready"
}
start_service || { tail -40 "$TMP/service.log"; exit 1; }
# The app as deploy-service's app.created leaves it; build-service makes its repository at start.
mariadb -uroot fjord_build_e2e -e "INSERT INTO app (name) VALUES ('$APP')"
kill "$SERVICE_PID"; wait "$SERVICE_PID" 2>/dev/null
start_service || { tail -40 "$TMP/service.log"; exit 1; }
REPO=$FJORD_GIT_ROOT/$APP.git
check_eq "the repository belongs to the git group, sticky" "root $FJORD_GIT_USER 3775" "$(stat -c '%U %G %a' "$REPO")"
check_eq "its refs are group-writable" "2775" "$(stat -c '%a' "$REPO/refs/heads")"
check_eq "its hook is not" "755" "$(stat -c '%a' "$REPO/hooks/pre-receive")"

# --- sshd on a loopback port, OpenSSH's defaults otherwise ---
ssh-keygen -q -t ed25519 -N '' -f "$TMP/host_key"
SSH_PORT=$(( (RANDOM % 2000) + 22200 ))
mkdir -p /run/sshd
/usr/sbin/sshd -D -e -f /dev/null -o "Port=$SSH_PORT" -o ListenAddress=127.0.0.1 -o "HostKey=$TMP/host_key" \
  -o "PidFile=$TMP/sshd.pid" -o "AllowUsers=$FJORD_GIT_USER" -o PasswordAuthentication=no 2>"$TMP/sshd.log" &
SSHD_PID=$!
wait_until 10 bash -c "echo >/dev/tcp/127.0.0.1/$SSH_PORT" || { cat "$TMP/sshd.log"; exit 1; }

# --- a key through the API ---
ssh-keygen -q -t ed25519 -N '' -C dev@e2e -f "$TMP/key"
ssh-keygen -q -t ed25519 -N '' -C stranger@e2e -f "$TMP/stranger"
status=$(curl -sS -o "$TMP/answer" -w '%{http_code}' -H 'Content-Type: application/json' \
  --data "{\"publicKey\": \"$(cat "$TMP/key.pub")\"}" "$API/api/keys")
check_eq "POST /api/keys registers the key" 201 "$status"
KEY_ID=$(jq -r .id "$TMP/answer")
check_eq "authorized_keys is the git user's, mode 600" "$FJORD_GIT_USER 600" \
  "$(stat -c '%U %a' "$FJORD_GIT_HOME/.ssh/authorized_keys")"
check_contains "the key is forced to run fjord-git-serve" "command=\"fjord-git-serve $KEY_ID $FJORD_GIT_ROOT\",no-port-forwarding" \
  "$(cat "$FJORD_GIT_HOME/.ssh/authorized_keys")"

SSH="ssh -p $SSH_PORT -o IdentitiesOnly=yes -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR"
URL=ssh://$FJORD_GIT_USER@127.0.0.1:$SSH_PORT/$APP.git
busybox_app "$TMP/src" "hello over ssh"
push=$(cd "$TMP/src" && GIT_SSH_COMMAND="$SSH -i $TMP/key" git push "$URL" main 2>&1); rc=$?
check_eq "git push over SSH succeeds" 0 "$rc"
check_contains "the push shows the build log" "remote: Step 1/" "$push"
check_contains "the push shows the release" "is live at http://$APP." "$push"
check_eq "the pushed commit is on main" "$(git -C "$TMP/src" rev-parse HEAD)" "$(git --git-dir="$REPO" rev-parse refs/heads/main 2>&1)"
check_eq "the push's objects belong to the git user" "$FJORD_GIT_USER" \
  "$(find "$REPO/objects" -type f -newer "$REPO/hooks/pre-receive" -printf '%u\n' | sort -u | head -1)"

push=$(cd "$TMP/src" && GIT_SSH_COMMAND="$SSH -i $TMP/stranger" git push "$URL" main 2>&1); rc=$?
check "an unregistered key is refused" test "$rc" -ne 0
check_contains "with sshd's own words" "Permission denied (publickey" "$push"
out=$($SSH -i "$TMP/key" "$FJORD_GIT_USER@127.0.0.1" ls / 2>&1); rc=$?
check "a registered key runs nothing but git" test "$rc" -ne 0
check_contains "and says so" "fjord: 'ls /' is not allowed" "$out"
out=$($SSH -i "$TMP/key" "$FJORD_GIT_USER@127.0.0.1" 2>&1 </dev/null); rc=$?
check_contains "no shell either" "fjord: no shell here" "$out"

status=$(curl -sS -o /dev/null -w '%{http_code}' -X DELETE "$API/api/keys/$KEY_ID")
check_eq "DELETE /api/keys removes the key" 204 "$status"
push=$(cd "$TMP/src" && GIT_SSH_COMMAND="$SSH -i $TMP/key" git push "$URL" main 2>&1); rc=$?
check_contains "a removed key is refused" "Permission denied (publickey" "$push"
finish
