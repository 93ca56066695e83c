/**
 * What the CLI needs to know about addresses before it uses one: ports fetch refuses, and which
 * hosts the client accepts plain http for. Pure, so the tests can sweep them against the real
 * fetch and the real client.
 */

/**
 * The Fetch standard's "bad ports" (https://fetch.spec.whatwg.org/#port-blocking), as Node's
 * fetch (undici) applies them: a URL with one of these ports fails before any connection is
 * made, with nothing more than "fetch failed" (cause: "bad port"). test/cli checks this list
 * against the fetch of the Node that runs the tests.
 */
const BLOCKED_PORTS: ReadonlySet<number> = new Set([
  1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103, 104,
  109, 110, 111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465, 512, 513, 514, 515,
  526, 530, 531, 532, 540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993, 995, 1719, 1720, 1723, 2049,
  3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080,
]);

export function isBlockedPort(port: number): boolean {
  return BLOCKED_PORTS.has(port);
}

/** The blocked port an http(s) URL names, if any; undefined for anything else, unparseable included. */
export function blockedPortOf(url: string): number | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  // An explicit default port (":80" on http) is dropped by URL, as fetch drops it: never blocked.
  if ((parsed.protocol !== 'http:' && parsed.protocol !== 'https:') || parsed.port === '') return undefined;
  const port = Number(parsed.port);
  return isBlockedPort(port) ? port : undefined;
}

/** The hosts the client accepts plain http for (src/config/base-config.ts): this machine only. */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || hostname === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/** `0.0.0.0` and `::` (URL hostname `[::]`): every interface of this machine, loopback included. */
export function isWildcardHost(hostname: string): boolean {
  return hostname === '0.0.0.0' || hostname === '[::]' || hostname === '::';
}

/** A URL of the same port on this machine's loopback, reachable when the server listens on a wildcard address. */
export function loopbackUrl(url: URL): string {
  const host = url.hostname === '0.0.0.0' ? '127.0.0.1' : '[::1]';
  return `${url.protocol}//${host}:${url.port}`;
}
