import { isoMillis, type Prng } from './prng.js';
import type { VerifikSeed, VerifikSeedPerson } from './types.js';

/** The one client account every emulated token belongs to (the id from the docs' examples). */
export const CLIENT_ID = '6158e492dd0767a2b8b3f829';
const OBJECT_ID = /^[0-9a-f]{24}$/;

export interface VerifikCollection {
  _id: string;
  code: string;
  name: string;
  description: string;
  project?: string;
  client: string;
  deleted: false;
  createdAt: string;
  updatedAt: string;
  __v: 0;
}

export interface DateOfBirth {
  year: number;
  month: number;
  day: number;
}

export interface VerifikPerson {
  _id: string;
  name: string;
  gender?: 'M' | 'F';
  date_of_birth?: DateOfBirth;
  nationality?: string;
  notes?: string;
  /** Collection `_id`s; `code`s given by callers are resolved on the way in. */
  collections: string[];
  client: string;
  status: 'active';
  thumbnails: Array<{ id: string; thumbnail: string }>;
  createdAt: string;
  updatedAt: string;
}

export type PersonFields = Partial<Pick<VerifikPerson, 'name' | 'gender' | 'date_of_birth' | 'nationality' | 'notes' | 'collections'>> & {
  images?: string[];
};

/** `YYYY-MM-DD` with a real calendar date, else undefined. */
export function parseDateOfBirth(value: string): DateOfBirth | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (match === null) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return { year, month, day };
}

export function sameDateOfBirth(a: DateOfBirth | undefined, b: DateOfBirth | undefined): boolean {
  return a?.year === b?.year && a?.month === b?.month && a?.day === b?.day;
}

function byCreation<T extends { createdAt: string; _id: string }>(a: T, b: T): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1;
  return a._id < b._id ? -1 : a._id > b._id ? 1 : 0;
}

export class VerifikState {
  private readonly collections = new Map<string, VerifikCollection>();
  private readonly persons = new Map<string, VerifikPerson>();

  constructor(
    seed: VerifikSeed,
    private readonly now: () => number,
    private readonly prng: Prng,
  ) {
    if (seed === null || typeof seed !== 'object' || !Array.isArray(seed.collections) || !Array.isArray(seed.persons)) {
      throw new TypeError('Verifik seed must be { collections: [...], persons: [...] }');
    }
    for (const raw of seed.collections) {
      if (typeof raw?.name !== 'string' || raw.name === '') throw new TypeError('Verifik seed collection needs a name');
      if (raw._id !== undefined && (!OBJECT_ID.test(raw._id) || this.collections.has(raw._id))) {
        throw new TypeError(`invalid or duplicate Verifik collection _id: ${raw._id}`);
      }
      this.createCollection({ ...raw, createdAt: this.seedTime(raw.createdAt) });
    }
    for (const raw of seed.persons) this.seedPerson(raw);
  }

  private seedTime(value: string | undefined): string {
    const ms = value === undefined ? this.now() : Date.parse(value);
    if (Number.isNaN(ms)) throw new TypeError(`invalid seed timestamp: ${value}`);
    return isoMillis(ms);
  }

  private seedPerson(raw: VerifikSeedPerson): void {
    if (typeof raw?.name !== 'string' || raw.name === '') throw new TypeError('Verifik seed person needs a name');
    if (raw._id !== undefined && (!OBJECT_ID.test(raw._id) || this.persons.has(raw._id))) {
      throw new TypeError(`invalid or duplicate Verifik person _id: ${raw._id}`);
    }
    const collections = (raw.collections ?? []).map((ref) => {
      const found = this.findCollection(ref) ?? [...this.collections.values()].find((c) => c.name === ref);
      if (found === undefined) throw new TypeError(`Verifik seed person ${raw.name}: unknown collection ${ref}`);
      return found._id;
    });
    const dob = raw.date_of_birth === undefined ? undefined : parseDateOfBirth(raw.date_of_birth);
    if (raw.date_of_birth !== undefined && dob === undefined) throw new TypeError(`invalid date_of_birth for ${raw.name}`);
    this.createPerson(
      { name: raw.name, gender: raw.gender, date_of_birth: dob, nationality: raw.nationality, collections },
      raw._id,
      this.seedTime(raw.createdAt),
    );
  }

  private newObjectId(): string {
    let id = this.prng.hex(24);
    while (this.collections.has(id) || this.persons.has(id)) id = this.prng.hex(24);
    return id;
  }

  listCollections(): VerifikCollection[] {
    return [...this.collections.values()].sort(byCreation);
  }

  getCollection(id: string): VerifikCollection | undefined {
    return this.collections.get(id);
  }

  /** The docs leave open whether callers pass `_id` or `code`; both resolve. */
  findCollection(idOrCode: string): VerifikCollection | undefined {
    return this.collections.get(idOrCode) ?? [...this.collections.values()].find((c) => c.code === idOrCode);
  }

  createCollection(fields: {
    name: string;
    description?: string;
    project?: string;
    _id?: string;
    code?: string;
    createdAt?: string;
  }): VerifikCollection {
    const timestamp = fields.createdAt ?? isoMillis(this.now());
    const collection: VerifikCollection = {
      _id: fields._id ?? this.newObjectId(),
      code: fields.code ?? this.prng.uuid(),
      name: fields.name,
      description: fields.description ?? '',
      // Spread keeps the docs' key order and leaves `project` out when there is none.
      ...(fields.project !== undefined && { project: fields.project }),
      client: CLIENT_ID,
      deleted: false,
      createdAt: timestamp,
      updatedAt: timestamp,
      __v: 0,
    };
    this.collections.set(collection._id, collection);
    return collection;
  }

  touch(target: { updatedAt: string }): void {
    target.updatedAt = isoMillis(this.now());
  }

  /** Hard delete; persons stay but lose the link. Returns the document as it was. */
  deleteCollection(id: string): VerifikCollection | undefined {
    const collection = this.collections.get(id);
    if (collection === undefined) return undefined;
    const snapshot = { ...collection };
    this.collections.delete(id);
    for (const person of this.persons.values()) this.detach(person, id);
    return snapshot;
  }

  listPersons(filter: { collectionId?: string } = {}): VerifikPerson[] {
    const all = [...this.persons.values()].sort(byCreation);
    const { collectionId } = filter;
    return collectionId === undefined ? all : all.filter((p) => p.collections.includes(collectionId));
  }

  getPerson(id: string): VerifikPerson | undefined {
    return this.persons.get(id);
  }

  createPerson(fields: PersonFields & { name: string }, id?: string, at?: string): VerifikPerson {
    const timestamp = at ?? isoMillis(this.now());
    const person: VerifikPerson = {
      _id: id ?? this.newObjectId(),
      name: fields.name,
      collections: [],
      client: CLIENT_ID,
      status: 'active',
      thumbnails: [],
      createdAt: timestamp,
      updatedAt: timestamp,
    };
    this.persons.set(person._id, person);
    this.applyFields(person, { images: [this.prng.hex(32)], ...fields });
    person.updatedAt = timestamp;
    return person;
  }

  /** Partial update: only the given fields change; `collections` replaces the whole set. */
  applyFields(person: VerifikPerson, fields: PersonFields): void {
    if (fields.name !== undefined) person.name = fields.name;
    if (fields.gender !== undefined) person.gender = fields.gender;
    if (fields.date_of_birth !== undefined) person.date_of_birth = fields.date_of_birth;
    if (fields.nationality !== undefined) person.nationality = fields.nationality;
    if (fields.notes !== undefined) person.notes = fields.notes;
    if (fields.collections !== undefined) person.collections = [...new Set(fields.collections)];
    if (fields.images !== undefined) {
      // No face engine here: a thumbnail is a short, stable stand-in derived from the image.
      person.thumbnails = fields.images.map((image) => ({
        id: this.newObjectId(),
        thumbnail: Buffer.from(image.slice(0, 64)).toString('base64'),
      }));
    }
    this.touch(person);
  }

  deletePerson(id: string): boolean {
    return this.persons.delete(id);
  }

  detach(person: VerifikPerson, collectionId: string): void {
    if (!person.collections.includes(collectionId)) return;
    person.collections = person.collections.filter((c) => c !== collectionId);
    this.touch(person);
  }
}

/** Key order follows the docs' examples; absent optional fields are omitted, not null. */
export function serializePerson(
  person: VerifikPerson,
  populate?: (id: string) => VerifikCollection | undefined,
): Record<string, unknown> {
  const collections = populate
    ? person.collections.flatMap((id) => {
        const c = populate(id);
        return c === undefined ? [] : [{ _id: c._id, name: c.name, description: c.description, code: c.code }];
      })
    : [...person.collections];
  return {
    _id: person._id,
    name: person.name,
    ...(person.gender !== undefined && { gender: person.gender }),
    ...(person.date_of_birth !== undefined && { date_of_birth: { ...person.date_of_birth } }),
    ...(person.nationality !== undefined && { nationality: person.nationality }),
    collections,
    client: person.client,
    status: person.status,
    thumbnails: person.thumbnails.map((t) => ({ ...t })),
    ...(person.notes !== undefined && { notes: person.notes }),
    createdAt: person.createdAt,
    updatedAt: person.updatedAt,
  };
}
