/**
 * One turn, atomically, on Redis's clock (so instances with skewed clocks agree):
 * pauses, then the chat's sliding window, then the global one. Returns {1, now} when granted,
 * {0, waitMs, scope} otherwise (scope 1 = everyone behind waits too, 0 = only this chat).
 * KEYS: global, chat, pauseAll, pausePush, pauseChat, replyWaiting
 * ARGV: rate (0 = unlimited), chatMax, chatWindowMs, priority, member
 */
export const TAKE_TURN = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local function left(k)
  local v = redis.call('PTTL', k)
  if v > 0 then return v end
  return 0
end
local push = ARGV[4] == 'push'
local wait = left(KEYS[3])
if push then
  wait = math.max(wait, left(KEYS[4]), left(KEYS[6]))
end
if wait > 0 then return {0, wait, 1} end
local chatMax = tonumber(ARGV[2])
local chatWin = tonumber(ARGV[3])
local cw = left(KEYS[5])
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - chatWin)
local cn = redis.call('ZCARD', KEYS[2])
if cn >= chatMax then
  local edge = redis.call('ZRANGE', KEYS[2], cn - chatMax, cn - chatMax, 'WITHSCORES')
  cw = math.max(cw, tonumber(edge[2]) + chatWin - now + 1)
end
if cw > 0 then return {0, cw, 0} end
local rate = tonumber(ARGV[1])
if rate > 0 then
  redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - 1000)
  local gn = redis.call('ZCARD', KEYS[1])
  if gn >= rate then
    local edge = redis.call('ZRANGE', KEYS[1], gn - rate, gn - rate, 'WITHSCORES')
    local gw = tonumber(edge[2]) + 1000 - now + 1
    if not push then redis.call('SET', KEYS[6], '1', 'PX', math.max(gw, 50)) end
    return {0, gw, 1}
  end
  redis.call('ZADD', KEYS[1], now, ARGV[5])
  redis.call('PEXPIRE', KEYS[1], 2000)
end
redis.call('ZADD', KEYS[2], now, ARGV[5])
redis.call('PEXPIRE', KEYS[2], chatWin + 1000)
return {1, now, 0}
`;

/** Extends each key's pause to ARGV[1] ms unless it already runs longer. */
export const PAUSE = `
local ms = tonumber(ARGV[1])
for _, k in ipairs(KEYS) do
  if redis.call('PTTL', k) < ms then redis.call('SET', k, '1', 'PX', ms) end
end
return 1
`;
