/**
 * What a client can say about its credential's life, read from the credential itself (a JWT's
 * `exp`) and the client's config: never a request, and never the credential.
 */

/** What a client knows about its credential's life. */
export interface CredentialStatus {
  /** When the credential stops working; absent when it does not expire or its expiry cannot be read (an opaque API key, a token function). */
  expiresAt?: Date;
  /** Whether the client renews it on its own before it expires. */
  renews: boolean;
}
