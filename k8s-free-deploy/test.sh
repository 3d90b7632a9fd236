#!/usr/bin/env bash
# Runs Fjord's whole test suite on this host, as root: makes sure the backing services are installed
# and running (the same code as install.sh), runs the unit and service tests against them, installs
# the platform from this build, and runs the end-to-end tests through the nginx edge.
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib/common.sh"
. "$HERE/lib/backing.sh"
. "$HERE/lib/platform.sh"
. "$HERE/lib/tuning.sh"

[ "$(id -u)" = 0 ] || die "run test.sh as root"

load_env
install_tuned_configs
backing_up

say "Unit and service tests (Maven)"
(cd "$FJORD_HOME" && mvn -B verify) || die "the Maven tests failed"

say "Installing the platform from this build"
install_services
install_cli
write_admin_token
write_edge_secret
start_platform

say "End-to-end tests"
failed=0
for t in "$HERE"/e2e/*-test.sh; do
  bash "$t" || failed=1
done
exit $failed
