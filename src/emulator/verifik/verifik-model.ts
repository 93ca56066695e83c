/** Verifik documents as the emulator stores them, and how they go on the wire. */

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
