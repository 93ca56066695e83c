/**
 * A plug-in adapter as a decorated class (`useClass`), for apps that already use tsyringe.
 *
 * Decorators need a compile step (Node's type stripping refuses them), with two options on:
 * - `experimentalDecorators`: tsyringe's `@injectable()` and `@inject()` are TypeScript's legacy
 *   decorators; the standard ones have no parameter decorators, so `@inject(PROVIDER_CONFIG)`
 *   does not compile without it.
 * - `emitDecoratorMetadata`: TypeScript then records each constructor parameter's type
 *   (`design:paramtypes`), which is how tsyringe resolves a parameter by its class (`audit`
 *   below). Without it only the `@inject(token)` parameters are filled; the others are undefined.
 *
 * Run it: `npm run build && npx tsc --experimentalDecorators --emitDecoratorMetadata --target es2023
 * --module nodenext --skipLibCheck --outDir .examples examples/decorated-plug-in.ts && node .examples/decorated-plug-in.js`.
 * The `useFactory` route (examples/valibot-plug-in.ts) needs none of this.
 */
import 'reflect-metadata';
import { container, inject, injectable, singleton } from 'tsyringe';
import { z } from 'zod';
import {
  createCollectionClient, PROVIDER_CONFIG, registerProvider,
  type AdapterCall, type Collection, type CollectionAdapter, type ItemPage, type PluginConfig,
} from 'unified-collections';

/** The plug-in's own options; the common ones (timeoutMs, …) are validated by the library. */
const greetingConfigSchema = z.object({ greeting: z.string().min(1) });

/** An app service, resolved by its class: the reason for `emitDecoratorMetadata`. */
@singleton()
export class AuditLog {
  readonly lines: string[] = [];
  record(line: string): void {
    this.lines.push(line);
  }
}

@injectable()
export class GreetingAdapter implements CollectionAdapter {
  readonly provider = 'greeting';
  readonly capabilities = {
    membership: 'multiple', deleteCascadesItems: false, deleteCollectionReturns: 'snapshot',
    maxAddBatch: 50, maxDeleteBatch: 50, maxPageSize: 100,
  } as const;

  constructor(
    @inject(PROVIDER_CONFIG) private readonly config: PluginConfig<typeof greetingConfigSchema>,
    private readonly audit: AuditLog,
  ) {}

  #collection(): Collection {
    const id = this.config.greeting;
    return { provider: this.provider, id, name: id, itemCount: 0, isDefault: false, raw: { id, timeoutMs: this.config.timeoutMs } };
  }

  async listCollections(_call: AdapterCall): Promise<Collection[]> {
    this.audit.record(`listCollections (timeoutMs ${this.config.timeoutMs})`);
    return [this.#collection()];
  }

  async getCollection(_id: string, _call: AdapterCall): Promise<Collection> {
    return this.#collection();
  }

  async listItemsPage(_collectionId: string, _page: number, _pageSize: number, _call: AdapterCall): Promise<ItemPage> {
    return { items: [], received: 0 };
  }
}

registerProvider({ name: 'greeting', configSchema: greetingConfigSchema, useClass: GreetingAdapter });

const client = createCollectionClient({ provider: 'greeting', greeting: 'hello', timeoutMs: 5_000 });
console.log('collections:', (await client.listCollections()).map((c) => c.id).join(', '));
console.log('audit:', container.resolve(AuditLog).lines.join(', '));
