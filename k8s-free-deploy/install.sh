#!/usr/bin/env bash
# Installs and starts Fjord on a Debian 12 host, as root. Safe to run again.
#   install.sh            install what is missing, build, start everything
#   install.sh start      start what is installed (no package install, no build)
#   install.sh status     what runs and what does not
#   install.sh stop       stop Fjord's services and its nginx edge (backing services keep running)
#   --no-build            install/start without running Maven (use the jars already built)
#   --no-firewall         leave the firewall alone (default: ufw denies incoming but SSH, 80 and 443)
#   --no-fail2ban         no fail2ban for SSH
#   --no-deploy-user      no non-root deploy user
#   --deploy-user=NAME    the deploy user's name (default: fjord)
#   --deploy-user-docker  put the deploy user in the docker group (that is root on this host)
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib/common.sh"
. "$HERE/lib/backing.sh"
. "$HERE/lib/platform.sh"
. "$HERE/lib/tuning.sh"
. "$HERE/lib/hardening.sh"
. "$HERE/lib/git-ssh.sh"

[ "$(id -u)" = 0 ] || die "run install.sh as root"

command=install build=yes
for arg in "$@"; do
  case $arg in
    install | start | status | stop) command=$arg ;;
    --no-build) build=no ;;
    -h | --help) sed -n '2,12p' "$0"; exit 0 ;;
    *) hardening_flag "$arg" || die "unknown argument: $arg (try --help)" ;;
  esac
done

case $command in
  install)
    load_env
    install_tuned_configs
    backing_up
    harden_host
    [ $build = yes ] && build_services
    install_services
    install_cli
    git_ssh_setup
    write_admin_token
    write_edge_secret
    start_platform
    platform_status >/dev/null || { platform_status; die "some parts are not up; see the logs in $FJORD_LOG"; }
    check_loopback_bindings
    cat <<DONE

Fjord is running. The API: http://api.$FJORD_DOMAIN/api/apps
Admin token: $FJORD_LIB/admin.token
The CLI:     fjord login --token "\$(cat $FJORD_LIB/admin.token)"; fjord doctor checks this host

Push a first app (a directory with a Dockerfile whose server listens on \$PORT and answers GET /up):
  curl -X POST http://api.$FJORD_DOMAIN/api/apps -H 'Content-Type: application/json' -d '{"name": "hello"}'
  git push $FJORD_LIB/git/hello.git main
  (or over SSH, once your key is registered: POST /api/keys {"publicKey": "ssh-ed25519 ..."};
   git push ssh://$FJORD_GIT_USER@<this host>/hello.git main)
  curl http://hello.$FJORD_DOMAIN/
DONE
    ;;
  start)
    backing_up
    git_ssh_sshd_up
    start_platform
    ;;
  status)
    load_env
    platform_status
    ;;
  stop)
    load_env
    stop_platform
    say "Fjord's services and edge are stopped"
    ;;
esac
