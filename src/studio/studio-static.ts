import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SECURITY_HEADERS, sendError } from './studio-http.js';

/**
 * The page's files: plain ES modules and CSS in the package's `studio-ui/` folder (two levels up
 * from both src/studio/ and dist/studio/), served as they are: nothing to build.
 */
export const STUDIO_UI_DIR = fileURLToPath(new URL('../../studio-ui/', import.meta.url));

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** Serves `pathname` from the UI folder; `/` and unknown page paths get index.html (the router is in the hash). */
export async function serveStatic(response: ServerResponse, pathname: string, head: boolean, root = STUDIO_UI_DIR): Promise<void> {
  if (pathname === '/favicon.ico') {
    // Browsers ask for it whatever the page says; an empty answer keeps their consoles quiet.
    response.writeHead(204, SECURITY_HEADERS);
    response.end();
    return;
  }
  const relative = pathname === '/' ? 'index.html' : pathname.slice(1);
  const file = resolve(root, relative);
  const type = TYPES[extname(file)];
  // Only files inside the folder, of the kinds above: no `..`, no dotfiles, no directory listings.
  if (!file.startsWith(root.endsWith(sep) ? root : root + sep) || type === undefined || /(^|[\\/])\./.test(relative)) {
    sendError(response, 404, 'STUDIO_NOT_FOUND', 'not found');
    return;
  }
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    sendError(response, 404, 'STUDIO_NOT_FOUND', 'not found');
    return;
  }
  response.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': type, 'Content-Length': body.length });
  response.end(head ? undefined : body);
}
