# git push over SSH, the Heroku way: git push ssh://git@<host>/<app>.git main. Used by install.sh.
# Requires common.sh. The pieces:
#   - the git system user: login shell git-shell, no password, home $FJORD_GIT_HOME (root-owned, so the
#     account cannot change its own setup); build-service writes its ~/.ssh/authorized_keys from the keys
#     registered with POST /api/keys, every entry forced to run fjord-git-serve with no forwarding or pty;
#   - /usr/local/bin/fjord-git-serve (from build-service), which git-shell runs from ~/git-shell-commands/:
#     it serves git-receive-pack / git-upload-pack on an app's repository and refuses anything else;
#   - FJORD_GIT_USER in fjord.env: build-service then gives the git user's group write access to the
#     repositories' objects and refs and owns authorized_keys to the git user;
#   - sshd running: enabled with systemd; without it, started when nothing listens on port 22.

FJORD_GIT_USER=${FJORD_GIT_USER:-git}
FJORD_GIT_HOME=${FJORD_GIT_HOME:-$FJORD_LIB/git-home}
FJORD_GIT_ROOT=${FJORD_GIT_ROOT:-$FJORD_LIB/git}
FJORD_GIT_SERVE=${FJORD_GIT_SERVE:-/usr/local/bin/fjord-git-serve}

# git_ssh_setup: everything above; safe to run again.
git_ssh_setup() {
  say "git push over SSH (user $FJORD_GIT_USER)"
  git_ssh_user
  git_ssh_serve_command
  git_ssh_env
  git_ssh_sshd_up
}

# git_ssh_user: the git user and its home. An existing user of that name with another home belongs to
# something else (gitolite, Gitea...): Fjord does not take it over.
git_ssh_user() {
  local home
  if home=$(getent passwd "$FJORD_GIT_USER" | cut -d: -f6) && [ -n "$home" ]; then
    [ "$home" = "$FJORD_GIT_HOME" ] || die "user $FJORD_GIT_USER exists with home $home, not Fjord's" \
      "$FJORD_GIT_HOME; set FJORD_GIT_USER to another name (and use it in the push URLs)"
  else
    useradd --system --user-group --home-dir "$FJORD_GIT_HOME" --no-create-home --shell /usr/bin/git-shell \
      --comment "Fjord git push" "$FJORD_GIT_USER"
    info "created user $FJORD_GIT_USER"
  fi
  usermod --shell /usr/bin/git-shell "$FJORD_GIT_USER"
  # Keys only: no password can match '*'. Not '!' (locked): sshd without PAM refuses locked accounts even
  # their keys.
  usermod -p '*' "$FJORD_GIT_USER"
  # sshd accepts a home owned by root; the account cannot add commands or change its git config.
  install -d -m 0750 -o root -g "$FJORD_GIT_USER" "$FJORD_GIT_HOME"
  install -d -m 0755 -o root -g root "$FJORD_GIT_HOME/git-shell-commands"
  install -d -m 0700 -o "$FJORD_GIT_USER" -g "$FJORD_GIT_USER" "$FJORD_GIT_HOME/.ssh"
  if [ ! -f "$FJORD_GIT_HOME/.ssh/authorized_keys" ]; then
    install -m 0600 -o "$FJORD_GIT_USER" -g "$FJORD_GIT_USER" /dev/null "$FJORD_GIT_HOME/.ssh/authorized_keys"
  fi
  # The repositories belong to root (build-service) and the git group: git refuses another owner's
  # repository unless told it is safe.
  printf '[safe]\n\tdirectory = *\n' >"$FJORD_GIT_HOME/.gitconfig"
  chown root:root "$FJORD_GIT_HOME/.gitconfig"
  chmod 0644 "$FJORD_GIT_HOME/.gitconfig"
  install -d -m 0755 "$FJORD_GIT_ROOT"
}

# git_ssh_serve_command: the forced command, and git-shell's way to it.
git_ssh_serve_command() {
  install -m 0755 "$FJORD_HOME/build-service/src/main/resources/git/fjord-git-serve" "$FJORD_GIT_SERVE"
  ln -sfn "$FJORD_GIT_SERVE" "$FJORD_GIT_HOME/git-shell-commands/fjord-git-serve"
}

# git_ssh_env: tells build-service the git user (read at its start).
git_ssh_env() {
  if grep -q '^FJORD_GIT_USER=' "$FJORD_ENV_FILE"; then
    sed -i "s/^FJORD_GIT_USER=.*/FJORD_GIT_USER=$FJORD_GIT_USER/" "$FJORD_ENV_FILE"
  else
    printf 'FJORD_GIT_USER=%s\n' "$FJORD_GIT_USER" >>"$FJORD_ENV_FILE"
  fi
  export FJORD_GIT_USER
}

sshd_listening() { ss -Hltn 'sport = :22' 2>/dev/null | grep -q .; }

# git_ssh_sshd_up: sshd enabled (systemd) or running (started here when nothing listens on 22).
git_ssh_sshd_up() {
  command -v /usr/sbin/sshd >/dev/null || die "sshd is missing: install openssh-server"
  ssh-keygen -A >/dev/null # host keys, if the package's setup did not make them
  mkdir -p /run/sshd
  /usr/sbin/sshd -t || die "sshd's configuration is broken (sshd -t); fix it before pushing over SSH"
  if has_systemd; then
    systemctl enable -q --now ssh
    info "sshd enabled (systemd unit ssh)"
  elif sshd_listening; then
    info "sshd already listens on port 22"
  else
    /usr/sbin/sshd
    wait_for 10 sshd sshd_listening
    info "sshd started on port 22"
  fi
}
