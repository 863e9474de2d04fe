#!/usr/bin/env bash
# Storefront pages at a fixed rate: home (with a shopper who has history), search and product pages, each for a bounded
# time at 50 requests/s (hey), printing p50/p99 beside /health/live's saturated rate in the same run (the platform's
# own ceiling on this machine at this moment).
#
#   scripts/pages-load.sh [base-url] [seconds] [rate]      defaults: http://127.0.0.1:5000 20 50
#
# Start Aisle first (README's first command, ideally with Aisle__RateLimit__PermitsPerSecond raised) and wait for
# /health/ready. Only loopback addresses are accepted.
set -euo pipefail
base=${1:-http://127.0.0.1:5000}
seconds=${2:-20}
rate=${3:-50}
workers=2

case "$base" in
  http://127.*|http://localhost*|http://\[::1\]*) ;;
  *) echo "refusing to load $base: loopback only" >&2; exit 2 ;;
esac
command -v hey >/dev/null || { echo "hey is not installed: apt-get install -y hey" >&2; exit 2; }
curl -fsS "$base/health/ready" >/dev/null || { echo "$base is not ready" >&2; exit 2; }

# A shopper with a few views, so the home page runs the personal pipeline, and a product to open.
ids=$(curl -fsS "$base/api/search?q=running%20shoes%20for%20men&limit=10" | grep -oE '"id":"[0-9a-f]{32}"' | cut -d'"' -f4)
product=$(echo "$ids" | head -1)
events=$(for id in $(echo "$ids" | head -4); do printf '{"userId":"pages-load","kind":"view","productId":"%s"},' "$id"; done)
curl -fsS -X POST "$base/api/events" -H 'content-type: application/json' -d "{\"events\":[${events%,}]}" >/dev/null
cookie="Cookie: aisle_shopper=pages-load"

measure() {
  local name=$1 url=$2 out="/tmp/aisle-pages-$1.txt"
  hey -z 5s -c "$workers" -q $((rate / workers)) -H "$cookie" "$url" > /dev/null   # warm-up, not measured
  hey -z "${seconds}s" -c "$workers" -q $((rate / workers)) -H "$cookie" "$url" > "$out"
  local rps p50 p99 errors
  rps=$(awk '/Requests\/sec/ {print $2}' "$out")
  p50=$(awk '/ 50% in / {print $3}' "$out")
  p99=$(awk '/ 99% in / {print $3}' "$out")
  errors=$(awk '/\[[0-9]+\]/ && $1 !~ /\[200\]/ {s+=$2} END {print s+0}' "$out")
  printf '%-10s %7s req/s   p50 %7.2f ms   p99 %7.2f ms   non-200: %s\n' "$name" "$rps" "$(echo "$p50*1000" | bc -l)" "$(echo "$p99*1000" | bc -l)" "$errors"
}

ceiling=$(hey -z 10s -c 16 "$base/health/live" | awk '/Requests\/sec/ {print $2}')
echo "Aisle storefront pages: ${rate} req/s for ${seconds}s each, ${workers} connections, $base; /health/live saturated: ${ceiling} req/s"
measure home "$base/"
measure search "$base/search?q=running+shoes+for+men+under+1000"
measure product "$base/products/$product"
