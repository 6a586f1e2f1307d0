/**
 * A small, valid config for tests. Each knob sits on its own line so tests can mutate one
 * line and assert the exact line and key path of the resulting error.
 */
export const VALID_CONFIG_TOML = `#:schema ./hunt.schema.json
version = 7

[season]
id = "test-season"
starts_at = 2026-01-01T00:00:00Z
ends_at = 2026-04-01T00:00:00Z

[spawn]
base_density_per_km2_s = 0.5
treasure_ttl_s = 300
throttle_cap_per_s = 100

[claim]
radius_m = 25
max_speed_mps = 30

[multiplier]
step = 0.5
max = 4.0
decay_s = 10

[rate_limits]
claims_per_minute = 60
reads_per_second = 50

[limits]
max_rate_change_ratio = 2.0
ramp_per_minute = 1.5
max_step_ratio_per_minute = 1.5

[[regions]]
id = "north"
name = "North"
polygon = [
  { lat = 10.0, lng = 20.0 },
  { lat = 10.0, lng = 20.02 },
  { lat = 10.02, lng = 20.02 },
  { lat = 10.02, lng = 20.0 },
  { lat = 10.0, lng = 20.0 },
]

[[regions]]
id = "south"
name = "South"
polygon = [
  { lat = -5.02, lng = -5.02 },
  { lat = -5.02, lng = -5.0 },
  { lat = -5.0, lng = -5.0 },
  { lat = -5.0, lng = -5.02 },
  { lat = -5.02, lng = -5.02 },
]

[[zones]]
id = "alpha"
name = "Alpha"
region = "north"
bounds = { min_lat = 10.0, min_lng = 20.0, max_lat = 10.02, max_lng = 20.02 }

[[zones]]
id = "beta"
name = "Beta"
region = "south"
modifiers = { spawn_rate = 2.0 }
bounds = { min_lat = -5.02, min_lng = -5.02, max_lat = -5.0, max_lng = -5.0 }

[tiers.common]
weight = 80
loot = [
  { item = "coin", weight = 3, value = 5 },
  { item = "map", weight = 1, value = 9 },
]

[tiers.rare]
weight = 20
loot = [{ item = "crown", weight = 1, value = 100 }]
`;
