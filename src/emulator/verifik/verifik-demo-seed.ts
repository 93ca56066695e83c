import { Prng, isoMillis } from '../prng.js';
import type { VerifikSeed, VerifikSeedPerson } from './verifik-seed.js';

/**
 * The Verifik demo data set. It comes from a fixed PRNG seed and fixed start dates, so every
 * call returns identical data. It embeds the collection of the vendor's own doc example, so the
 * docs' curl commands (base URL swapped) behave against `seed: 'demo'` as the pages show.
 */

/**
 * The collection from Verifik's delete-collection doc example, verbatim, as the demo seed holds
 * it (with some of the demo persons as members).
 */
export const VERIFIK_DOC_EXAMPLE_COLLECTION = {
  /** The id the example deletes (`DELETE …/collections/65b9592267cc4f096dbe743d`). */
  _id: '65b9592267cc4f096dbe743d',
  /** Its UUID `code`. */
  code: 'd96db430-27d2-4f43-bcff-c4b239ac6d2e',
  /** Its name, as the example answer shows it. */
  name: 'Ejemplo Ene 30',
  /** Its description, as the example answer shows it. */
  description: 'default collection for project 65b955fe0577440932c77481',
  /** The project it belongs to. */
  project: '65b955fe0577440932c77481',
  /** Its creation time (also its `updatedAt` in the seed). */
  createdAt: '2024-01-30T20:16:34.841Z',
} as const;

const FIRST_NAMES_F = ['Ana', 'Lucia', 'Maria', 'Sofia', 'Valentina', 'Camila', 'Isabella', 'Laura', 'Paula', 'Elena', 'Clara', 'Marta'];
const FIRST_NAMES_M = ['Carlos', 'Juan', 'Andres', 'Diego', 'Felipe', 'Mateo', 'Santiago', 'Tomas', 'Pablo', 'Luis', 'Jorge', 'Miguel'];
const LAST_NAMES = [
  'Garcia', 'Rodriguez', 'Martinez', 'Lopez', 'Gonzalez', 'Perez', 'Sanchez', 'Ramirez', 'Torres', 'Flores',
  'Rivera', 'Gomez', 'Diaz', 'Reyes', 'Morales', 'Ortiz', 'Castro', 'Vargas', 'Rojas', 'Herrera',
];
const NATIONALITIES = ['Colombian', 'Mexican', 'Argentinian', 'Chilean', 'Peruvian', 'Spanish', 'American', 'Brazilian'];
/** Name and how often a person lands in it, relative to the others. */
const VERIFIK_GROUPS: ReadonlyArray<[string, string, number]> = [
  ['VIP', 'VIP guests with fast-track access', 1],
  ['Staff', 'Employees with badge access', 3],
  ['Visitors', 'Registered visitors', 4],
  ['Blocked', 'Persons denied entry', 0.5],
];

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/**
 * The data behind `seed: 'demo'`: five collections ({@link VERIFIK_DOC_EXAMPLE_COLLECTION},
 * `VIP`, `Staff`, `Visitors`, `Blocked`) and 250 persons, most in one collection, some in
 * several or none.
 *
 * @remarks Deterministic: every call returns the same ids and fields, so tests can name ids
 * without listing first, or start from a modified copy. No two persons share a name and date of
 * birth (Verifik's uniqueness key).
 *
 * @returns A fresh copy, safe to modify.
 */
export function verifikDemoSeed(): VerifikSeed {
  const prng = new Prng('verifik-demo-v1');
  const collections: VerifikSeed['collections'] = [{ ...VERIFIK_DOC_EXAMPLE_COLLECTION }];
  let at = Date.parse('2025-01-06T09:00:00.000Z');
  for (const [name, description] of VERIFIK_GROUPS) {
    collections.push({ _id: prng.hex(24), code: prng.uuid(), name, description, createdAt: isoMillis(at) });
    at += prng.int(3_600_000, 5 * 86_400_000);
  }
  const weighted: Array<{ id: string; weight: number }> = [
    { id: VERIFIK_DOC_EXAMPLE_COLLECTION._id, weight: 1 },
    ...VERIFIK_GROUPS.map(([, , weight], i) => ({ id: collections[i + 1]?._id ?? '', weight })),
  ];
  const totalWeight = weighted.reduce((sum, w) => sum + w.weight, 0);
  const drawCollection = (): string => {
    let roll = prng.next() * totalWeight;
    for (const w of weighted) {
      roll -= w.weight;
      if (roll < 0) return w.id;
    }
    return weighted[0]?.id ?? '';
  };

  const persons: VerifikSeedPerson[] = [];
  const taken = new Set<string>();
  at = Date.parse('2025-01-10T08:00:00.000Z');
  for (let i = 0; i < 250; i += 1) {
    const gender = prng.chance(0.5) ? 'F' : 'M';
    const name = `${prng.pick(gender === 'F' ? FIRST_NAMES_F : FIRST_NAMES_M)} ${prng.pick(LAST_NAMES)}`;
    let dob: string;
    // Name + date of birth is Verifik's uniqueness key, so the demo never holds a duplicate.
    do dob = `${prng.int(1955, 2005)}-${pad(prng.int(1, 12))}-${pad(prng.int(1, 28))}`;
    while (taken.has(`${name}|${dob}`));
    taken.add(`${name}|${dob}`);
    const roll = prng.next();
    const memberships = roll < 0.1 ? 0 : roll < 0.75 ? 1 : roll < 0.95 ? 2 : 3;
    const chosen = new Set<string>();
    while (chosen.size < memberships) chosen.add(drawCollection());
    persons.push({
      _id: prng.hex(24),
      name,
      gender,
      date_of_birth: dob,
      nationality: prng.pick(NATIONALITIES),
      collections: [...chosen],
      createdAt: isoMillis(at),
    });
    at += prng.int(60_000, 20 * 3_600_000) + prng.int(0, 999);
  }
  return { collections, persons };
}
