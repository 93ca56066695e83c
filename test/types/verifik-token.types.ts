/**
 * Compile-time cases for the Verifik token lifecycle options, checked by `npm run typecheck`
 * (never run by jest). Every `@ts-expect-error` must be needed.
 */
import { createCollectionClient, type CollectionProvider, type VerifikConfigInput } from 'unified-collections';

export function renewalOptionsCompile(): CollectionProvider[] {
  const persisted: Array<[string, Date]> = [];
  const config: VerifikConfigInput = {
    provider: 'verifik',
    token: 'token',
    renewBeforeExpiryMs: 3_600_000,
    // The callback's parameters are typed from the option: no annotations needed.
    onTokenRenewed: (token, { expiresAt }) => {
      persisted.push([token, expiresAt]);
    },
  };
  return [
    createCollectionClient(config),
    createCollectionClient({ provider: 'verifik', token: 'token', renewToken: false }),
    createCollectionClient({ provider: 'verifik', onTokenRenewed: async (token) => { await Promise.resolve(token.length); } }),
  ];
}

export function mistypedRenewalOptionsFail(): void {
  // @ts-expect-error renewToken is a boolean
  createCollectionClient({ provider: 'verifik', token: 'token', renewToken: 'yes' });
  // @ts-expect-error the margin is a number of ms
  createCollectionClient({ provider: 'verifik', token: 'token', renewBeforeExpiryMs: '1h' });
  // @ts-expect-error the callback gets the token as a string
  createCollectionClient({ provider: 'verifik', token: 'token', onTokenRenewed: (token: number) => token });
  // @ts-expect-error expiresAt is a Date
  createCollectionClient({ provider: 'verifik', token: 'token', onTokenRenewed: (_token: string, info: { expiresAt: number }) => info });
  // @ts-expect-error Wickson keys do not expire: no renewal options
  createCollectionClient({ provider: 'wickson', apiKey: 'key', renewToken: false });
}
