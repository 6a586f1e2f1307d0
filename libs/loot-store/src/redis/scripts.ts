/**
 * Lua scripts of the Redis store. Each runs atomically. Numbers cross as decimal strings;
 * fractional results return as %.17g strings because Redis truncates Lua numbers to integers.
 */

/**
 * KEYS: treasure. ARGV: lat lng exp now retainMs item value doc. The record's TTL (retainMs past
 * its expiry) is all the clean-up a treasure needs: the claim's HSET keeps it.
 */
export const MATERIALISE = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 'duplicate' end
local exp = tonumber(ARGV[3])
if exp <= tonumber(ARGV[4]) then return 'expired' end
redis.call('HSET', KEYS[1], 'lat', ARGV[1], 'lng', ARGV[2], 'exp', ARGV[3], 'item', ARGV[6], 'value', ARGV[7], 'doc', ARGV[8])
redis.call('PEXPIREAT', KEYS[1], exp + tonumber(ARGV[5]))
return 'created'
`;

/** Lua helpers of both claim forms: distance (haversine, as libs/loot-core geo.ts) and %.17g. */
const GEO = `
local R = 6371008.8
local function rad(d) return d * math.pi / 180 end
local function dist(a1, o1, a2, o2)
  local h = math.sin(rad(a2 - a1) / 2) ^ 2 + math.cos(rad(a1)) * math.cos(rad(a2)) * math.sin(rad(o2 - o1) / 2) ^ 2
  return 2 * R * math.asin(math.min(1, math.sqrt(h)))
end
local fmt = function(x) return string.format('%.17g', x) end
`;

/**
 * The checks of a live treasure and the price of a win, shared by both claim forms. Expects
 * locals: t (the treasure's HMGET: lat lng exp item value doc claimed_by ...), s (the player's
 * HMGET: lat lng at mult mult_at), player, now, lat, lng, radius, maxSpeed, step, max, decayS.
 * Returns early with a rejection; leaves applied, points, nextMult.
 */
const DECIDE = `
if not t[1] then return {'rejected', 'not-found'} end
if t[7] then return {'rejected', 'already-claimed'} end
if now >= tonumber(t[3]) then return {'rejected', 'expired'} end
if dist(lat, lng, tonumber(t[1]), tonumber(t[2])) > radius then return {'rejected', 'too-far'} end
if s[3] then
  local moved = dist(tonumber(s[1]), tonumber(s[2]), lat, lng)
  if moved > maxSpeed * math.max(0, now - tonumber(s[3])) / 1000 + radius then
    return {'rejected', 'implausible-movement'}
  end
end
local mult, multAt = tonumber(s[4] or '1'), tonumber(s[5] or '0')
local left = math.max(0, 1 - math.max(0, now - multAt) / (decayS * 1000))
local applied = 1 + (mult - 1) * left
local points = math.floor(tonumber(t[5]) * applied + 0.5)
local nextMult = math.min(max, applied + step)
`;

/**
 * The loot-awarded event JSON, field for field as awardEvent() (award-event.ts): strings through
 * cjson.encode for escaping, numbers verbatim. Expects t, player, applied, points, and the
 * locals id, season, at (the claim's time as its decimal string).
 */
const EVENT = `
local d = cjson.decode(t[6])
local q = cjson.encode
local event = '{"treasure_id":' .. q(id) .. ',"zone_id":' .. q(d.zoneId) .. ',"player_id":' .. q(player)
  .. ',"season_id":' .. q(season) .. ',"tier":' .. q(d.loot.tier) .. ',"item":' .. q(t[4])
  .. ',"value":' .. t[5] .. ',"multiplier":' .. fmt(applied) .. ',"points":' .. tostring(points)
  .. ',"claimed_at":' .. at .. ',"loot_config_version":' .. tostring(d.loot.configVersion)
  .. ',"spawn_config_version":' .. tostring(d.configVersion) .. '}'
`;

/** ARGV of both claim forms, in this order, parsed into the locals DECIDE and EVENT expect. */
const CLAIM_ARGS = `
local player, at, now = ARGV[1], ARGV[2], tonumber(ARGV[2])
local lat, lng, radius = tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
local maxSpeed, limit, step, max, decayS = tonumber(ARGV[6]), tonumber(ARGV[7]), tonumber(ARGV[8]), tonumber(ARGV[9]), tonumber(ARGV[10])
local id, season, version = ARGV[11], ARGV[12], ARGV[13]
local t = redis.call('HMGET', KEYS[1], 'lat', 'lng', 'exp', 'item', 'value', 'doc', 'claimed_by', 'claim_mult', 'claim_points', 'claim_at', 'fx')
`;

/**
 * The claim on one Redis server: decideClaim (libs/loot-core/src/claim.ts) step for step, then
 * every effect of a win, the last of which appends the loot-awarded event to the bucket's outbox
 * (a replay returns before it, so an award is appended once). All in one atomic step.
 * KEYS: treasure playerState inventory rate leaderboard outbox.
 * ARGV: player now lat lng radiusM maxSpeedMps claimsPerMinute step max decayS id season configVersion.
 * Returns {'won', mult, points, claimedAt, replayed('1'|'0'), doc} or {'rejected', reason}.
 */
export const CLAIM = `${GEO}${CLAIM_ARGS}
if t[7] == player then return {'won', t[8], t[9], t[10], '1', t[6]} end
local attempts = redis.call('INCR', KEYS[4])
if attempts == 1 then redis.call('PEXPIRE', KEYS[4], 120000) end
if attempts > limit then return {'rejected', 'rate-limited'} end
local s = redis.call('HMGET', KEYS[2], 'lat', 'lng', 'at', 'mult', 'mult_at')
${DECIDE}${EVENT}
redis.call('HSET', KEYS[1], 'claimed_by', player, 'claim_mult', fmt(applied), 'claim_points', points, 'claim_at', at)
redis.call('HSET', KEYS[2], 'lat', ARGV[3], 'lng', ARGV[4], 'at', at, 'mult', fmt(nextMult), 'mult_at', at)
redis.call('HINCRBY', KEYS[2], 'finds', 1)
redis.call('HINCRBY', KEYS[3], t[4], 1)
redis.call('ZINCRBY', KEYS[5], points, player)
redis.call('XADD', KEYS[6], '*', 'shard', d.shardId, 'v', version, 'at', at, 'event', event)
return {'won', fmt(applied), tostring(points), at, '0', t[6]}
`;

/**
 * Cluster claim, step 1 of 3, in the player's slot: counts the attempt against the player's
 * rate limit and reads the player's last win and multiplier for step 2.
 * KEYS: rate playerState. ARGV: claimsPerMinute.
 * Returns false (nil) when rate-limited, else the player's HMGET lat lng at mult mult_at.
 */
export const CLAIM_GATE = `
local attempts = redis.call('INCR', KEYS[1])
if attempts == 1 then redis.call('PEXPIRE', KEYS[1], 120000) end
if attempts > tonumber(ARGV[1]) then return false end
return redis.call('HMGET', KEYS[2], 'lat', 'lng', 'at', 'mult', 'mult_at')
`;

/**
 * Cluster claim, step 2 of 3, in the treasure's slot: the decision. The checks of the one-step
 * CLAIM against the player state step 1 read, then the win (claimed_by, the award, and `fx`: the
 * player effects step 3 applies) and its event with `fx` appended to the bucket's outbox, so the
 * relay can complete the effects if this process dies before step 3.
 * KEYS: treasure outbox. ARGV: as CLAIM, then rateLimited('1'|'0'), then the player's
 * lat lng at mult mult_at from step 1 ('' for none).
 * Returns {'won', mult, points, claimedAt, replayed, doc, fx} or {'rejected', reason}; a
 * rate-limited attempt is answered only for its replay ('rate-limited' otherwise).
 */
export const CLAIM_DECIDE = `${GEO}${CLAIM_ARGS}
if t[7] == player then return {'won', t[8], t[9], t[10], '1', t[6], t[11]} end
if ARGV[14] == '1' then return {'rejected', 'rate-limited'} end
local s = {}
for i = 1, 5 do if ARGV[14 + i] ~= '' then s[i] = ARGV[14 + i] end end
${DECIDE}${EVENT}
local fx = cjson.encode({player, id, ARGV[3], ARGV[4], at, fmt(nextMult), t[4], tostring(points)})
redis.call('HSET', KEYS[1], 'claimed_by', player, 'claim_mult', fmt(applied), 'claim_points', points, 'claim_at', at, 'fx', fx)
redis.call('XADD', KEYS[2], '*', 'shard', d.shardId, 'v', version, 'at', at, 'event', event, 'fx', fx)
return {'won', fmt(applied), tostring(points), at, '0', t[6], fx}
`;

/**
 * Cluster claim, step 3 of 3, in the player's slot: a win's effects, once per treasure (the
 * applied set), so the claim, its replays and the relay may all run it. The last win's position
 * and multiplier are taken only from a win newer than the one they hold (effects may arrive out
 * of order). KEYS: applied playerState inventory. ARGV: fx (CLAIM_DECIDE), horizonMs.
 * Returns the player's season score after it (for the leaderboard's ZADD GT).
 */
export const CLAIM_EFFECTS = `
local fx = cjson.decode(ARGV[1])
local at = tonumber(fx[5])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', at - tonumber(ARGV[2]))
if redis.call('ZADD', KEYS[1], 'NX', fx[5], fx[2]) == 1 then
  redis.call('HINCRBY', KEYS[2], 'finds', 1)
  redis.call('HINCRBY', KEYS[2], 'score', fx[8])
  redis.call('HINCRBY', KEYS[3], fx[7], 1)
  local last = redis.call('HGET', KEYS[2], 'at')
  if not last or at >= tonumber(last) then
    redis.call('HSET', KEYS[2], 'lat', fx[3], 'lng', fx[4], 'at', fx[5], 'mult', fx[6], 'mult_at', fx[5])
  end
end
return redis.call('HGET', KEYS[2], 'score')
`;

/**
 * Outbox read for one consumer of the relay group on one bucket's stream (creating the group if
 * the stream or the group is new). KEYS: outbox. ARGV: group consumer limit reclaimIdleMs cursor.
 * In order: the consumer's own pending entries, entries idle in another consumer's pending list
 * for reclaimIdleMs (XAUTOCLAIM from cursor), new entries. Returns {nextCursor, length, id,
 * fields, ...}: the stream's length after the read, then entries with fields flattened as in the
 * stream; entries deleted under a pending id are acked and skipped.
 */
export const OUTBOX_READ = `
redis.pcall('XGROUP', 'CREATE', KEYS[1], ARGV[1], '0', 'MKSTREAM')
local limit = tonumber(ARGV[3])
local out = {ARGV[5], 0}
local function take(entries)
  for _, e in ipairs(entries) do
    if e[2] then
      table.insert(out, e[1])
      table.insert(out, e[2])
    else
      redis.call('XACK', KEYS[1], ARGV[1], e[1])
    end
  end
end
local function done() out[2] = redis.call('XLEN', KEYS[1]) return out end
local own = redis.call('XREADGROUP', 'GROUP', ARGV[1], ARGV[2], 'COUNT', limit, 'STREAMS', KEYS[1], '0')
if own and #own[1][2] > 0 then take(own[1][2]) return done() end
local claimed = redis.call('XAUTOCLAIM', KEYS[1], ARGV[1], ARGV[2], ARGV[4], ARGV[5], 'COUNT', limit)
out[1] = claimed[1]
take(claimed[2])
if #out > 2 then return done() end
local new = redis.call('XREADGROUP', 'GROUP', ARGV[1], ARGV[2], 'COUNT', limit, 'STREAMS', KEYS[1], '>')
if new then take(new[1][2]) end
return done()
`;

/** KEYS: outbox. ARGV: group id... Acks and deletes published entries in one step. */
export const OUTBOX_ACK = `
redis.call('XACK', KEYS[1], ARGV[1], unpack(ARGV, 2))
return redis.call('XDEL', KEYS[1], unpack(ARGV, 2))
`;
