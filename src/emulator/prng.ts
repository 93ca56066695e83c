const HEX_DIGITS = '0123456789abcdef';
// Bound once: inside a test runner's sandbox every `Math.x` is a slow global lookup, and a
// million-item seed draws tens of millions of numbers.
const { floor, imul } = Math;

/**
 * A small seeded PRNG (32-bit state, "mulberry32" mixing). Everything the emulators invent
 * (ids, request ids, demo data) comes from one of these, so two runs produce identical bytes.
 */
export class Prng {
  private state: number;

  constructor(seed: string) {
    // FNV-1a turns a readable seed name into the initial state.
    let hash = 0x811c9dc5;
    for (let i = 0; i < seed.length; i += 1) {
      hash ^= seed.charCodeAt(i);
      hash = imul(hash, 0x01000193);
    }
    this.state = hash >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = imul(t ^ (t >>> 15), t | 1);
    t ^= t + imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(values: readonly T[]): T {
    const value = values[floor(this.next() * values.length)];
    if (value === undefined) throw new RangeError('pick from an empty list');
    return value;
  }

  hex(length: number): string {
    // One join instead of a string per digit: seeding a million items draws 24 million digits.
    const digits = new Array<string>(length);
    for (let i = 0; i < length; i += 1) digits[i] = HEX_DIGITS[floor(this.next() * 16)] as string;
    return digits.join('');
  }

  /** RFC 4122 version-4 layout. */
  uuid(): string {
    const variant = (8 + floor(this.next() * 4)).toString(16);
    return `${this.hex(8)}-${this.hex(4)}-4${this.hex(3)}-${variant}${this.hex(3)}-${this.hex(12)}`;
  }
}

/** ISO-8601 UTC without milliseconds, the Wickson timestamp format. */
export function isoSeconds(ms: number): string {
  return new Date(floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** ISO-8601 UTC with milliseconds, the Verifik (Mongo) timestamp format. */
export function isoMillis(ms: number): string {
  return new Date(ms).toISOString();
}
