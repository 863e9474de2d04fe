#!/usr/bin/env bash
# Every ops check, each bounded, with one summary at the end:
#   prometheus  promtool check config / check rules / test rules
#   dashboards  Grafana schema types; real Prometheus scraping a real embedded Aisle; every panel query
#   compose     docker-compose config -q (Debian's docker-compose 1.29)
#   helm        text/template + sprig rendering, Kubernetes schema validation
# Exits non-zero when any check fails; prints "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"
passed=0; failed=0; summary=()
for check in prometheus dashboards compose helm; do
  echo "===== $check"
  start=$(date +%s)
  if timeout 300 "./check-$check.sh"; then
    passed=$((passed + 1)); summary+=("  ok    $check ($(( $(date +%s) - start )) s)")
  else
    failed=$((failed + 1)); summary+=("  FAIL  $check ($(( $(date +%s) - start )) s)")
  fi
done
echo "===== ops checks"
printf '%s\n' "${summary[@]}"
echo "ops: ${passed} passed, ${failed} failed"
[ "$failed" = 0 ]
