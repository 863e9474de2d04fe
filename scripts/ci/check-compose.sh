#!/usr/bin/env bash
# Validates docker-compose.yml with Debian's docker-compose (1.29; no Docker engine needed for `config`), checks that
# every Prometheus scrape target names a compose service and that every mounted monitoring file exists, and proves
# the validation can fail on a copy with a misspelled key.
set -euo pipefail
source "$(dirname "$0")/ops-tools.sh"
need_apt docker-compose docker-compose
cd "$ops_root"

docker-compose -f docker-compose.yml config -q
services=$(docker-compose -f docker-compose.yml config --services | sort)

missing=0
for target in $(grep -oE '"[a-z0-9-]+:[0-9]+"' monitoring/prometheus/prometheus.yml | tr -d '"' | cut -d: -f1 | sort -u); do
  [ "$target" = localhost ] && continue
  grep -qx "$target" <<<"$services" || { echo "prometheus.yml scrapes '$target', which is no compose service" >&2; missing=1; }
done
for mount in $(grep -oE '\./monitoring/[^:]+' docker-compose.yml | sort -u); do
  [ -e "$mount" ] || { echo "docker-compose.yml mounts $mount, which does not exist" >&2; missing=1; }
done
[ "$missing" = 0 ]

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sed '0,/    environment:/s//    enviroment:/' docker-compose.yml >"$work/docker-compose.yml"
if docker-compose -f "$work/docker-compose.yml" config -q 2>"$work/err"; then
  echo "docker-compose accepted a copy with a misspelled key" >&2
  exit 1
fi
echo "compose: valid ($(echo "$services" | wc -l) services: $(echo $services)); scrape targets and mounts match; a misspelled key is rejected ($(docker-compose version --short))"
