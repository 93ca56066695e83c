import type { z } from 'zod';
import { CollectionError } from '../errors.js';
import type { ProviderDefinition } from './provider-definition.js';

const definitions = new Map<string, ProviderDefinition>();

/**
 * Makes a provider available to `createCollectionClient({ provider: name, … })`. Registering a
 * name again replaces the earlier definition (so tests and apps can swap an implementation).
 */
export function registerProvider<S extends z.ZodType>(definition: ProviderDefinition<S>): void {
  const valid = typeof definition === 'object' && definition !== null
    && typeof definition.name === 'string' && definition.name.trim() !== ''
    && typeof definition.configSchema?.safeParse === 'function'
    && (typeof definition.useClass === 'function') !== (typeof definition.useFactory === 'function');
  if (!valid) {
    throw new CollectionError({
      code: 'CONFIG',
      provider: String((definition as { name?: unknown } | null)?.name ?? 'unknown'),
      message: 'registerProvider needs { name, configSchema (a zod schema), and exactly one of useClass or useFactory }',
      retryable: false,
    });
  }
  definitions.set(definition.name, definition as unknown as ProviderDefinition);
}

export function getProviderDefinition(name: string): ProviderDefinition | undefined {
  return definitions.get(name);
}

export function knownProviders(): string[] {
  return [...definitions.keys()].sort();
}
