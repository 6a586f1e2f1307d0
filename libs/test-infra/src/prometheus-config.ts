/** What the test Prometheus is told: its prometheus.yml and its file_sd targets file. Pure. */

/** One process to scrape. */
export interface ScrapeTarget {
  /** `host:port` serving the metrics, e.g. `127.0.0.1:9464`. */
  address: string;
  /**
   * Target labels, e.g. `{ hunt_service, pod, namespace }` as the Kubernetes scrape config
   * would set them. A label the process exports itself wins (honor_labels): the apps set
   * `hunt_service` on every metric.
   */
  labels?: Readonly<Record<string, string>>;
  /** Default `/metrics`. */
  metricsPath?: string;
}

export interface PrometheusConfigInput {
  /** Absolute paths of the rule files to evaluate. */
  ruleFiles: readonly string[];
  /** Absolute path of the file_sd JSON file. */
  targetsFile: string;
  /** The `job` label of every target that does not set its own. */
  job: string;
}

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/**
 * prometheus.yml: everything scraped and every rule evaluated each second, as the game day
 * watches it. Strings are JSON-quoted, which YAML reads as double-quoted scalars.
 */
export function prometheusYaml({ ruleFiles, targetsFile, job }: PrometheusConfigInput): string {
  const q = (s: string) => JSON.stringify(s);
  return [
    '# Written by libs/test-infra/src/prometheus.ts on every start; edits are lost.',
    'global:',
    '  scrape_interval: 1s',
    '  scrape_timeout: 1s',
    '  evaluation_interval: 1s',
    ruleFiles.length === 0 ? 'rule_files: []' : 'rule_files:',
    ...ruleFiles.map((f) => `  - ${q(f)}`),
    'scrape_configs:',
    `  - job_name: ${q(job)}`,
    '    honor_labels: true',
    '    file_sd_configs:',
    `      - files: [${q(targetsFile)}]`,
    // Prometheus also watches the file (inotify); the re-read is the fallback.
    '        refresh_interval: 5s',
    '',
  ].join('\n');
}

/**
 * The file_sd JSON for `targets`, one group per target so each keeps its own labels.
 * @throws TypeError naming every bad address, path or label name at once
 */
export function fileSdJson(targets: readonly ScrapeTarget[]): string {
  const problems: string[] = [];
  const groups = targets.map((t, i) => {
    const at = `target ${i} (${t.address})`;
    if (!/^[^\s/:]+:\d{1,5}$/.test(t.address)) problems.push(`${at}: address must be host:port`);
    for (const name of Object.keys(t.labels ?? {})) {
      if (!LABEL_NAME.test(name) || name.startsWith('__')) problems.push(`${at}: bad label name '${name}'`);
    }
    if (t.metricsPath !== undefined && !t.metricsPath.startsWith('/')) {
      problems.push(`${at}: metricsPath must start with '/'`);
    }
    const labels = { ...t.labels, ...(t.metricsPath !== undefined && { __metrics_path__: t.metricsPath }) };
    return { targets: [t.address], labels };
  });
  if (problems.length > 0) throw new TypeError(`bad scrape targets:\n  ${problems.join('\n  ')}`);
  return JSON.stringify(groups, null, 2) + '\n';
}
