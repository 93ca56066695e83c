import { isoMillis, type Prng } from '../prng.js';
import type { VerifikSeed, VerifikSeedPerson } from './verifik-seed.js';
import { parseDateOfBirth, type PersonFields, type VerifikCollection, type VerifikPerson } from './verifik-model.js';
import { PersonIndex, byCreation } from './verifik-person-index.js';

export { parseDateOfBirth, serializePerson } from './verifik-model.js';
export type { DateOfBirth, PersonFields, VerifikCollection, VerifikPerson } from './verifik-model.js';

/** The one client account every emulated token belongs to (the id from the docs' examples). */
export const CLIENT_ID = '6158e492dd0767a2b8b3f829';
const OBJECT_ID = /^[0-9a-f]{24}$/;

/**
 * The collections and persons of the one account the emulator stands for. Every change to a
 * person goes through here, so the person index (listing order, members per collection,
 * name + date of birth) always matches the documents.
 */
export class VerifikState {
  private readonly collections = new Map<string, VerifikCollection>();
  /** code → `_id`; the first collection seeded with a code keeps it, as a linear search would. */
  private readonly codes = new Map<string, string>();
  private readonly persons = new Map<string, VerifikPerson>();
  private readonly index: PersonIndex<VerifikPerson>;

  constructor(
    seed: VerifikSeed,
    private readonly now: () => number,
    private readonly prng: Prng,
    indexOptions: { maxChunk?: number } = {},
  ) {
    this.index = new PersonIndex(indexOptions.maxChunk);
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

  /** Index work done so far (see WorkMeter); tests read it to bound the cost of a request. */
  get workSteps(): number {
    return this.index.meter.steps;
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
      const found = this.findCollection(ref) ?? this.findCollectionByName(ref);
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

  private findCollectionByName(name: string): VerifikCollection | undefined {
    for (const collection of this.collections.values()) if (collection.name === name) return collection;
    return undefined;
  }

  private newObjectId(): string {
    let id = this.prng.hex(24);
    while (this.collections.has(id) || this.persons.has(id)) id = this.prng.hex(24);
    return id;
  }

  /** Sorted per call: collections are few, and the endpoint returns them all anyway. */
  listCollections(): VerifikCollection[] {
    return [...this.collections.values()].sort(byCreation);
  }

  getCollection(id: string): VerifikCollection | undefined {
    return this.collections.get(id);
  }

  /** The docs leave open whether callers pass `_id` or `code`; both resolve. */
  findCollection(idOrCode: string): VerifikCollection | undefined {
    return this.collections.get(idOrCode) ?? this.collections.get(this.codes.get(idOrCode) ?? '');
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
    if (!this.codes.has(collection.code)) this.codes.set(collection.code, collection._id);
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
    if (this.codes.get(collection.code) === id) {
      this.codes.delete(collection.code);
      // A seed may reuse a code; the next holder in seeding order takes it over (rare, so a scan).
      for (const other of this.collections.values()) {
        if (other.code === collection.code) {
          this.codes.set(other.code, other._id);
          break;
        }
      }
    }
    for (const person of this.index.members(id)) this.detach(person, id);
    return snapshot;
  }

  /** One page of persons in listing order, over everyone or one collection's members. */
  pagePersons(collectionId: string | undefined, start: number, count: number): { items: VerifikPerson[]; total: number } {
    return this.index.page(collectionId, start, count);
  }

  members(collectionId: string): VerifikPerson[] {
    return this.index.members(collectionId);
  }

  /** The earliest person sharing name and date of birth with `fields` in one of `collections`. */
  findDuplicate(fields: Pick<VerifikPerson, 'name' | 'date_of_birth'>, collections: readonly string[]): VerifikPerson | undefined {
    return this.index.findDuplicate(fields, collections);
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
    this.index.add(person);
    this.applyFields(person, { images: [this.prng.hex(32)], ...fields });
    person.updatedAt = timestamp;
    return person;
  }

  /** Partial update: only the given fields change; `collections` replaces the whole set. */
  applyFields(person: VerifikPerson, fields: PersonFields): void {
    const identity = fields.name !== undefined || fields.date_of_birth !== undefined;
    if (identity) this.index.forgetIdentity(person);
    if (fields.name !== undefined) person.name = fields.name;
    if (fields.gender !== undefined) person.gender = fields.gender;
    if (fields.date_of_birth !== undefined) person.date_of_birth = fields.date_of_birth;
    if (identity) this.index.rememberIdentity(person);
    if (fields.nationality !== undefined) person.nationality = fields.nationality;
    if (fields.notes !== undefined) person.notes = fields.notes;
    if (fields.collections !== undefined) this.index.setCollections(person, fields.collections);
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
    const person = this.persons.get(id);
    if (person === undefined) return false;
    this.index.remove(person);
    return this.persons.delete(id);
  }

  detach(person: VerifikPerson, collectionId: string): void {
    if (!person.collections.includes(collectionId)) return;
    this.index.setCollections(
      person,
      person.collections.filter((c) => c !== collectionId),
    );
    this.touch(person);
  }
}
