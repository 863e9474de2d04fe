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

# Every alert needs a test case where it fires and one where it stays quiet.
missing=$(awk '
  FNR == 1 { file++ }
  file == 1 && /^ *- alert:/ { alerts[$3] = 1 }
  file == 2 && /alertname:/ { current = $2 }
  file == 2 && /exp_alerts: *\[\]/ { quiet[current] = 1; next }
  file == 2 && /exp_alerts:/ { fires[current] = 1 }
  END { for (a in alerts) { if (!(a in fires)) print a " has no firing case"; if (!(a in quiet)) print a " has no quiet case" } }
' rules/aisle-alerts.yml tests/aisle-alerts.test.yml)
[ -z "$missing" ] || { echo "$missing" >&2; exit 1; }

alerts=$(grep -c '^ *- alert:' rules/*.yml | awk -F: '{s+=$NF} END {print s}')
cases=$(grep -c '^ *- name:' tests/*.test.yml | awk -F: '{s+=$NF} END {print s}')
echo "prometheus: config valid, ${alerts} alerts valid, ${cases} rule test cases pass, each alert with a firing and a quiet case ($(promtool --version 2>&1 | head -1 | awk '{print $3}'))"
