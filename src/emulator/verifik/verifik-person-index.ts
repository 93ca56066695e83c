import { OrderedIndex, WorkMeter } from '../ordered-index.js';

/** The fields the index reads. `_id` and `createdAt` never change; the others go through the index. */
export interface IndexedPerson {
  _id: string;
  createdAt: string;
  name: string;
  date_of_birth?: { year: number; month: number; day: number };
  collections: string[];
}

/** The listing order: oldest first, ties by `_id`. */
export function byCreation<T extends { createdAt: string; _id: string }>(a: T, b: T): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1;
  return a._id < b._id ? -1 : a._id > b._id ? 1 : 0;
}

/**
 * Persons in listing order, overall and per collection, plus a lookup by name and date of
 * birth (Verifik's uniqueness key). Pages, duplicate checks and collection cascades then cost
 * what they touch instead of sorting or scanning every person.
 */
export class PersonIndex<T extends IndexedPerson> {
  readonly meter = new WorkMeter();
  private readonly all: OrderedIndex<T>;
  private readonly byCollection = new Map<string, OrderedIndex<T>>();
  /** Arrays, not Sets: almost every identity has one person, and a million Sets weigh. */
  private readonly byIdentity = new Map<string, T[]>();

  /** Only tests change `maxChunk` (see OrderedIndexOptions). */
  constructor(private readonly maxChunk?: number) {
    this.all = new OrderedIndex<T>(byCreation, { meter: this.meter, maxChunk });
  }

  add(person: T): void {
    this.all.add(person);
    for (const id of person.collections) this.collectionSet(id).add(person);
    this.rememberIdentity(person);
  }

  remove(person: T): void {
    this.all.delete(person);
    for (const id of person.collections) this.leave(id, person);
    this.forgetIdentity(person);
  }

  /** Replaces the person's collections, re-filing only the ones that changed. */
  setCollections(person: T, next: readonly string[]): void {
    const before = new Set(person.collections);
    const after = new Set(next);
    for (const id of before) if (!after.has(id)) this.leave(id, person);
    for (const id of after) if (!before.has(id)) this.collectionSet(id).add(person);
    person.collections = [...after];
  }

  /** Call before changing name or date of birth, and `rememberIdentity` after. */
  forgetIdentity(person: T): void {
    const key = identityKey(person);
    const same = this.byIdentity.get(key);
    const at = same?.indexOf(person) ?? -1;
    if (same === undefined || at === -1) return;
    same.splice(at, 1);
    if (same.length === 0) this.byIdentity.delete(key);
  }

  rememberIdentity(person: T): void {
    const key = identityKey(person);
    const same = this.byIdentity.get(key);
    if (same === undefined) this.byIdentity.set(key, [person]);
    else if (!same.includes(person)) same.push(person);
  }

  /** The earliest person with this name and date of birth in any of `collections`. */
  findDuplicate(probe: Pick<IndexedPerson, 'name' | 'date_of_birth'>, collections: readonly string[]): T | undefined {
    let found: T | undefined;
    for (const person of this.byIdentity.get(identityKey(probe)) ?? []) {
      this.meter.steps += 1;
      if (!person.collections.some((c) => collections.includes(c))) continue;
      if (found === undefined || byCreation(person, found) < 0) found = person;
    }
    return found;
  }

  /** One page of the listing order, over everyone or one collection's members. */
  page(collectionId: string | undefined, start: number, count: number): { items: T[]; total: number } {
    const set = collectionId === undefined ? this.all : this.byCollection.get(collectionId);
    return { items: set?.slice(start, count) ?? [], total: set?.size ?? 0 };
  }

  members(collectionId: string): T[] {
    const set = this.byCollection.get(collectionId);
    return set?.slice(0, set.size) ?? [];
  }

  private collectionSet(id: string): OrderedIndex<T> {
    let set = this.byCollection.get(id);
    if (set === undefined) {
      set = new OrderedIndex<T>(byCreation, { meter: this.meter, maxChunk: this.maxChunk });
      this.byCollection.set(id, set);
    }
    return set;
  }

  private leave(id: string, person: T): void {
    const set = this.byCollection.get(id);
    if (set === undefined) return;
    set.delete(person);
    if (set.size === 0) this.byCollection.delete(id);
  }
}

function identityKey(person: Pick<IndexedPerson, 'name' | 'date_of_birth'>): string {
  const dob = person.date_of_birth;
  return dob === undefined ? `${person.name}\0` : `${person.name}\0${dob.year}-${dob.month}-${dob.day}`;
}
