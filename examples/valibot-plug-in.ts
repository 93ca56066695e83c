/**
 * The README's "Plugging in another vendor", runnable: `npm run build && node examples/valibot-plug-in.ts`.
 *
 * A third vendor whose config schema is written with valibot rather than the library's zod: any
 * Standard Schema works (zod 3.24+ or 4, valibot, arktype). The schema declares only the
 * plug-in's own options; the library validates the common ones (baseUrl, timeoutMs, maxRetries,
 * concurrency, fetch, …) and hands the adapter both, typed as `PluginConfig<typeof schema>`.
 * `useFactory` needs no decorators. The "vendor" is an in-memory map, so it runs anywhere.
 */
import * as v from 'valibot';
import {
  createCollectionClient, isCollectionError, registerProvider,
  type AdapterCall, type Collection, type CollectionAdapter, type ItemPage, type PluginConfig, type PluginConfigInput,
} from 'unified-collections';

const acmeConfigSchema = v.strictObject({
  apiKey: v.pipe(v.string(), v.minLength(1)),
  region: v.optional(v.picklist(['eu', 'us']), 'eu'),
});

// Optional: makes `createCollectionClient({ provider: 'acme', … })` check these options at compile time.
declare module 'unified-collections' {
  interface CollectionProviderConfigs { acme: PluginConfigInput<typeof acmeConfigSchema> }
}

type AcmeConfig = PluginConfig<typeof acmeConfigSchema>; // { region: 'eu' | 'us'; apiKey: string } & the common options

class AcmeAdapter implements CollectionAdapter {
  readonly provider = 'acme';
  readonly capabilities = {
    membership: 'multiple', deleteCascadesItems: false, deleteCollectionReturns: 'snapshot',
    maxAddBatch: 50, maxDeleteBatch: 50, maxPageSize: 100,
  } as const;
  readonly #collections: Map<string, string[]>;

  constructor(config: AcmeConfig) {
    // A real adapter would send config.apiKey to https://<region>.acme.example, within config.timeoutMs.
    this.#collections = new Map([[`faces-${config.region}`, ['p1', 'p2']], [`timeout-${config.timeoutMs}`, []]]);
  }

  #collection(id: string, items: string[]): Collection {
    return { provider: this.provider, id, name: id, itemCount: items.length, isDefault: false, raw: { id, items } };
  }

  async listCollections(_call: AdapterCall): Promise<Collection[]> {
    return [...this.#collections].map(([id, items]) => this.#collection(id, items));
  }

  async getCollection(id: string, _call: AdapterCall): Promise<Collection> {
    const items = this.#collections.get(id);
    if (items === undefined) throw new Error(`no collection ${id}`);
    return this.#collection(id, items);
  }

  async listItemsPage(collectionId: string, page: number, pageSize: number, _call: AdapterCall): Promise<ItemPage> {
    const ids = (this.#collections.get(collectionId) ?? []).slice((page - 1) * pageSize, page * pageSize);
    return { items: ids.map((id) => ({ provider: this.provider, id, collectionIds: [collectionId], raw: { id } })), received: ids.length };
  }
}

registerProvider({ name: 'acme', configSchema: acmeConfigSchema, useFactory: (config) => new AcmeAdapter(config) });

const acme = createCollectionClient({ provider: 'acme', apiKey: 'sk-acme-1234567890', region: 'us', timeoutMs: 5_000 });
console.log('collections:', (await acme.listCollections()).map((c) => `${c.id} (${c.itemCount})`).join(', '));

// A mistake is a CONFIG error naming the option, never quoting its value (valibot's own message would).
for (const config of [
  { provider: 'acme', apiKey: 'sk-acme-1234567890', region: 'asia' },
  { provider: 'acme', apiKey: 'sk-acme-1234567890', timeoutMS: 5_000 },
  { provider: 'acme', apiKey: 'sk-acme-1234567890', maxRetries: -1 },
]) {
  try {
    createCollectionClient(config as { provider: string });
  } catch (error) {
    if (!isCollectionError(error)) throw error;
    console.log(`${error.code}: ${error.message}`);
  }
}
