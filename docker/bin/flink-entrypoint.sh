#!/usr/bin/env bash
# Starts a Flink process of the image with the project's flink-conf/ (mounted read-only at
# /opt/pensu/flink-conf) as its configuration. The image's own entrypoint rewrites conf/config.yaml
# in place (FLINK_PROPERTIES, jobmanager.rpc.address), so it gets a copy: the mounted directory, the
# repository's flink-conf/, stays as it is.
set -euo pipefail

cp /opt/pensu/flink-conf/* "$FLINK_HOME/conf/"
exec /docker-entrypoint.sh "$@"
