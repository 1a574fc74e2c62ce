-- Applies one anomaly to the hot view, once: a redelivered anomaly changes nothing.
-- KEYS[1] marker of this anomaly id (SET NX with TTL: the guard of everything below)
-- KEYS[2] latest anomaly of the series (JSON string)
-- KEYS[3] index hash: series key -> order token of the stored latest anomaly
-- KEYS[4] recent list of the series, KEYS[5] recent list over all series
-- KEYS[6] counter of the anomaly's severity and event-time minute
-- ARGV[1] series key, ARGV[2] order token (event time, then id; byte-wise sortable), ARGV[3] JSON
-- ARGV[4] marker TTL (s), ARGV[5] recent per series, ARGV[6] recent overall, ARGV[7] counter TTL (s)
-- ARGV[8] pub/sub channel
-- Returns 1 if applied, 0 if this anomaly id was already applied.

-- Byte-wise: Lua's own string comparison follows the server's collation locale.
local function after(candidate, stored)
  local n = math.min(#candidate, #stored)
  for i = 1, n do
    local c, s = string.byte(candidate, i), string.byte(stored, i)
    if c ~= s then
      return c > s
    end
  end
  return #candidate > #stored
end

if not redis.call('SET', KEYS[1], '1', 'NX', 'EX', tonumber(ARGV[4])) then
  return 0
end
redis.call('LPUSH', KEYS[4], ARGV[3])
redis.call('LTRIM', KEYS[4], 0, tonumber(ARGV[5]) - 1)
redis.call('LPUSH', KEYS[5], ARGV[3])
redis.call('LTRIM', KEYS[5], 0, tonumber(ARGV[6]) - 1)
redis.call('INCR', KEYS[6])
redis.call('EXPIRE', KEYS[6], tonumber(ARGV[7]))
redis.call('PUBLISH', ARGV[8], ARGV[3])
-- Latest per series: only if later than the stored one, so delivery order does not matter.
local stored = redis.call('HGET', KEYS[3], ARGV[1])
if not stored or after(ARGV[2], stored) then
  redis.call('SET', KEYS[2], ARGV[3])
  redis.call('HSET', KEYS[3], ARGV[1], ARGV[2])
end
return 1
