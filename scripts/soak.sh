#!/usr/bin/env bash
# Soak: mixed traffic at a fixed rate for a long time against a running Aisle, minute by minute — requests, errors,
# the slowest stream's p99 and the server's RSS — then RSS growth after warm-up and the error total (issue 12: 30
# minutes at 300 requests/s, RSS growth ≤ 5 % after warm-up, 0 errors). Not part of CI.
#
#   scripts/soak.sh [base-url] [minutes] [rate]      defaults: http://127.0.0.1:5000 30 300
#
# Five streams share the rate: search (30 real queries, rotating each minute), personal recommendations (200 soak
# shoppers), similar items, trending, and event batches (3 views per batch). Start Aisle first (README's first command)
# with Aisle__RateLimit__PermitsPerSecond raised above the rate, and wait for /health/ready. Loopback only; needs hey.
set -euo pipefail
base=${1:-http://127.0.0.1:5000}
minutes=${2:-30}
rate=${3:-300}
warmup=3
case "$base" in
  http://127.*|http://localhost*) ;;
  *) echo "refusing to load $base: loopback only" >&2; exit 2 ;;
esac
command -v hey >/dev/null || { echo "hey is not installed: apt-get install -y hey" >&2; exit 2; }
curl -fsS "$base/health/ready" >/dev/null || { echo "$base is not ready" >&2; exit 2; }
port=$(echo "$base" | sed -E 's#.*:([0-9]+).*#\1#')
pid=$(ss -ltnpH "sport = :$port" | grep -oE 'pid=[0-9]+' | head -1 | cut -d= -f2)
[ -n "$pid" ] || { echo "no process listens on port $port" >&2; exit 2; }
per=$((rate / 5))
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

queries=("running shoes for men" "women kurta" "analog watch" "wall clock" "cotton bedsheet" "baby romper"
  "leather wallet" "sports bra" "mobile cover" "coffee mug" "laptop bag" "saree under 1000" "sunglasses for women"
  "bluetooth headphones" "gold plated earrings" "kids t-shirt" "formal shirt for office" "yoga mat" "led bulb"
  "pressure cooker" "trekking backpack" "silver necklace" "jeans for men" "night suit" "shoe rack"
  "water bottle" "table lamp" "floral dress" "men's belt" "hair dryer")
rss() { awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$pid/status"; }
# p99 (ms), requests, and non-2xx answers plus connection errors, of one hey run's output.
p99() { awk '/99% in/ {printf "%.1f", $3 * 1000}' "$1"; }
count() { awk '/Requests\/sec/ {r=$2} /Total:/ {t=$2} END {printf "%d", r * t}' "$1"; }
bad() {
  awk '/Error distribution/ {e = 1}
       !e && /^[[:space:]]+\[[0-9][0-9][0-9]\][[:space:]]+[0-9]+ responses/ && $1 !~ /^\[2/ {n += $2}
       e && /^[[:space:]]+\[[0-9]+\]/ {gsub(/[\[\]]/, "", $1); n += $1}
       END {print n + 0}' "$1"
}

echo "== soak: $minutes min at $rate req/s (5 streams of $per), server pid $pid on $base, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-6s %9s %7s %9s %8s\n' minute requests errors "p99 ms" "RSS MB"
total_errors=0
declare -a rss_at p99_at
for minute in $(seq 1 "$minutes"); do
  q=${queries[$(( (minute - 1) % ${#queries[@]} ))]}
  product=$(curl -fsS "$base/api/search?q=$(printf %s "$q" | sed 's/ /%20/g')&limit=3" | grep -oE '"id":"[^"]+"' | head -1 | cut -d'"' -f4)
  shopper="soak-$(( minute % 200 ))"
  printf '{"events":[{"userId":"%s","kind":"view","productId":"%s"},{"userId":"%s","kind":"click","productId":"%s"},{"userId":"%s","kind":"view","productId":"%s"}]}' \
    "$shopper" "$product" "$shopper" "$product" "$shopper" "$product" > "$work/events.json"
  hey -z 60s -c 2 -q $((per / 2)) "$base/api/search?q=$(printf %s "$q" | sed 's/ /%20/g')&limit=10" > "$work/search" 2>&1 &
  hey -z 60s -c 2 -q $((per / 2)) "$base/api/users/$shopper/recommendations?limit=10" > "$work/recs" 2>&1 &
  hey -z 60s -c 2 -q $((per / 2)) "$base/api/products/$product/similar?limit=10" > "$work/similar" 2>&1 &
  hey -z 60s -c 2 -q $((per / 2)) "$base/api/trending?limit=10" > "$work/trending" 2>&1 &
  hey -z 60s -c 2 -q $((per / 2)) -m POST -T application/json -D "$work/events.json" "$base/api/events" > "$work/events" 2>&1 &
  wait
  requests=0; errors=0; worst=0
  for s in search recs similar trending events; do
    requests=$((requests + $(count "$work/$s")))
    errors=$((errors + $(bad "$work/$s")))
    worst=$(printf '%s\n%s\n' "$worst" "$(p99 "$work/$s")" | sort -g | tail -1)
  done
  total_errors=$((total_errors + errors))
  rss_at[$minute]=$(rss); p99_at[$minute]=$worst
  printf '%-6s %9s %7s %9s %8s\n' "$minute" "$requests" "$errors" "$worst" "${rss_at[$minute]}"
done
first=$(( warmup < minutes ? warmup : 1 ))
growth=$(awk -v a="${rss_at[$first]}" -v b="${rss_at[$minutes]}" 'BEGIN {printf "%.1f", (b - a) * 100 / a}')
echo "== RSS after warm-up (minute $first) ${rss_at[$first]} MB, at the end ${rss_at[$minutes]} MB: growth $growth %"
echo "== p99 (slowest stream) minute $first ${p99_at[$first]} ms, last minute ${p99_at[$minutes]} ms; errors $total_errors"
