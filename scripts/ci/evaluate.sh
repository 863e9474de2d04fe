#!/usr/bin/env bash
# Recommendation quality in CI: the live engine (user, product and recommendation grains in an in-process silo)
# evaluated leave-one-out on a documented subset of Amazon Beauty — the first 3,000 users of Beauty.txt, replayed
# with the default (validation-tuned) hybrid weights and the learned model trained on the subset's training items.
# Fails when a run breaks, the hybrid falls below the floors measured on this subset, or the model alone does
# (docs/evaluation.md). Bounded at 10 minutes; the full run is
#   dotnet run --project src/Cli -c Release -- evaluate
set -euo pipefail
cd "$(dirname "$0")/../.."

data="${AISLE_EVAL_DATA:-../shared/data/amazon-beauty/Beauty.txt}"
users="${AISLE_EVAL_USERS:-3000}"
out="${AISLE_EVAL_OUT:-evaluation-report}"

if [[ ! -f "$data" ]]; then
  echo "evaluate.sh: data file $data not found (set AISLE_EVAL_DATA)" >&2
  exit 2
fi

dotnet build src/Cli -c Release -nologo -v quiet
start=$(date +%s)
timeout 600 dotnet run --no-build --project src/Cli -c Release -- evaluate \
  --data "$data" --users "$users" --no-tune --out "$out" \
  --min-hybrid-hr10 "${AISLE_EVAL_MIN_HR10:-0.034}" --min-hybrid-ndcg10 "${AISLE_EVAL_MIN_NDCG10:-0.020}" \
  --min-model-hr10 "${AISLE_EVAL_MIN_MODEL_HR10:-0.017}"
echo "evaluate.sh: ${users} users evaluated in $(( $(date +%s) - start )) s; report in $out/report.md"
