#!/usr/bin/env bash
# Builds the file:// dependencies of every chart, leaves first: service charts (and the library's
# test chart) package the library, then the umbrella packages the service charts.
# Usage: bash charts/scripts/build-dependencies.sh   (needs helm on PATH)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
count=0
for chart in */Chart.yaml zvonar-service/test-chart/Chart.yaml; do
  dir="$(dirname "$chart")"
  [ "$dir" = zvonar ] && continue
  grep -q '^dependencies:' "$chart" || continue
  helm dependency build "$dir" >/dev/null
  count=$((count + 1))
done
if [ -f zvonar/Chart.yaml ]; then
  helm dependency build zvonar >/dev/null
  count=$((count + 1))
fi
echo "built the dependencies of $count charts"
