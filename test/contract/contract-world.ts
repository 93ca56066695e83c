// The harness types are the conformance kit's own: the contract suite is the kit run by jest.
export type {
  ConformanceHarness as ContractHarness, ConformanceTarget as ContractTarget, ConformanceWorld as ContractWorld,
} from 'unified-collections/testing';

/** Deterministic 24-hex ids, shaped like Verifik's Mongo ObjectIds. */
export function objectIdFor(label: string): string {
  let hash = 0x811c9dc5;
  for (const char of label) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193) >>> 0;
  return `65b9${hash.toString(16).padStart(8, '0')}${'0'.repeat(12)}`.slice(0, 24);
}
