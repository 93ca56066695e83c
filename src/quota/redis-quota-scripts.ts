import { createHash } from 'node:crypto';
import type { QuotaState } from './quota-model.js';

/**
 * The quota model (quota-model.ts) as Lua scripts, one per writing operation, so each runs
 * atomically inside Redis/Valkey for one key. They follow `reserveSlot`, `releaseSlot` and
 * `observeWindow` line by line; test/quota checks them against the TypeScript model on random
 * sequences. A snapshot is one HGETALL read through `snapshotOf` itself (one read is atomic).
 *
 * Numbers are doubles on both sides (Lua 5.1 and JavaScript), so the arithmetic agrees. They
 * cross the wire as text written with `%.17g`, which round-trips every double exactly: a number
 * returned from Lua as a number would be truncated to an integer by Redis, and Lua's own
 * tostring keeps only 14 digits.
 */

/** The model's scalar state fields, one hash field each. */
export const STATE_FIELDS = ['limit', 'used', 'resetAt', 'guessed', 'windowMs', 'exhausted'] as const;
/** Each lease is one more hash field: `lease:<id>` (or `carried:<id>`) → when it lapses. */
export const LEASE_FIELD_PREFIXES = { leases: 'lease:', carried: 'carried:' } as const;

// A field added to the model's state must be added here (and to the scripts): this stops compiling.
type Missing = Exclude<keyof QuotaState, (typeof STATE_FIELDS)[number] | keyof typeof LEASE_FIELD_PREFIXES>;
type Extra = Exclude<(typeof STATE_FIELDS)[number] | keyof typeof LEASE_FIELD_PREFIXES, keyof QuotaState>;
const stateFieldsMatchTheModel: [Missing, Extra] extends [never, never] ? true : never = true;
void stateFieldsMatchTheModel;

/**
 * Loads the hash at KEYS[1] into `s` (as the model's state); `save` writes back what changed, and
 * the expiry. Helpers mirror the model's: `live` = liveLeases, `rolled`, `inFlight`.
 */
const PRELUDE = `
local key = KEYS[1]
local LEASE = '${LEASE_FIELD_PREFIXES.leases}'
local CARRIED = '${LEASE_FIELD_PREFIXES.carried}'
local function opt(v) if v == nil or v == '' then return nil end return tonumber(v) end
local raw = redis.call('HGETALL', key)
local s = { leases = {}, carried = {} }
-- Every field as read, so that save() writes only what changed.
local read = {}
for i = 1, #raw, 2 do
  local f, v = raw[i], tonumber(raw[i + 1])
  read[f] = v or false
  if string.sub(f, 1, #LEASE) == LEASE then s.leases[string.sub(f, #LEASE + 1)] = v
  elseif string.sub(f, 1, #CARRIED) == CARRIED then s.carried[string.sub(f, #CARRIED + 1)] = v
  else s[f] = v end
end
s.used = s.used or 0
local function live(leases, now)
  local out = {}
  for id, at in pairs(leases) do if at > now then out[id] = at end end
  return out
end
-- { ...carried, ...leases }
local function merged()
  local out = {}
  for id, at in pairs(s.carried) do out[id] = at end
  for id, at in pairs(s.leases) do out[id] = at end
  return out
end
-- Whether the state differs from the hash as read (a refusal that changed nothing writes nothing).
local dirty = false
local function rolled(now)
  if s.resetAt == nil or now < s.resetAt then return end
  dirty = true
  s.resetAt = nil
  s.guessed = nil
  s.exhausted = nil
  s.carried = live(merged(), now)
  s.leases = {}
  local n = 0
  for _ in pairs(s.carried) do n = n + 1 end
  s.used = n
end
local function inFlight(now)
  return next(live(merged(), now)) ~= nil
end
local function num(x) return string.format('%.17g', x) end
local function save(now, idleMs, maxHorizonMs)
  -- Only what changed is written (and formatted): the hash holds a field per attempt in flight.
  local keep, set = {}, {}
  local function put(f, v)
    keep[f] = true
    if read[f] ~= v then
      set[#set + 1] = f
      set[#set + 1] = num(v)
    end
  end
  for _, f in ipairs({${STATE_FIELDS.map((f) => `'${f}'`).join(', ')}}) do
    if s[f] ~= nil then put(f, s[f]) end
  end
  -- Kept while the window or a lease runs, then idleMs more: abandoned keys go away.
  local horizon = math.max(0, (s.resetAt or now) - now)
  for prefix, leases in pairs({ [LEASE] = s.leases, [CARRIED] = s.carried }) do
    for id, at in pairs(leases) do
      put(prefix .. id, at)
      if at - now > horizon then horizon = at - now end
    end
  end
  local gone = {}
  for f in pairs(read) do
    if not keep[f] then gone[#gone + 1] = f end
  end
  if #gone > 0 then redis.call('HDEL', key, unpack(gone)) end
  if #set > 0 then redis.call('HSET', key, unpack(set)) end
  redis.call('PEXPIRE', key, string.format('%.0f', math.ceil(math.min(horizon, maxHorizonMs) + idleMs)))
end
`;

/**
 * reserveSlot. ARGV: now, default limit ('' = none), default window ('' = none), POLL_MS,
 * idle expiry ms, longest horizon ms, '1' with a lease (else '0'), lease id, lease end.
 * Returns {1} when granted, {0, retryAt as text} when not.
 */
export const RESERVE_SCRIPT = lua(`${PRELUDE}
local now = tonumber(ARGV[1])
local defLimit = opt(ARGV[2])
local defWindow = opt(ARGV[3])
local poll = tonumber(ARGV[4])
local idleMs = tonumber(ARGV[5])
local maxHorizonMs = tonumber(ARGV[6])
rolled(now)
local limit = s.limit
if limit == nil then limit = defLimit end
local windowMs = s.windowMs
if windowMs == nil then windowMs = defWindow end
if s.exhausted == 1 or (limit ~= nil and s.used >= limit) then
  if s.resetAt == nil and windowMs ~= nil and not inFlight(now) then
    s.resetAt = now + windowMs
    s.guessed = 1
    dirty = true
  end
  if dirty then save(now, idleMs, maxHorizonMs) end
  -- A guessed end may be far too late: ask again soon (the model's comment says why).
  if s.resetAt == nil or s.guessed == 1 then return {0, num(math.min(s.resetAt or math.huge, now + poll))} end
  return {0, num(s.resetAt)}
end
if s.resetAt == nil and windowMs ~= nil and s.limit == nil and defLimit ~= nil and not inFlight(now) then
  s.resetAt = now + windowMs
  s.guessed = 1
end
if ARGV[7] == '1' then
  s.leases = live(s.leases, now)
  s.leases[ARGV[8]] = tonumber(ARGV[9])
end
s.used = s.used + 1
save(now, idleMs, maxHorizonMs)
return {1}
`);

/**
 * releaseSlot. ARGV: now, lease id, landed before ('1'/'0'), idle expiry ms, longest horizon ms.
 * A key never written stays unwritten.
 */
export const RELEASE_SCRIPT = lua(`${PRELUDE}
if #raw == 0 then return 0 end
local now = tonumber(ARGV[1])
local id = ARGV[2]
local wasCarried = s.carried[id] ~= nil
s.leases = live(s.leases, now)
s.carried = live(s.carried, now)
s.leases[id] = nil
s.carried[id] = nil
if wasCarried and ARGV[3] == '1' then s.used = math.max(0, s.used - 1) end
save(now, tonumber(ARGV[4]), tonumber(ARGV[5]))
return 1
`);

/**
 * observeWindow. ARGV: now, limit ('' = not said), remaining, resetAt, window ('' = not said),
 * idle expiry ms, longest horizon ms. From an answer about a window that is already over, only
 * the allowance is kept (nothing is written when it names none). Returns 1 when written.
 */
export const OBSERVE_SCRIPT = lua(`${PRELUDE}
local now = tonumber(ARGV[1])
local obsLimit = opt(ARGV[2])
local remaining = tonumber(ARGV[3])
local resetAt = tonumber(ARGV[4])
local obsWindow = opt(ARGV[5])
if not (resetAt > now) then
  if obsLimit == nil and obsWindow == nil then return 0 end
  if obsLimit ~= nil then s.limit = obsLimit end
  if obsWindow ~= nil then s.windowMs = obsWindow end
  save(now, tonumber(ARGV[6]), tonumber(ARGV[7]))
  return 1
end
rolled(now)
local limit = obsLimit
if limit == nil then limit = s.limit end
local seen = 0
if limit ~= nil then seen = math.max(0, limit - remaining) end
s.guessed = nil
if limit ~= nil then s.limit = limit end
if obsWindow ~= nil then s.windowMs = obsWindow end
s.resetAt = resetAt
s.used = math.max(s.used, seen)
if remaining == 0 then s.exhausted = 1 end
save(now, tonumber(ARGV[6]), tonumber(ARGV[7]))
return 1
`);

/** A script with its SHA-1, computed once: what EVALSHA names it by. */
export interface LuaScript {
  source: string;
  sha1: string;
}

function lua(source: string): LuaScript {
  return { source, sha1: createHash('sha1').update(source).digest('hex') };
}
