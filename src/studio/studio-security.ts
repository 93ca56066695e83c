import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * Who may talk to the studio. The studio holds live vendor credentials, so a page it serves is
 * as powerful as the key: a request must prove it comes from the person who started it (the
 * per-launch secret, first in the printed URL, then in a cookie), must be addressed to the studio
 * by name (Host: a DNS-rebinding page reaches 127.0.0.1 under its own host name) and, when it
 * changes something, must come from the studio's own page (Origin, and a JSON body, which a
 * cross-site form cannot send without a preflight the studio never answers).
 */
export interface StudioGate {
  /** The secret for the printed URL. */
  readonly secret: string;
  /** The cookie that carries the secret after the first visit (named after the port: cookies ignore ports). */
  readonly cookieName: string;
  /** Undefined when the request may go on; otherwise why not. */
  refusal(request: IncomingMessage, url: URL): Refusal | undefined;
  /** Whether `candidate` is the secret (constant time). */
  matches(candidate: string | null | undefined): boolean;
  /** The Set-Cookie value that hands the secret to the browser. */
  setCookie(): string;
}

export interface Refusal {
  status: 401 | 403;
  code: 'STUDIO_UNAUTHORIZED' | 'STUDIO_FORBIDDEN';
  message: string;
}

const SAFE_METHODS = new Set(['GET', 'HEAD']);

/** `hosts`: the host names the studio answers to; `port`: the port it listens on. */
export function createStudioGate(hosts: readonly string[], port: number, secret = randomBytes(32).toString('base64url')): StudioGate {
  const cookieName = `uc_studio_${port}`;
  const allowed = new Set(hosts.map((host) => hostHeader(host, port)));
  const expected = Buffer.from(secret);

  function matches(candidate: string | null | undefined): boolean {
    if (typeof candidate !== 'string') return false;
    const given = Buffer.from(candidate);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  function refusal(request: IncomingMessage, url: URL): Refusal | undefined {
    const host = (request.headers.host ?? '').toLowerCase();
    if (!allowed.has(host)) {
      return { status: 403, code: 'STUDIO_FORBIDDEN', message: 'this studio answers only to the address it printed (unexpected Host header)' };
    }
    const fetchSite = request.headers['sec-fetch-site'];
    if (fetchSite === 'cross-site' || fetchSite === 'same-site') {
      return { status: 403, code: 'STUDIO_FORBIDDEN', message: 'requests from other sites are refused' };
    }
    if (!SAFE_METHODS.has(request.method ?? 'GET')) {
      if (request.headers.origin !== `http://${host}`) {
        return { status: 403, code: 'STUDIO_FORBIDDEN', message: 'changes are accepted only from the studio\'s own page (Origin)' };
      }
      const type = request.headers['content-type'] ?? '';
      if (!/^application\/json\s*(;|$)/i.test(type)) {
        return { status: 403, code: 'STUDIO_FORBIDDEN', message: 'changes are accepted only as JSON (Content-Type: application/json)' };
      }
    }
    // The first visit carries the secret in the URL; the server then moves it into the cookie.
    if (url.pathname === '/' && url.searchParams.has('token')) {
      return matches(url.searchParams.get('token')) ? undefined : unauthorized();
    }
    return matches(cookieValue(request.headers.cookie, cookieName)) ? undefined : unauthorized();
  }

  function setCookie(): string {
    return `${cookieName}=${secret}; HttpOnly; SameSite=Strict; Path=/`;
  }

  return { secret, cookieName, refusal, matches, setCookie };
}

function unauthorized(): Refusal {
  return {
    status: 401,
    code: 'STUDIO_UNAUTHORIZED',
    message: 'this studio link has expired or is missing its secret: use the URL the studio printed',
  };
}

/** How a browser writes `host:port` in the Host header (IPv6 literals in brackets; no port for 80). */
export function hostHeader(host: string, port: number): string {
  const name = (host.includes(':') && !host.startsWith('[') ? `[${host}]` : host).toLowerCase();
  return port === 80 ? name : `${name}:${port}`;
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}
