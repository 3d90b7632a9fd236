#!/bin/sh
# The nginx container's command in docker-compose.yml. proxy-config-service renders Fjord's edge into the
# shared tree and has this master reload it: both are in the edge's PID namespace, and the service finds the
# master through the pid file. Until the service has rendered the tree once, a placeholder configuration
# answers 503, with its pid file where Fjord's nginx.conf keeps it. After that nginx starts with Fjord's
# own configuration, also when this container restarts.
set -eu
dir=/var/lib/fjord/nginx
if [ ! -f "$dir/nginx.conf" ]; then
  mkdir -p "$dir"
  cat >"$dir/nginx.conf" <<CONF
# A placeholder until proxy-config-service renders the edge (it replaces this file).
pid $dir/nginx.pid;
error_log stderr;
events {}
http {
    access_log off;
    server {
        listen 80 default_server;
        location / { return 503 "Fjord is starting\n"; }
    }
}
CONF
fi
exec nginx -c "$dir/nginx.conf" -g 'daemon off;'
