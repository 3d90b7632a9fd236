#!/bin/bash
# The stand-in's entrypoint: writes the default user and vhost from the environment into rabbitmq.conf
# (RabbitMQ applies them when its database is new) and runs the broker as the user rabbitmq.
set -euo pipefail
if [ "${1:-}" = rabbitmq-server ]; then
  {
    echo "listeners.tcp.default = 5672"
    if [ -n "${RABBITMQ_DEFAULT_USER:-}" ]; then echo "default_user = $RABBITMQ_DEFAULT_USER"; fi
    if [ -n "${RABBITMQ_DEFAULT_PASS:-}" ]; then echo "default_pass = $RABBITMQ_DEFAULT_PASS"; fi
    if [ -n "${RABBITMQ_DEFAULT_VHOST:-}" ]; then echo "default_vhost = $RABBITMQ_DEFAULT_VHOST"; fi
  } >/etc/rabbitmq/rabbitmq.conf
  chmod 0640 /etc/rabbitmq/rabbitmq.conf
  chown root:rabbitmq /etc/rabbitmq/rabbitmq.conf
  chown -R rabbitmq:rabbitmq /var/lib/rabbitmq
  shift
  exec setpriv --reuid=rabbitmq --regid=rabbitmq --init-groups /usr/lib/rabbitmq/bin/rabbitmq-server "$@"
fi
exec "$@"
