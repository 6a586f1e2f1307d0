/**
 * `npm run rollback -- <config version> [--env prod|staging] [--apply]`: points the overlay
 * (default prod) at the images of an earlier release from deploy/releases.json. A dry run by
 * default: it prints what would change. With --apply it writes the overlay; then
 * `kubectl apply -k` deploys it (deploy/README.md, "Roll back").
 */
import { runCommand, UsageError } from '../cli/usage';
import { REPO_ROOT } from './identity';
import { ENVIRONMENTS } from './overlay-images';
import { planRollback } from './rollback-plan';

const spec = {
  name: 'rollback',
  usage: ['npm run rollback -- <config version> [--env prod|staging] [--apply]'],
  description: `Points the overlay deploy/k8s/overlays/<env> at the images of the latest release recorded
in deploy/releases.json with that config version; nothing is rebuilt. A dry run by default: it
prints each app's current and rolled-back tag. With --apply it writes the overlay and prints
the kubectl commands that deploy it (deploy/README.md, "Roll back").`,
  sections: { Arguments: '  <config version>  the config version of an earlier release (an integer >= 1)' },
  allowPositionals: true,
  options: {
    env: { type: 'string', default: 'prod', value: `<${ENVIRONMENTS.join('|')}>`, description: 'overlay to roll back' },
    apply: { type: 'boolean', default: false, description: "write the overlay's kustomization.yaml" },
  },
  environment: {},
  exitCodes: {
    0: 'printed the plan (and, with --apply, wrote the overlay)',
    1: 'no release with that config version, or the overlay cannot be read or written',
  },
} as const;

await runCommand(spec, ({ values, positionals }) => {
  if (positionals.length !== 1) throw new UsageError(`expected one config version, got ${positionals.length}`);
  const version = Number(positionals[0]);
  if (!Number.isInteger(version) || version < 1) {
    throw new UsageError(`the config version must be an integer >= 1, got '${positionals[0]}'`);
  }
  if (!(ENVIRONMENTS as readonly string[]).includes(values.env)) {
    throw new UsageError(`--env must be one of ${ENVIRONMENTS.join(', ')}, got '${values.env}'`);
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
