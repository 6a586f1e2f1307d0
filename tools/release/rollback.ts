/**
 * `npm run rollback -- <config version> [--env prod|staging] [--apply]`: points the overlay
 * (default prod) at the images of an earlier release from deploy/releases.json. A dry run by
 * default: it prints what would change. With --apply it writes the overlay; then
 * `kubectl apply -k` deploys it (deploy/README.md, "Roll back").
 */
import { parseArgs } from 'node:util';
import { runCli } from './cli';
import { REPO_ROOT } from './identity';
import { planRollback } from './rollback-plan';

await runCli(() => {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { env: { type: 'string', default: 'prod' }, apply: { type: 'boolean', default: false } },
  });
  const version = Number(positionals[0]);
  if (!Number.isInteger(version) || version < 1) {
    throw new Error('usage: npm run rollback -- <config version> [--env prod|staging] [--apply]');
  }
  const plan = planRollback(REPO_ROOT, values.env, version, values.apply);
  for (const [app, [from, to]] of Object.entries(plan.changes)) console.log(`${app}: ${from} -> ${to}`);
  const dir = `deploy/k8s/overlays/${values.env}`;
  if (!values.apply) {
    console.log(`# dry run: rerun with --apply to write ${dir}/kustomization.yaml`);
    return;
  }
  console.log(`# wrote ${dir}/kustomization.yaml; now:`);
  console.log(`kubectl apply -k ${dir}`);
  for (const app of Object.keys(plan.changes)) {
    console.log(`kubectl -n hunt-${values.env} rollout status deployment/${app} --timeout=120s`);
  }
});
