/**
 * The README's "Apps that use tsyringe themselves", runnable: `npm run build && node examples/tsyringe-app.ts`.
 *
 * With WICKSON_BASE_URL / VERIFIK_BASE_URL set it talks to those, with the credentials in
 * WICKSON_API_KEY / VERIFIK_TOKEN. Otherwise it starts embedded emulators with demo data first.
 * No decorators here: the clients are registered by token, and the app's own service is built by
 * a factory. (A decorated plug-in adapter is in examples/decorated-plug-in.ts.)
 */
import 'reflect-metadata'; // first: tsyringe throws when it is loaded before the Reflect polyfill
import { container } from 'tsyringe';
import {
  COLLECTION_PROVIDER, collectionProviderToken, registerCollectionProviders, type CollectionProvider,
} from 'unified-collections';
import { startEmulator } from 'unified-collections/emulator';

// Embedded emulators (they accept any credential) unless the environment names the vendors.
const wicksonEmulator = process.env.WICKSON_BASE_URL ? undefined : await startEmulator({ provider: 'wickson', seed: 'demo' });
const verifikEmulator = process.env.VERIFIK_BASE_URL ? undefined : await startEmulator({ provider: 'verifik', seed: 'demo' });
if (wicksonEmulator) process.env.WICKSON_API_KEY = 'any-key-works-on-the-emulator';
if (verifikEmulator) process.env.VERIFIK_TOKEN = 'any-token-works-on-the-emulator';
const wicksonUrl = wicksonEmulator?.url ?? process.env.WICKSON_BASE_URL; // undefined: the vendor's API
const verifikUrl = verifikEmulator?.url ?? process.env.VERIFIK_BASE_URL;

// Credentials default to WICKSON_API_KEY and VERIFIK_TOKEN. Configs are validated here, at start-up.
registerCollectionProviders(container, { provider: 'wickson', baseUrl: wicksonUrl });  // → COLLECTION_PROVIDER
registerCollectionProviders(container, {
  media: { provider: 'wickson', baseUrl: wicksonUrl },                                 // → collectionProviderToken('media')
  faces: { provider: 'verifik', baseUrl: verifikUrl },                                 // → collectionProviderToken('faces')
});

class CollectionReport {
  readonly #media: CollectionProvider;
  readonly #faces: CollectionProvider;

  constructor(media: CollectionProvider, faces: CollectionProvider) {
    this.#media = media;
    this.#faces = faces;
  }

  async lines(): Promise<string[]> {
    const [media, faces] = await Promise.all([this.#media.listCollections(), this.#faces.listCollections()]);
    return [...media, ...faces].map((c) => `${c.provider} ${c.name}: ${c.itemCount ?? '?'} items`);
  }
}
container.register(CollectionReport, {
  useFactory: (c) => new CollectionReport(
    c.resolve<CollectionProvider>(collectionProviderToken('media')),
    c.resolve<CollectionProvider>(collectionProviderToken('faces')),
  ),
});

try {
  for (const line of await container.resolve(CollectionReport).lines()) console.log(line);
  const single = container.resolve<CollectionProvider>(COLLECTION_PROVIDER);
  console.log(`COLLECTION_PROVIDER is a ${single.provider} client; the same instance every time:`,
    single === container.resolve(COLLECTION_PROVIDER));
} finally {
  await wicksonEmulator?.close();
  await verifikEmulator?.close();
}
