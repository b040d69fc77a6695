#!/bin/sh
# Starts the service named by SERVICE: node -r @swc-node/register services/$SERVICE/src/main.ts
set -eu
cd /app
if [ -z "${SERVICE:-}" ]; then
  echo "SERVICE is not set; one of: $(ls services | tr '\n' ' ')" >&2
  exit 64
fi
main="services/${SERVICE}/src/main.ts"
if [ ! -f "$main" ]; then
  echo "SERVICE=${SERVICE}: this image has no ${main}; one of: $(ls services | tr '\n' ' ')" >&2
  exit 64
fi
exec node -r @swc-node/register "$main" "$@"
