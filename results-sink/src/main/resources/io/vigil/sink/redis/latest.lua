-- Stores an anomaly as its series' latest unless a newer one is already stored.
-- KEYS[1] latest anomaly of the series (JSON string)
-- KEYS[2] index hash: series key -> order token of the stored latest anomaly
-- ARGV[1] series key, ARGV[2] order token (event time, then id; byte-wise sortable), ARGV[3] JSON
-- Returns 1 if stored, 0 if the stored one is as new or newer (so re-deliveries change nothing).

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

local stored = redis.call('HGET', KEYS[2], ARGV[1])
if stored and not after(ARGV[2], stored) then
  return 0
end
redis.call('SET', KEYS[1], ARGV[3])
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
return 1
