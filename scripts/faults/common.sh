# Shared by the fault scripts (sourced): the local cluster of scripts/cluster.sh, the load generator and the
# acknowledged-versus-stored event count. Same environment variables as scripts/cluster.sh.
set -euo pipefail
cd "$(dirname "$0")/../.."
dir=${AISLE_CLUSTER_DIR:-/tmp/aisle-cluster}
base=http://127.0.0.1:${AISLE_HTTP_PORT:-5000}
admin_key=${AISLE_ADMIN_KEY:-local-admin-key}
rate=${AISLE_FAULT_RATE:-200}
# Seconds of unmeasured load first: a cluster started a minute ago still compiles its hot paths and loads query
# models, and its first seconds under 200 requests/s answered "cluster busy" before any fault (seen: 35 reads).
warmup=${AISLE_FAULT_WARMUP:-30}
out=$dir/faults-$(basename "$0" .sh)-$(date +%Y%m%d-%H%M%S)
cli_dll=$PWD/src/Cli/bin/Release/net10.0/linux-x64/Aisle.Cli.dll
mkdir -p "$out"

ensure_cluster() {
  curl -fsS -o /dev/null "$base/health/ready" 2>/dev/null || scripts/cluster.sh start
  [ -n "${AISLE_SKIP_BUILD:-}" ] || dotnet build src/Cli/Cli.csproj -c Release -v quiet -nologo > "$out/build-cli.log" 2>&1 \
    || { tail -20 "$out/build-cli.log"; exit 1; }
}

connection() { echo "Host=127.0.0.1;Port=$(cat "$dir/pg/port");Username=aisle;Password=aisle-test;Database=aisle"; }

# load SECONDS [faults.py run options…]: mixed traffic at $rate requests/s against the frontend(s).
load() {
  local seconds=$1; shift
  python3 scripts/faults/faults.py run --base "${urls:-$base}" --rate "$rate" --seconds "$seconds" --out "$out" \
    --admin-key "$admin_key" "$@"
}

wait_url() {
  for _ in $(seq 1 600); do curl -fsS -o /dev/null "$1" 2>/dev/null && return 0; sleep 0.5; done
  echo "$1 not ready" >&2; return 1
}

# Events stored per shopper of the run, read through a fresh Orleans client. With `restart`, both silos are killed
# (-9) and started again first, so every profile is re-read from PostgreSQL: what is counted is what was stored.
stored_counts() {
  if [ "${1:-}" = restart ]; then
    for f in "$dir"/silo*.pid; do [ -e "$f" ] || continue; kill -KILL "$(cat "$f")" 2>/dev/null || true; rm -f "$f"; done
    AISLE_SKIP_BUILD=1 scripts/cluster.sh start > "$out/restart.log" 2>&1
    wait_url "$base/health/ready"
  fi
  ConnectionStrings__Aisle=$(connection) Aisle__Cluster__ClusterId=${AISLE_CLUSTER_ID:-aisle} Logging__LogLevel__Default=Warning \
    dotnet "$cli_dll" shopper-counts --users "$out/users.txt" > "$out/stored.tsv" 2> "$out/counts.log"
}
