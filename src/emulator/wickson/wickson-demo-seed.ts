import { Prng, isoSeconds } from '../prng.js';
import type { WicksonSeed, WicksonSeedItem } from './wickson-seed.js';

/**
 * The Wickson demo data set. It comes from a fixed PRNG seed and fixed start dates, so every
 * call returns identical data. It embeds the ids used by the vendor's own doc examples, so the
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

/**
 * Ids from Wickson's add-items doc example, placed in the demo seed so that the example (the
 * three ids added to `research_papers`) reports `moved: 2, already_in_collection: 1`.
 */
export const WICKSON_DOC_EXAMPLE = {
  /** The `vec-…` alias of a document in `default` (add-items and batch delete accept aliases). */
  documentVectorId: 'vec-3f72e4a7b916c054d32a851f',
  /** A document already in `research_papers`. */
  documentInResearchPapers: 'doc_eb45a612-7895-52bd-a413-86f321c4e9ab',
  /** An image in `product_images`. */
  imageInProductImages: 'img_9c16d3a5-4287-5319-b614-7a428ed09bcf',
} as const;

function docExampleOverride(collection: string, index: number): Partial<WicksonSeedItem> | undefined {
  if (index !== 3) return undefined;
  if (collection === 'default') return { media_type: 'document', vector_id: WICKSON_DOC_EXAMPLE.documentVectorId };
  if (collection === 'research_papers') return { media_type: 'document', id: WICKSON_DOC_EXAMPLE.documentInResearchPapers };
  if (collection === 'product_images') return { media_type: 'image', id: WICKSON_DOC_EXAMPLE.imageInProductImages };
  return undefined;
}

/**
 * The data behind `seed: 'demo'`: 300 media items over six collections (`default`,
 * `research_papers`, `product_images`, `training_videos`, `podcast_archive`, `cad_models`),
 * dated December 2024 to mid 2025.
 *
 * @remarks Deterministic: every call returns the same ids and fields, so tests can name ids
 * without listing first, or start from a modified copy.
 *
 * @returns A fresh copy, safe to modify.
 *
 * @example
 * ```ts
 * const seed = wicksonDemoSeed();
 * const firstPaper = seed.items.find((item) => item.collection === 'research_papers')!.id;
 * const emulator = await startEmulator({ provider: 'wickson', seed });
 * ```
 */
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
