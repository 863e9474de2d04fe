// Validates rendered Kubernetes manifests (a YAML stream, e.g. from tools/helm-render) against the Kubernetes
// OpenAPI schemas as published in the npm packages kubernetes-models and @kubernetes-models/prometheus-operator,
// checked by @kubernetes-models/validate (ajv). An unknown kind, a wrong type, a missing required field or a value
// outside an enum fails. Not caught: a misspelled optional field, because the Kubernetes OpenAPI schemas allow
// unknown fields (the API server's strict field validation, kubectl apply --validate=strict, does catch it).
//
//   node check-k8s-manifests.mjs MANIFESTS.yaml...
import { readFileSync } from 'node:fs';
import yaml from 'js-yaml';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node check-k8s-manifests.mjs MANIFESTS.yaml...');
  process.exit(2);
}

// Custom resources the chart may emit, by API group: the package that publishes their schema.
const customGroups = { 'monitoring.coreos.com': '@kubernetes-models/prometheus-operator' };

async function modelOf(apiVersion, kind) {
  const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
  const module = customGroups[group] ? `${customGroups[group]}/${apiVersion}/${kind}` : `kubernetes-models/${apiVersion}/${kind}`;
  try {
    return (await import(module))[kind];
  } catch {
    return undefined;
  }
}

let failures = 0;
let checked = 0;
for (const file of files) {
  const docs = yaml.loadAll(readFileSync(file, 'utf8')).filter(d => d != null);
  for (const doc of docs) {
    const where = `${file}: ${doc.kind ?? '?'} ${doc.metadata?.name ?? '?'}`;
    checked++;
    const Model = doc.apiVersion && doc.kind ? await modelOf(doc.apiVersion, doc.kind) : undefined;
    if (!Model) {
      console.error(`  FAIL ${where}: no schema for ${doc.apiVersion} ${doc.kind}`);
      failures++;
      continue;
    }
    try {
      new Model(doc).validate();
      console.log(`  ok   ${where} (${doc.apiVersion})`);
    } catch (error) {
      const details = error.errors?.map(e => `${e.instancePath || '/'} ${e.message}${e.params?.additionalProperty ? ` '${e.params.additionalProperty}'` : ''}`) ?? [String(error)];
      console.error(`  FAIL ${where}:\n      ${details.join('\n      ')}`);
      failures++;
    }
  }
}
console.log(`kubernetes schemas: ${checked - failures} of ${checked} manifests valid in ${files.join(', ')}`);
process.exit(failures === 0 && checked > 0 ? 0 : 1);
