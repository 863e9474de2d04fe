#!/usr/bin/env bash
# Load test of a running Aisle on loopback with hey (Debian package `hey`): a fixed request rate for a bounded time
# against search and recommendations, printing requests/s and the latency percentiles after a 5 s warm-up.
#
#   scripts/load.sh [base-url] [seconds] [rate]      defaults: http://127.0.0.1:5000 20 200
#
# Start Aisle first (README's first command) and wait for /health/ready. Only loopback addresses are accepted.
set -euo pipefail
base=${1:-http://127.0.0.1:5000}
seconds=${2:-20}
rate=${3:-200}
workers=4

case "$base" in
  http://127.*|http://localhost*|http://\[::1\]*) ;;
  *) echo "refusing to load $base: loopback only" >&2; exit 2 ;;
esac
command -v hey >/dev/null || { echo "hey is not installed: apt-get install -y hey" >&2; exit 2; }
curl -fsS "$base/health/ready" >/dev/null || { echo "$base is not ready" >&2; exit 2; }

# Give a handful of shoppers a history, so recommendations run the personal pipeline, not the cold-start one.
ids=$(curl -fsS "$base/api/search?q=analog%20watch&limit=20" | grep -oE '"id":"[0-9a-f]{32}"' | cut -d'"' -f4)
for u in 1 2 3 4 5 6 7 8; do
  events=$(for id in $(echo "$ids" | shuf -n 3); do printf '{"userId":"load-%s","kind":"view","productId":"%s"},' "$u" "$id"; done)
  curl -fsS -X POST "$base/api/events" -H 'content-type: application/json' -d "{\"events\":[${events%,}]}" >/dev/null
done

run() {
  local name=$1 url=$2
  # Warm-up, not measured: JIT tiering and the per-query embedding cache settle in the first seconds.
  hey -z 5s -c "$workers" -q $((rate / workers)) "$url" > /dev/null
  # hey -q is per worker: total rate = workers * q.
  hey -z "${seconds}s" -c "$workers" -q $((rate / workers)) "$url" > "/tmp/aisle-load-$name.txt"
  local rps p50 p99 errors
  rps=$(awk '/Requests\/sec/ {print $2}' "/tmp/aisle-load-$name.txt")
  p50=$(awk '/ 50% in / {print $3}' "/tmp/aisle-load-$name.txt")
  p99=$(awk '/ 99% in / {print $3}' "/tmp/aisle-load-$name.txt")
  errors=$(awk '/\[[0-9]+\]/ && $1 !~ /\[200\]/ {s+=$2} END {print s+0}' "/tmp/aisle-load-$name.txt")
  printf '%-16s %8s req/s   p50 %7.2f ms   p99 %7.2f ms   non-200: %s\n' "$name" "$rps" "$(echo "$p50*1000" | bc -l)" "$(echo "$p99*1000" | bc -l)" "$errors"
}

echo "Aisle load: ${rate} req/s for ${seconds}s per scenario, ${workers} connections, $base"
run search "$base/api/search?q=running%20shoes%20for%20men%20under%201000&limit=10"
run search-filter "$base/api/search?q=analog%20watch&category=Watches&maxPrice=2000&inStock=true&limit=10"
run recommend "$base/api/users/load-1/recommendations?limit=10"
run similar "$base/api/products/$(echo "$ids" | head -1)/similar?limit=10"
run trending "$base/api/trending?category=Footwear&limit=10"
