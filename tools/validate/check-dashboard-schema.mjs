// Checks Grafana dashboard JSON against Grafana's published TypeScript types (@grafana/schema) with tsc.
//
//   node check-dashboard-schema.mjs DASHBOARD.json...
//
// Each dashboard becomes a TypeScript module whose object literals are typed as Grafana's Dashboard, and each panel
// additionally as its plugin's Options and FieldConfig (timeseries, stat) and each query as a Prometheus query, so
// a misspelled key, a wrong type or a missing required option is a compile error. String enums in the published
// types are nominal in TypeScript; `Json<T>` turns them into the literal strings a JSON file holds.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node check-dashboard-schema.mjs DASHBOARD.json...');
  process.exit(2);
}

const header = `
import type { Dashboard, DataQuery, DataSourceRef, FieldConfigSource, Panel, RowPanel } from '@grafana/schema';
import type * as TimeSeries from '@grafana/schema/dist/esm/raw/composable/timeseries/panelcfg/x/TimeSeriesPanelCfg_types.gen';
import type * as Stat from '@grafana/schema/dist/esm/raw/composable/stat/panelcfg/x/StatPanelCfg_types.gen';

type Json<T> = T extends string ? \`\${T}\` : T extends (infer U)[] ? Json<U>[] : T extends object ? { [K in keyof T]: Json<T[K]> } : T;

/** @grafana/schema publishes no Prometheus query type; these are the fields Grafana's Prometheus datasource stores. */
interface PrometheusQuery extends DataQuery {
  datasource: DataSourceRef;
  expr: string;
  legendFormat?: string;
  range?: boolean;
  instant?: boolean;
  interval?: string;
  format?: 'time_series' | 'table' | 'heatmap';
  editorMode?: 'code' | 'builder';
}

type PanelOf<Type extends string, O, F> = Json<Omit<Panel, 'type' | 'options' | 'fieldConfig' | 'targets'>> & {
  type: Type;
  options: Json<O>;
  fieldConfig: Json<FieldConfigSource<F>>;
  targets: Json<PrometheusQuery>[];
};
type TimeSeriesPanel = PanelOf<'timeseries', TimeSeries.Options, TimeSeries.FieldConfig>;
type StatPanel = PanelOf<'stat', Stat.Options, Record<string, never>>;
type Row = Json<RowPanel> & { type: 'row' };
`;

const panelTypes = { timeseries: 'TimeSeriesPanel', stat: 'StatPanel', row: 'Row' };
const work = mkdtempSync(join(here, '.check-'));
let problems = 0;
try {
  const sources = [];
  for (const file of files) {
    const json = JSON.parse(readFileSync(file, 'utf8'));
    const name = basename(file).replace(/[^A-Za-z0-9]/g, '_');
    const lines = [header, `export const dashboard: Json<Dashboard> = ${JSON.stringify(json, null, 2)};`];
    for (const [i, panel] of (json.panels ?? []).entries()) {
      const type = panelTypes[panel.type];
      if (!type) {
        console.error(`${file}: panel ${panel.id} "${panel.title}" has type "${panel.type}", which this check has no types for`);
        problems++;
        continue;
      }
      lines.push(`export const panel_${i}: ${type} = ${JSON.stringify(panel, null, 2)};`);
    }
    const source = join(work, `${name}.ts`);
    writeFileSync(source, lines.join('\n\n'));
    sources.push(source);
  }

  writeFileSync(join(work, 'tsconfig.json'), JSON.stringify({
    compilerOptions: {
      strict: true, noEmit: true, target: 'es2022', module: 'esnext', moduleResolution: 'bundler',
      skipLibCheck: true, types: [],
    },
    files: sources.map(s => basename(s)),
  }));
  try {
    execFileSync(process.execPath, [join(here, 'node_modules/typescript/bin/tsc'), '-p', join(work, 'tsconfig.json')], { stdio: 'pipe' });
  } catch (error) {
    // Point at the dashboard, not the generated file's name.
    console.error(String(error.stdout).replace(/[^\s]*\.check-[^/]+\//g, ''));
    problems++;
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

if (problems > 0) {
  console.error(`dashboard schema: FAILED (${files.length} dashboards)`);
  process.exit(1);
}
console.log(`dashboard schema: ${files.length} dashboards match @grafana/schema's Dashboard, panel and query types`);
