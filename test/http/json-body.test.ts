import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { parseJson } from '../../src/http/json-body.js';

// Issue #8 item 2: plain JSON.parse speed, with `__proto__` keys still dropped (whatever the
// spelling), and deep but valid JSON never failing.

function withoutProto(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutProto);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => key !== '__proto__').map(([key, inner]) => [key, withoutProto(inner)]));
}

describe('parseJson', () => {
  it('equals JSON.parse minus __proto__ keys for any JSON text (property)', () => {
    fc.assert(fc.property(fc.jsonValue(), fc.boolean(), (value, pollute) => {
      const text = pollute
        ? JSON.stringify({ wrapper: value, __proto__: { polluted: true } }).replace('"wrapper"', '"__proto__":{"polluted":true},"wrapper"')
        : JSON.stringify(value);
      const parsed = parseJson(text);
      expect(parsed.ok).toBe(true);
      if (parsed.ok) expect(parsed.value).toEqual(withoutProto(JSON.parse(text)));
    }), { numRuns: 1000 });
  });

  it.each([
    ['spelled out', '{"a":{"__proto__":{"polluted":true},"b":1}}'],
    ['behind \\u escapes', '{"a":{"\\u005f\\u005fproto\\u005f\\u005f":{"polluted":true},"b":1}}'],
    ['one escaped character', '{"a":[{"__prot\\u006f__":{"polluted":true},"b":1}]}'],
  ])('drops a __proto__ key %s, at any depth', (_label, text) => {
    const parsed = parseJson(text);
    expect(parsed.ok).toBe(true);
    const flat = JSON.stringify(parsed.ok ? parsed.value : null);
    expect(flat).not.toContain('polluted');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([1_000, 100_000])('parses valid JSON nested %i deep, with and without a __proto__ key inside', (depth) => {
    for (const inner of ['1', '{"__proto__":{"x":1},"y":2}']) {
      const text = '['.repeat(depth) + inner + ']'.repeat(depth);
      const parsed = parseJson(text);
      expect(parsed.ok).toBe(true);
      let node = parsed.ok ? parsed.value : undefined;
      for (let i = 0; i < depth; i += 1) node = (node as unknown[])[0];
      expect(node).toEqual(inner === '1' ? 1 : { y: 2 });
    }
  });

  it('refuses what is not JSON', () => {
    for (const text of ['', '  ', '{', '<html>', '{"a":1}x', 'undefined']) expect(parseJson(text).ok).toBe(false);
  });
});
