import { Prng, isoMillis, isoSeconds } from './prng.js';
import type { VerifikSeed, VerifikSeedPerson, WicksonSeed, WicksonSeedItem } from './types.js';

/**
 * The demo data sets. Both come from fixed PRNG seeds and fixed start dates, so every call
 * returns identical data. They embed the ids used by the vendors' own doc examples, so the
 * docs' curl commands (base URL swapped) behave against `seed: 'demo'` as the pages show.
 */

const TOPICS = [
  'quarterly-report', 'neural-search', 'supply-chain', 'onboarding', 'safety-briefing', 'product-launch',
  'market-analysis', 'user-research', 'architecture-review', 'field-notes', 'customer-interview',
  'warehouse-tour', 'brand-guide', 'lab-results', 'roadmap', 'incident-review',
];
const EXTENSIONS: Record<string, readonly string[]> = {
  document: ['pdf', 'docx', 'txt', 'md'],
  image: ['jpg', 'png', 'webp'],
  video: ['mp4', 'mov'],
  audio: ['mp3', 'wav'],
  model: ['glb', 'obj'],
};
const PREFIXES: Record<string, string> = { document: 'doc', image: 'img', video: 'vid', audio: 'aud', model: 'mdl' };
const SIZES: Record<string, [number, number]> = {
  document: [20_000, 4_000_000],
  image: [80_000, 6_000_000],
  video: [5_000_000, 900_000_000],
  audio: [1_000_000, 120_000_000],
  model: [200_000, 60_000_000],
};

interface WicksonCollectionPlan {
  id: string;
  start: string;
  count: number;
  /** Media types drawn for this collection; repeats weight the draw. */
  types: readonly string[];
}

const WICKSON_PLAN: readonly WicksonCollectionPlan[] = [
  { id: 'default', start: '2024-12-01T15:30:45Z', count: 110, types: ['document', 'document', 'image', 'video', 'audio', 'model'] },
  { id: 'research_papers', start: '2025-01-15T10:22:33Z', count: 60, types: ['document', 'document', 'document', 'image'] },
  { id: 'product_images', start: '2025-02-03T09:15:00Z', count: 60, types: ['image'] },
  { id: 'training_videos', start: '2025-03-01T14:40:12Z', count: 30, types: ['video', 'video', 'audio'] },
  { id: 'podcast_archive', start: '2025-03-20T08:05:00Z', count: 25, types: ['audio'] },
  { id: 'cad_models', start: '2025-04-02T11:00:00Z', count: 15, types: ['model'] },
];

/** Ids from the add-items doc example, placed so that example reports moved 2, already 1. */
export const WICKSON_DOC_EXAMPLE = {
  documentVectorId: 'vec-3f72e4a7b916c054d32a851f',
  documentInResearchPapers: 'doc_eb45a612-7895-52bd-a413-86f321c4e9ab',
  imageInProductImages: 'img_9c16d3a5-4287-5319-b614-7a428ed09bcf',
} as const;

function docExampleOverride(collection: string, index: number): Partial<WicksonSeedItem> | undefined {
  if (index !== 3) return undefined;
  if (collection === 'default') return { media_type: 'document', vector_id: WICKSON_DOC_EXAMPLE.documentVectorId };
  if (collection === 'research_papers') return { media_type: 'document', id: WICKSON_DOC_EXAMPLE.documentInResearchPapers };
  if (collection === 'product_images') return { media_type: 'image', id: WICKSON_DOC_EXAMPLE.imageInProductImages };
  return undefined;
}

/** About 300 media items over six collections, dated December 2024 to mid 2025. */
export function wicksonDemoSeed(): WicksonSeed {
  const prng = new Prng('wickson-demo-v1');
  const items: WicksonSeedItem[] = [];
  for (const plan of WICKSON_PLAN) {
    let at = Date.parse(plan.start);
    for (let i = 0; i < plan.count; i += 1) {
      const override = docExampleOverride(plan.id, i);
      const type = override?.media_type ?? (i === 0 ? plan.types[0] : prng.pick(plan.types)) ?? 'document';
      const topic = prng.pick(TOPICS);
      const [min, max] = SIZES[type] ?? [1_000, 1_000_000];
      items.push({
        id: `${PREFIXES[type] ?? 'doc'}_${prng.uuid()}`,
        collection: plan.id,
        media_type: type,
        filename: `${topic}-${i + 1}.${prng.pick(EXTENSIONS[type] ?? ['bin'])}`,
        created_at: isoSeconds(at),
        vector_id: `vec-${prng.hex(24)}`,
        size_bytes: prng.int(min, max),
        summary: `A ${type} about ${topic.replaceAll('-', ' ')}, filed under ${plan.id}.`,
        ...override,
      });
      at += prng.int(10 * 60, 36 * 3600) * 1000;
    }
  }
  return { items };
}

/** The collection from Verifik's delete-collection doc example, verbatim. */
export const VERIFIK_DOC_EXAMPLE_COLLECTION = {
  _id: '65b9592267cc4f096dbe743d',
  code: 'd96db430-27d2-4f43-bcff-c4b239ac6d2e',
  name: 'Ejemplo Ene 30',
  description: 'default collection for project 65b955fe0577440932c77481',
  project: '65b955fe0577440932c77481',
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

/** Five collections (the docs' example plus VIP, Staff, Visitors, Blocked) and 250 persons. */
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
