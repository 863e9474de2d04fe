#!/usr/bin/env bash
# Proves Aisle's Grafana dashboards without a Grafana server:
#   1. their JSON against Grafana's published schema types (@grafana/schema, checked by tsc);
#   2. a real Prometheus scrapes a real embedded Aisle under a short, bounded loopback load, with the real alert
#      rules loaded; then every panel query must parse and return series through Prometheus' HTTP API;
#   3. the same check must FAIL on a copy with one misspelled metric (so step 2 can fail at all).
# Needs the .NET SDK; installs prometheus, hey and the tools/validate npm packages when missing.
# Reuses the embedding cache in /tmp/aisle-test-embeddings (the tests' cache); without it the first start embeds
# the catalog (about 75 s on two cores).
set -euo pipefail
source "$(dirname "$0")/ops-tools.sh"
need_apt prometheus prometheus
need_apt hey hey
need_validate_tools
cd "$ops_root"
dashboards=(monitoring/grafana/dashboards/*.json)

echo "== dashboard JSON against @grafana/schema (tsc)"
node tools/validate/check-dashboard-schema.mjs "${dashboards[@]}"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
work=$(mktemp -d /tmp/aisle-dashboards.XXXXXX)
app_pid=""; prom_pid=""
cleanup() {
  [ -n "$prom_pid" ] && kill "$prom_pid" 2>/dev/null || true
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null || true
  [ -n "${KEEP_METRICS:-}" ] && cp "$work/metrics.txt" "$KEEP_METRICS" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

app_port=$(free_port); prom_port=$(free_port)
app=http://127.0.0.1:$app_port
prom=http://127.0.0.1:$prom_port
key=ci-$RANDOM$RANDOM

echo "== start embedded Aisle on $app"
dotnet build src/Frontend -c Release -v q -nologo >/dev/null
ASPNETCORE_URLS=$app \
Aisle__SiloPort=$(free_port) Aisle__GatewayPort=$(free_port) \
Aisle__DataDirectory="$work/data" \
Aisle__EmbeddingCacheDirectory=/tmp/aisle-test-embeddings \
Aisle__ShowProgress=false \
Aisle__AdminApiKey=$key \
Logging__LogLevel__Default=Warning \
  dotnet src/Frontend/bin/Release/net10.0/linux-x64/Aisle.Frontend.dll >"$work/aisle.log" 2>&1 &
app_pid=$!
for i in $(seq 240); do
  curl -fs "$app/health/ready" >/dev/null 2>&1 && break
  kill -0 "$app_pid" 2>/dev/null || { tail -30 "$work/aisle.log"; echo "Aisle exited" >&2; exit 1; }
  [ "$i" = 240 ] && { tail -30 "$work/aisle.log"; echo "Aisle not ready after 240 s" >&2; exit 1; }
  sleep 1
done
echo "ready after ${i} s"

echo "== seed shoppers, a stock-out and client errors"
ids=$(curl -fsS "$app/api/search?q=analog%20watch&limit=20" | grep -oE '"id":"[0-9a-f]{32}"' | cut -d'"' -f4)
first=$(echo "$ids" | head -1)
# Shoppers who view, click and buy, so business metrics, user grains and grain storage all move.
shoppers() {
for u in "$@"; do
  events=""
  for id in $(echo "$ids" | shuf -n 3); do
    events+="{\"userId\":\"ci-$u\",\"kind\":\"view\",\"productId\":\"$id\"},{\"userId\":\"ci-$u\",\"kind\":\"click\",\"productId\":\"$id\"},"
  done
  events+="{\"userId\":\"ci-$u\",\"kind\":\"purchase\",\"productId\":\"$(echo "$ids" | sed -n "$((u % 19 + 2))p")\"}"
  curl -fsS -X POST "$app/api/events" -H 'content-type: application/json' -d "{\"events\":[$events]}" >/dev/null
done
}
shoppers 1 2 3 4 5 6
# A stock-out: one unit left, two wanted (409, counted in aisle_stockouts_total).
curl -fsS -X PUT "$app/api/admin/products/$first/stock" -H "X-Api-Key: $key" -H 'content-type: application/json' -d '{"stock":1}' >/dev/null
curl -sS -o /dev/null -X POST "$app/api/events" -H 'content-type: application/json' \
  -d "{\"userId\":\"ci-9\",\"kind\":\"purchase\",\"productId\":\"$first\",\"quantity\":2}"
# Client errors, so the error panels have series: a bad limit (400) and an unknown product (404).
curl -s -o /dev/null "$app/api/search?q=shoes&limit=1000"
curl -s -o /dev/null "$app/api/products/no-such-product"
# Some Orleans instruments (activations created, storage read latency) reach /metrics only after a later activation
# than the first ones: in our runs the first batch of new shoppers never showed them, a later one did (the cause
# is not pinned down; prometheus-net's meter adapter publishes an instrument on its first recorded value). So new
# shoppers arrive until both are exported, at most 20.
for u in $(seq 20 39); do
  exported=$(curl -fsS "$app/metrics")
  grep -q '^microsoft_orleans_orleans_catalog_activation_created' <<<"$exported" \
    && grep -q '^microsoft_orleans_orleans_storage_read_latency_count' <<<"$exported" && break
  shoppers "$u"
  sleep 0.5
done
echo "Orleans instruments exported after $((u - 20)) more shoppers"

echo "== start Prometheus on $prom (1 s scrapes, Aisle's alert rules loaded)"
mkdir -p "$work/rules"
cp monitoring/prometheus/rules/*.yml "$work/rules/"
cat >"$work/prometheus.yml" <<YAML
global:
  scrape_interval: 1s
  evaluation_interval: 1s
rule_files:
  - rules/*.yml
scrape_configs:
  # The embedded process is a silo that also serves the API: it is scraped as the silo job the dashboards use.
  - job_name: aisle-silo
    static_configs:
      - targets: ["127.0.0.1:$app_port"]
YAML
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/tsdb" \
  --web.listen-address="127.0.0.1:$prom_port" --log.level=warn >"$work/prometheus.log" 2>&1 &
prom_pid=$!
for i in $(seq 30); do curl -fs "$prom/-/ready" >/dev/null 2>&1 && break; sleep 1; done
curl -fs "$prom/-/ready" >/dev/null || { cat "$work/prometheus.log"; echo "Prometheus not ready" >&2; exit 1; }

echo "== bounded load on loopback"
seconds=8
for url in "$app/api/search?q=running%20shoes%20for%20men%20under%201000&limit=10" \
           "$app/api/users/ci-1/recommendations?limit=10" \
           "$app/api/users/ci-new/recommendations?limit=10" \
           "$app/api/products/$first/similar?limit=10" \
           "$app/api/trending?category=Footwear&limit=10"; do
  hey -z ${seconds}s -c 2 -q 10 "$url" >/dev/null &
done
shoppers 7 8 9 10 11 12   # events inside the scraped window, so event and business rates are not zero
wait $(jobs -p | grep -v -e "^$app_pid\$" -e "^$prom_pid\$") 2>/dev/null || true
sleep 3   # a few more scrapes, so every rate() window holds at least two samples after the load

echo "== alert rules evaluated by the real Prometheus"
rules=$(curl -fsS "$prom/api/v1/rules")
node -e '
  const groups = JSON.parse(process.argv[1]).data.groups;
  const rules = groups.flatMap(g => g.rules);
  const bad = rules.filter(r => r.health !== "ok");
  for (const r of bad) console.error(`  FAIL ${r.name}: ${r.health} ${r.lastError ?? ""}`);
  console.log(`alert rules: ${rules.length - bad.length} of ${rules.length} evaluate with health ok`);
  process.exit(bad.length === 0 && rules.length > 0 ? 0 : 1);
' "$rules"

curl -fsS "$app/metrics" >"$work/metrics.txt" || true
echo "== every panel query against Prometheus"
node tools/validate/check-panel-queries.mjs "$prom" "${dashboards[@]}" | grep -v '^  ok ' || { echo "panel queries failed" >&2; exit 1; }

echo "== the same check on a copy with one misspelled metric must fail"
sed 's/aisle_impressions_total/aisle_impresions_total/' monitoring/grafana/dashboards/aisle-business.json >"$work/broken-business.json"
if node tools/validate/check-panel-queries.mjs "$prom" "$work/broken-business.json" >"$work/broken.log" 2>&1; then
  cat "$work/broken.log"
  echo "the panel query check passed a dashboard with a misspelled metric" >&2
  exit 1
fi
echo "broken copy rejected: $(grep -c 'FAIL' "$work/broken.log") panel queries without series, e.g.:"
grep -m1 'FAIL' "$work/broken.log"
echo "dashboards: schema ok; every panel query returns series from a real Prometheus scraping a real Aisle; a misspelled metric fails"
