#!/usr/bin/env bash
# promtool on Aisle's Prometheus config and alert rules: check config, check rules, and the rule unit tests
# (each alert has cases that fire and cases that stay quiet). Debian's `prometheus` package ships promtool.
set -euo pipefail
source "$(dirname "$0")/ops-tools.sh"
need_apt promtool prometheus
cd "$ops_root/monitoring/prometheus"

promtool check config prometheus.yml
promtool check rules rules/*.yml
(cd tests && promtool test rules *.test.yml)

alerts=$(grep -c '^ *- alert:' rules/*.yml | awk -F: '{s+=$NF} END {print s}')
cases=$(grep -c '^ *- name:' tests/*.test.yml | awk -F: '{s+=$NF} END {print s}')
echo "prometheus: config valid, ${alerts} alerts valid, ${cases} rule test cases pass ($(promtool --version 2>&1 | head -1 | awk '{print $3}'))"
