-- Adds one score to a series' bounded window, once per event time: a redelivered score (or another
-- with the same event time) replaces the one stored, so the window never holds a point twice.
-- KEYS[1] the series' window (sorted set, member = score JSON, score = event time in epoch ms)
-- ARGV[1] event time (epoch ms), ARGV[2] score JSON, ARGV[3] points kept, ARGV[4] idle TTL (ms)
redis.call('ZREMRANGEBYSCORE', KEYS[1], ARGV[1], ARGV[1])
redis.call('ZADD', KEYS[1], ARGV[1], ARGV[2])
-- Oldest event times go first.
redis.call('ZREMRANGEBYRANK', KEYS[1], 0, -(tonumber(ARGV[3]) + 1))
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return 1
