#!/usr/bin/env bash
# Renders helm/aisle without Helm — Go's text/template plus sprig, the engine Helm uses (tools/helm-render, built
# offline from Debian's Go packages) — for the default values and for "3 silos, autoscaling on"
# (helm/aisle/ci/three-silos-autoscaling.yaml), validates every manifest against the Kubernetes schemas
# (kubernetes-models + @kubernetes-models/validate), checks what the values should change, and proves the schema
# check fails on a broken copy.
set -euo pipefail
source "$(dirname "$0")/ops-tools.sh"
need_apt go golang-go
need_apt "" golang-github-masterminds-sprig-dev
need_apt "" golang-k8s-sigs-yaml-dev
need_validate_tools
cd "$ops_root"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Debian installs sprig and semver as GOPATH sources under their plain paths; sprig is imported as .../sprig/v3 and
# imports .../semver/v3. GOPATH mode (no module proxy, nothing downloaded) finds them through two symlinks.
gopath=$work/gopath
mkdir -p "$gopath/src/github.com/Masterminds/sprig" "$gopath/src/github.com/Masterminds/semver"
ln -s /usr/share/gocode/src/github.com/Masterminds/sprig "$gopath/src/github.com/Masterminds/sprig/v3"
ln -s /usr/share/gocode/src/github.com/Masterminds/semver "$gopath/src/github.com/Masterminds/semver/v3"
GO111MODULE=off GOPATH="$gopath:/usr/share/gocode" GOCACHE="${GOCACHE:-/tmp/aisle-go-cache}" GOFLAGS= \
  go build -o "$work/helm-render" ./tools/helm-render

"$work/helm-render" -chart helm/aisle -release aisle -namespace aisle >"$work/default.yaml"
"$work/helm-render" -chart helm/aisle -release aisle -namespace aisle -f helm/aisle/ci/three-silos-autoscaling.yaml >"$work/three-silos.yaml"
node tools/validate/check-k8s-manifests.mjs "$work/default.yaml" "$work/three-silos.yaml" | grep -v '^  ok '

# What the values must change, read back from the rendered manifests.
node --input-type=module -e '
  import { readFileSync } from "node:fs";
  import yaml from "'"$ops_root"'/tools/validate/node_modules/js-yaml/dist/js-yaml.mjs";
  const load = f => yaml.loadAll(readFileSync(f, "utf8")).filter(Boolean);
  const find = (docs, kind, name) => docs.find(d => d.kind === kind && d.metadata.name === name);
  const [def, three] = [load(process.argv[1]), load(process.argv[2])];
  const checks = [
    ["default: 2 silos, no HPA", find(def, "Deployment", "aisle-silo")?.spec.replicas === 2 && !def.some(d => d.kind === "HorizontalPodAutoscaler")],
    ["default: no ServiceMonitor", !def.some(d => d.kind === "ServiceMonitor")],
    ["3 silos: HPA min 3 for silos, replicas left to it", find(three, "HorizontalPodAutoscaler", "aisle-silo")?.spec.minReplicas === 3 && find(three, "Deployment", "aisle-silo")?.spec.replicas === undefined],
    ["3 silos: frontend HPA", find(three, "HorizontalPodAutoscaler", "aisle-frontend")?.spec.maxReplicas === 12],
    ["3 silos: ServiceMonitors for both jobs", three.filter(d => d.kind === "ServiceMonitor").length === 2],
    ["silo pods carry the Orleans labels", find(three, "Deployment", "aisle-silo")?.spec.template.metadata.labels["orleans/serviceId"] === "aisle"],
    ["probes on /health/live and /health/ready", ["aisle-silo", "aisle-frontend"].every(n => { const c = find(three, "Deployment", n).spec.template.spec.containers[0]; return c.livenessProbe.httpGet.path === "/health/live" && c.readinessProbe.httpGet.path === "/health/ready"; })],
    ["NetworkPolicy: silo port from silos only, gateway from silos and frontends", (() => { const p = find(def, "NetworkPolicy", "aisle-silo"); if (!p) return false; const [silo, gateway] = p.spec.ingress; const comp = r => r.from.map(f => f.podSelector.matchLabels["app.kubernetes.io/component"]).sort().join(","); return silo.ports[0].port === 11111 && comp(silo) === "silo" && gateway.ports[0].port === 30000 && comp(gateway) === "frontend,silo"; })()],
    ["containers: non-root, read-only root, all capabilities dropped", ["aisle-silo", "aisle-frontend"].every(n => { const c = find(def, "Deployment", n).spec.template.spec.containers[0].securityContext; return c.runAsNonRoot && c.readOnlyRootFilesystem && c.capabilities.drop.includes("ALL") && c.allowPrivilegeEscalation === false; })],
    ["rolling restart: silos minReadySeconds >= 10, grace >= 60 s", (() => { const d = find(def, "Deployment", "aisle-silo"); return d.spec.minReadySeconds >= 10 && d.spec.strategy.rollingUpdate.maxUnavailable === 0 && d.spec.template.spec.terminationGracePeriodSeconds >= 60; })()],
    ["frontend: preStop sleep, grace covers it and 30 s of draining", (() => { const d = find(def, "Deployment", "aisle-frontend"); const sleep = Number(d.spec.template.spec.containers[0].lifecycle.preStop.exec.command[1]); return sleep >= 5 && d.spec.template.spec.terminationGracePeriodSeconds >= sleep + 30; })()],
    ["secrets only by reference", !three.some(d => d.kind === "Secret") && JSON.stringify(three).includes("secretKeyRef")],
  ];
  let bad = 0;
  for (const [name, ok] of checks) { if (!ok) { console.error(`  FAIL ${name}`); bad++; } }
  console.log(`rendered values: ${checks.length - bad} of ${checks.length} expectations hold`);
  process.exit(bad ? 1 : 0);
' "$work/default.yaml" "$work/three-silos.yaml"

sed '0,/  minReplicas: 3/s//  minReplicas: "three"/' "$work/three-silos.yaml" >"$work/broken.yaml"
if node tools/validate/check-k8s-manifests.mjs "$work/broken.yaml" >"$work/broken.log" 2>&1; then
  echo "the schema check accepted a manifest with a string minReplicas" >&2
  exit 1
fi
echo "broken copy rejected: $(grep -A1 FAIL "$work/broken.log" | tail -1 | sed 's/^ *//')"
echo "helm: chart rendered by text/template + sprig ($(go version | awk '{print $3}')) for 2 value sets, $(grep -c '^# Source' "$work/default.yaml") + $(grep -c '^# Source' "$work/three-silos.yaml") manifests valid against the Kubernetes schemas"
