/**
 * Tracks how long this process has known of a config version newer than its own. Services
 * learn of newer versions from the `config-version` stamps on what they receive (Kafka
 * headers, HTTP headers); during a rolling deploy the old pods' staleness then rises, which
 * is what the `config_staleness_seconds` alert watches.
 */
export interface ConfigStaleness {
  /** Reports a version seen on the wire. Unparseable or older stamps are ignored. */
  observeVersion(version: number | string | undefined): void;
  /** Seconds since a newer version was first seen; 0 when none has been. */
  stalenessSeconds(): number;
  /** The newest version seen so far (at least the process's own). */
  newestVersion(): number;
}

export function createConfigStaleness(ownVersion: number, nowMs: () => number = Date.now): ConfigStaleness {
  let newest = ownVersion;
  let firstNewerAtMs: number | undefined;
  return {
    observeVersion(version) {
      const v = typeof version === 'string' ? Number(version) : version;
      if (v === undefined || !Number.isSafeInteger(v) || v <= newest) return;
      newest = v;
      firstNewerAtMs ??= nowMs();
    },
    stalenessSeconds: () => (firstNewerAtMs === undefined ? 0 : Math.max(0, (nowMs() - firstNewerAtMs) / 1000)),
    newestVersion: () => newest,
  };
}
