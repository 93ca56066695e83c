import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { CollectionError, isCollectionError } from '../../src/errors.js';
import { encodePath } from '../../src/http/request-spec.js';
import {
  MAX_ID_LENGTH, MAX_IDS_PER_CALL, validateCallOptions, validateId, validateIdList,
} from '../../src/validation/input.js';

// Figure 8: bad input is INVALID_INPUT before any request, and any accepted id is exactly one
// percent-encoded path segment.
function invalidInput(run: () => unknown): CollectionError {
  try {
    run();
  } catch (error) {
    expect(isCollectionError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'INVALID_INPUT', provider: 'test', retryable: false });
    return error as CollectionError;
  }
  throw new Error('expected INVALID_INPUT, but the value was accepted');
}

describe('validateId rejects', () => {
  it.each([
    ['empty', ''],
    ['over-long', 'x'.repeat(MAX_ID_LENGTH + 1)],
    ['a NUL', 'a\u0000b'],
    ['a newline', 'a\nb'],
    ['a tab', 'a\tb'],
    ['DEL', 'a\u007fb'],
    ['a C1 control (NEL)', 'a\u0085b'],
    ['"../"', '../etc'],
    ['"a/b"', 'a/b'],
    ['a trailing "/"', 'abc/'],
    ['a backslash', 'a\\b'],
    ['"."', '.'],
    ['".."', '..'],
    ['leading whitespace', ' abc'],
    ['trailing whitespace', 'abc '],
    ['a lone high surrogate', 'a\uD800b'],
    ['a lone low surrogate', '\uDC00'],
    ['a number', 42],
    ['null', null],
    ['undefined', undefined],
    ['an object', { id: 'a' }],
    ['an array', ['a']],
  ])('%s', (_label, value) => {
    invalidInput(() => validateId('test', value, 'collectionId'));
  });

  it('names the field and never echoes control characters into the message', () => {
    const error = invalidInput(() => validateId('test', 'a\nb\r\u0000c/', 'collectionId'));
    expect(error.message).toContain('collectionId');
    expect(error.message).not.toMatch(/[\u0000-\u001f]/);
  });
});

describe('validateId accepts', () => {
  it.each(['default', 'papers-2025', 'a b', 'ünïcødé', '😀', 'x'.repeat(MAX_ID_LENGTH), '%2F', '...', '?q=1', '#frag', 'a.b'])('%s', (id) => {
    expect(validateId('test', id, 'id')).toBe(id);
  });
});

describe('validateIdList', () => {
  it.each([
    ['a string', 'a,b'],
    ['null', null],
    ['an object', { 0: 'a', length: 1 }],
    ['a Set', new Set(['a'])],
  ])('rejects a non-array: %s', (_label, value) => {
    invalidInput(() => validateIdList('test', value, 'itemIds'));
  });

  it('rejects an oversize list', () => {
    const error = invalidInput(() => validateIdList('test', Array(MAX_IDS_PER_CALL + 1).fill('a'), 'itemIds'));
    expect(error.message).toContain(String(MAX_IDS_PER_CALL));
  });

  it('rejects a list with one bad id and says which', () => {
    const error = invalidInput(() => validateIdList('test', ['ok', 'fine', '../x'], 'itemIds'));
    expect(error.message).toContain('itemIds[2]');
  });

  it('removes duplicates, first occurrence wins, order kept; empty list is fine', () => {
    expect(validateIdList('test', ['b', 'a', 'b', 'c', 'a'], 'ids')).toEqual(['b', 'a', 'c']);
    expect(validateIdList('test', [], 'ids')).toEqual([]);
  });
});

describe('validateCallOptions', () => {
  it.each([
    ['a non-object', 'fast'],
    ['a fake signal', { signal: { aborted: false } }],
    ['timeoutMs 0', { timeoutMs: 0 }],
    ['timeoutMs negative', { timeoutMs: -1 }],
    ['timeoutMs NaN', { timeoutMs: Number.NaN }],
    ['timeoutMs Infinity', { timeoutMs: Number.POSITIVE_INFINITY }],
    ['timeoutMs beyond a timer', { timeoutMs: 2 ** 31 }],
    ['pageSize 1.5', { pageSize: 1.5 }],
    ['onProgress not a function', { onProgress: 'log' }],
    ['reason too long', { reason: 'r'.repeat(1001) }],
  ])('rejects %s', (_label, options) => {
    invalidInput(() => validateCallOptions('test', options as never));
  });

  it('accepts real signals of every kind, and undefined', () => {
    expect(validateCallOptions('test', undefined)).toEqual({});
    for (const signal of [new AbortController().signal, AbortSignal.timeout(1_000), AbortSignal.any([])]) {
      expect(validateCallOptions('test', { signal, timeoutMs: 500 }).signal).toBe(signal);
    }
  });
});

describe('fuzz: ids and path segments (≥ 1000 runs each)', () => {
  const tricky = fc.constantFrom('.', '..', '/', '\\', '%', '%2F', '?', '#', ' ', '\u0000', '\u0085', '\uD800', '\uDC00', '😀', 'a', 'Z', '~', '&', '=', '+', ';', '@');
  const ids = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 300 }),
    fc.string({ unit: tricky, maxLength: 12 }),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }),
  );

  it('an accepted id is exactly one percent-encoded segment that decodes back to it', () => {
    let accepted = 0;
    fc.assert(fc.property(ids, (id) => {
      let valid: string;
      try {
        valid = validateId('test', id, 'id');
      } catch (error) {
        return isCollectionError(error) && error.code === 'INVALID_INPUT';
      }
      accepted += 1;
      const path = encodePath`/v1/media/collections/${valid}/items`;
      const segment = path.slice('/v1/media/collections/'.length, -'/items'.length);
      expect(segment).not.toMatch(/[/?#\\]/);
      expect(decodeURIComponent(segment)).toBe(id);
      // And the URL parser agrees: no extra segment, no query, no fragment, no dot-segment folding.
      const url = new URL(path, 'https://api.example.test');
      expect(url.search).toBe('');
      expect(url.hash).toBe('');
      const segments = url.pathname.split('/');
      expect(segments).toHaveLength(6);
      expect(decodeURIComponent(segments[4]!)).toBe(id);
      return true;
    }), { numRuns: 2000 });
    expect(accepted).toBeGreaterThan(500);
  });

  it('validation of anything throws nothing but INVALID_INPUT', () => {
    fc.assert(fc.property(fc.anything(), (value) => {
      try {
        expect(validateId('test', value, 'id')).toBe(value);
        return true;
      } catch (error) {
        return isCollectionError(error) && error.code === 'INVALID_INPUT';
      }
    }), { numRuns: 1000 });
  });

  it('a list is either fully valid and deduplicated, or INVALID_INPUT', () => {
    fc.assert(fc.property(fc.array(fc.oneof(ids, fc.anything()), { maxLength: 20 }), (list) => {
      try {
        const valid = validateIdList('test', list, 'ids');
        expect(valid).toEqual([...new Set(list)]);
        return true;
      } catch (error) {
        return isCollectionError(error) && error.code === 'INVALID_INPUT';
      }
    }), { numRuns: 1000 });
  });
});
