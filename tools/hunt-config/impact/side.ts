import { worldOf, type HuntConfig } from '@hunt/config-schema';
import type { Side } from './guardrails';
import { kafkaLoad, type KafkaLoad } from './kafka-load';
import { profileSeason } from './season-profile';

/** The world's size as the report shows it: counts, never cells one by one. */
export interface WorldSummary {
  readonly regions: number;
  /** Named zones; each region's remainder is counted in `zones` of the profile, not here. */
  readonly namedZones: number;
  readonly cells: number;
  readonly areaKm2: number;
  readonly shards: number;
}

/** One config of a diff, with everything the report and the guardrails read. */
export interface ReportSide extends Side {
  readonly label: string;
  readonly world: WorldSummary;
  readonly kafka: KafkaLoad;
}

export function describeSide(config: HuntConfig, label: string): ReportSide {
  const profile = profileSeason(config);
  const world = worldOf(config);
  return {
    label,
    config,
    profile,
    world: {
      regions: world.regions.length,
      namedZones: world.zones.filter((z) => !z.remainder).length,
      cells: world.cellCount,
      areaKm2: world.areaKm2,
      shards: world.shards.length,
    },
    kafka: kafkaLoad(config, profile),
  };
}

/** Ids on one side only, in each side's order. */
export interface AreaChanges {
  readonly zonesAdded: readonly string[];
  readonly zonesRemoved: readonly string[];
  readonly regionsAdded: readonly string[];
  readonly regionsRemoved: readonly string[];
}

export function areaChanges(base: Side, next: Side): AreaChanges {
  const onlyIn = (a: readonly { id: string }[], b: readonly { id: string }[]) =>
    a.filter((x) => !b.some((y) => y.id === x.id)).map((x) => x.id);
  const [bz, nz] = [base.profile.zones, next.profile.zones];
  const [br, nr] = [base.profile.regions, next.profile.regions];
  return {
    zonesAdded: onlyIn(nz, bz),
    zonesRemoved: onlyIn(bz, nz),
    regionsAdded: onlyIn(nr, br),
    regionsRemoved: onlyIn(br, nr),
  };
}
