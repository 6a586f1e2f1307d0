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

/**
 * The claim: decideClaim (libs/loot-core/src/claim.ts) step for step, then the effects of a win,
 * the last of which appends the loot-awarded event to the outbox stream (a replay returns before
 * it, so an award is appended once). The event JSON is built here, field for field as
 * awardEvent() (award-event.ts): strings through cjson.encode for escaping, numbers verbatim.
 * KEYS: treasure playerState inventory rate leaderboard outbox.
 * ARGV: player now lat lng radiusM maxSpeedMps claimsPerMinute step max decayS id season configVersion.
 * Returns {'won', mult, points, claimedAt, replayed('1'|'0'), doc} or {'rejected', reason}.
 */
export const CLAIM = `
local R = 6371008.8
local function rad(d) return d * math.pi / 180 end
local function dist(a1, o1, a2, o2)
  local h = math.sin(rad(a2 - a1) / 2) ^ 2 + math.cos(rad(a1)) * math.cos(rad(a2)) * math.sin(rad(o2 - o1) / 2) ^ 2
  return 2 * R * math.asin(math.min(1, math.sqrt(h)))
end
local fmt = function(x) return string.format('%.17g', x) end
local player, now = ARGV[1], tonumber(ARGV[2])
local lat, lng, radius = tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
local t = redis.call('HMGET', KEYS[1], 'lat', 'lng', 'exp', 'item', 'value', 'doc', 'claimed_by', 'claim_mult', 'claim_points', 'claim_at')
if t[7] == player then return {'won', t[8], t[9], t[10], '1', t[6]} end
local attempts = redis.call('INCR', KEYS[4])
if attempts == 1 then redis.call('PEXPIRE', KEYS[4], 120000) end
if attempts > tonumber(ARGV[7]) then return {'rejected', 'rate-limited'} end
if not t[1] then return {'rejected', 'not-found'} end
if t[7] then return {'rejected', 'already-claimed'} end
if now >= tonumber(t[3]) then return {'rejected', 'expired'} end
if dist(lat, lng, tonumber(t[1]), tonumber(t[2])) > radius then return {'rejected', 'too-far'} end
local s = redis.call('HMGET', KEYS[2], 'lat', 'lng', 'at', 'mult', 'mult_at')
if s[3] then
  local moved = dist(tonumber(s[1]), tonumber(s[2]), lat, lng)
  if moved > tonumber(ARGV[6]) * math.max(0, now - tonumber(s[3])) / 1000 + radius then
    return {'rejected', 'implausible-movement'}
  end
end
local mult, multAt = tonumber(s[4] or '1'), tonumber(s[5] or '0')
local left = math.max(0, 1 - math.max(0, now - multAt) / (tonumber(ARGV[10]) * 1000))
local applied = 1 + (mult - 1) * left
local points = math.floor(tonumber(t[5]) * applied + 0.5)
local nextMult = math.min(tonumber(ARGV[9]), applied + tonumber(ARGV[8]))
redis.call('HSET', KEYS[1], 'claimed_by', player, 'claim_mult', fmt(applied), 'claim_points', points, 'claim_at', ARGV[2])
redis.call('HSET', KEYS[2], 'lat', ARGV[3], 'lng', ARGV[4], 'at', ARGV[2], 'mult', fmt(nextMult), 'mult_at', ARGV[2])
redis.call('HINCRBY', KEYS[2], 'finds', 1)
redis.call('HINCRBY', KEYS[3], t[4], 1)
redis.call('ZINCRBY', KEYS[5], points, player)
local d = cjson.decode(t[6])
local q = cjson.encode
local event = '{"treasure_id":' .. q(ARGV[11]) .. ',"zone_id":' .. q(d.zoneId) .. ',"player_id":' .. q(player)
  .. ',"season_id":' .. q(ARGV[12]) .. ',"tier":' .. q(d.loot.tier) .. ',"item":' .. q(t[4])
  .. ',"value":' .. t[5] .. ',"multiplier":' .. fmt(applied) .. ',"points":' .. tostring(points)
  .. ',"claimed_at":' .. ARGV[2] .. ',"loot_config_version":' .. tostring(d.loot.configVersion)
  .. ',"spawn_config_version":' .. tostring(d.configVersion) .. '}'
redis.call('XADD', KEYS[6], '*', 'shard', d.shardId, 'v', ARGV[13], 'at', ARGV[2], 'event', event)
return {'won', fmt(applied), tostring(points), ARGV[2], '0', t[6]}
`;

/**
 * Outbox read for one consumer of the relay group (creating the group if the stream or the
 * group is new). KEYS: outbox. ARGV: group consumer limit reclaimIdleMs cursor.
 * In order: the consumer's own pending entries, entries idle in another consumer's pending list
 * for reclaimIdleMs (XAUTOCLAIM from cursor), new entries. Returns {nextCursor, id, fields, ...}
 * with fields flattened as in the stream; entries deleted under a pending id are acked and skipped.
 */
export const OUTBOX_READ = `
redis.pcall('XGROUP', 'CREATE', KEYS[1], ARGV[1], '0', 'MKSTREAM')
local limit = tonumber(ARGV[3])
local out = {ARGV[5]}
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
local own = redis.call('XREADGROUP', 'GROUP', ARGV[1], ARGV[2], 'COUNT', limit, 'STREAMS', KEYS[1], '0')
if own and #own[1][2] > 0 then take(own[1][2]) return out end
local claimed = redis.call('XAUTOCLAIM', KEYS[1], ARGV[1], ARGV[2], ARGV[4], ARGV[5], 'COUNT', limit)
out[1] = claimed[1]
take(claimed[2])
if #out > 1 then return out end
local new = redis.call('XREADGROUP', 'GROUP', ARGV[1], ARGV[2], 'COUNT', limit, 'STREAMS', KEYS[1], '>')
if new then take(new[1][2]) end
return out
`;

/** KEYS: outbox. ARGV: group id... Acks and deletes published entries in one step. */
export const OUTBOX_ACK = `
redis.call('XACK', KEYS[1], ARGV[1], unpack(ARGV, 2))
return redis.call('XDEL', KEYS[1], unpack(ARGV, 2))
`;
