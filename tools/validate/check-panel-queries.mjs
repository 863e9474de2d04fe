// Runs every panel query of Grafana dashboards against a live Prometheus and fails unless each one parses and
// returns at least one series. A misspelled metric or label returns nothing, so it fails here rather than
// showing an empty panel in production.
//
//   node check-panel-queries.mjs PROMETHEUS_URL DASHBOARD.json...
//
// Grafana's interval macros are replaced the way Grafana would on a short range ($__rate_interval, $__interval,
// $__range); dashboard template variables are not used by Aisle's dashboards and are refused.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

const [prometheus, ...files] = process.argv.slice(2);
if (!prometheus || files.length === 0) {
  console.error('usage: node check-panel-queries.mjs PROMETHEUS_URL DASHBOARD.json...');
  process.exit(2);
}

const macros = { $__rate_interval: '1m', $__interval: '15s', $__range: '5m' };

function expand(expr) {
  let out = expr;
  for (const [macro, value] of Object.entries(macros)) {
    out = out.replaceAll(macro, value);
  }
  return out;
}

function* panelsOf(panels) {
  for (const panel of panels ?? []) {
    yield panel;
    yield* panelsOf(panel.panels);
  }
}

let checked = 0;
const failures = [];
for (const file of files) {
  const dashboard = JSON.parse(readFileSync(file, 'utf8'));
  for (const panel of panelsOf(dashboard.panels)) {
    for (const target of panel.targets ?? []) {
      const where = `${basename(file)} · "${panel.title}" · ${target.refId}`;
      checked++;
      if (typeof target.expr !== 'string' || target.expr.trim() === '') {
        failures.push(`${where}: no expr`);
        continue;
      }
      const query = expand(target.expr);
      if (query.includes('$')) {
        failures.push(`${where}: unresolved variable in ${query}`);
        continue;
      }
      const response = await fetch(`${prometheus}/api/v1/query`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ query }),
      });
      const body = await response.json();
      if (body.status !== 'success') {
        failures.push(`${where}: ${body.errorType}: ${body.error}\n      ${query}`);
      } else if (body.data.result.length === 0) {
        failures.push(`${where}: no series\n      ${query}`);
      } else {
        console.log(`  ok  ${where}: ${body.data.result.length} series`);
      }
    }
  }
}

for (const failure of failures) {
  console.error(`  FAIL ${failure}`);
}
console.log(`panel queries: ${checked - failures.length} of ${checked} returned series from ${prometheus}`);
process.exit(failures.length === 0 ? 0 : 1);
