import type { CollectionErrorCode } from '../../errors.js';
import type { VendorErrorInfo, VendorErrorMapping } from '../../http/request-spec.js';
import { singleLine } from '../../http/single-line.js';

/**
 * Turns a non-2xx Wickson answer into a CollectionError mapping. Two envelopes exist in the docs
 * and both are read: the endpoint pages' `{success:false, message, error:{code, details:
 * {specific, request_id}}}` and the rate-limit page's flat `{success:false, code, message,
 * status_code, details:{reset_time…}, request_id, suggestion}`. Bodies that are not JSON (a
 * proxy's HTML page) still map by status. The code is chosen by HTTP status first, because the
 * vendor's code catalogue is incomplete; only CANNOT_DELETE_DEFAULT refines a status.
 */

const MAX_VENDOR_TEXT = 300;

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? value as Record<string, unknown> : undefined;
}

/**
 * A single-line, bounded copy of a vendor string, or undefined when there is none. The body is
 * redacted before it gets here (mapErrorResponse), so the cut never shortens a credential.
 */
function vendorText(value: unknown): string | undefined {
  return typeof value === 'string' ? singleLine(value, MAX_VENDOR_TEXT) || undefined : undefined;
}

interface WicksonErrorFields {
  code?: string;
  message?: string;
  specific?: string;
  requestId?: string;
  resetTime?: number;
}

/** Reads whichever envelope the body uses; absent or odd fields simply stay undefined. */
export function readWicksonErrorBody(body: unknown): WicksonErrorFields {
  const top = record(body);
  if (!top) return {};
  const nested = record(top.error);
  const nestedDetails = record(nested?.details);
  const flatDetails = record(top.details);
  const reset = flatDetails?.reset_time ?? nestedDetails?.reset_time;
  const fields: WicksonErrorFields = {};
  const code = vendorText(nested?.code) ?? vendorText(top.code);
  // Some gateways put the message string in `error` itself.
  const message = vendorText(top.message) ?? vendorText(nested?.message) ?? vendorText(top.error);
  const specific = vendorText(nestedDetails?.specific) ?? vendorText(flatDetails?.specific);
  const requestId = vendorText(nestedDetails?.request_id) ?? vendorText(top.request_id)
    ?? vendorText(nested?.request_id);
  if (code !== undefined) fields.code = code;
  if (message !== undefined) fields.message = message;
  if (specific !== undefined && specific !== message) fields.specific = specific;
  if (requestId !== undefined) fields.requestId = requestId;
  if (typeof reset === 'number' && Number.isFinite(reset)) fields.resetTime = reset;
  else if (typeof reset === 'string' && /^\d+$/.test(reset.trim())) fields.resetTime = Number(reset.trim());
  return fields;
}

function codeForStatus(status: number, vendorCode: string | undefined): CollectionErrorCode {
  if (status === 400) {
    return vendorCode?.toUpperCase() === 'CANNOT_DELETE_DEFAULT' ? 'PROTECTED_COLLECTION' : 'INVALID_INPUT';
  }
  if (status === 401) return 'UNAUTHORIZED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 409) return 'CONFLICT';
  if (status === 429) return 'RATE_LIMITED';
  // The server timed the request out: the same code as on Verifik, and as our own timeouts.
  if (status === 408) return 'TIMEOUT';
  // Every 5xx and anything undocumented: the vendor failed, not the caller.
  return 'PROVIDER_ERROR';
}

function describe(status: number, fields: WicksonErrorFields): string {
  if (fields.message === undefined && fields.code === undefined) {
    return `Wickson: HTTP ${status} without an error description`;
  }
  const head = fields.message ?? `HTTP ${status}`;
  const code = fields.code !== undefined ? ` (${fields.code})` : '';
  const specific = fields.specific !== undefined ? `: ${fields.specific}` : '';
  return `Wickson: ${head}${code}${specific}`;
}

export function mapWicksonError(info: VendorErrorInfo, now: number): VendorErrorMapping {
  const fields = readWicksonErrorBody(info.body);
  const mapping: VendorErrorMapping = {
    code: codeForStatus(info.status, fields.code),
    message: describe(info.status, fields),
  };
  if (fields.code !== undefined) mapping.vendorCode = fields.code;
  if (fields.requestId !== undefined) mapping.requestId = fields.requestId;
  // The 429 body's reset_time (Unix seconds) is how the http client learns how long to wait.
  if (info.status === 429 && fields.resetTime !== undefined) {
    mapping.retryAfterMs = Math.max(0, fields.resetTime * 1000 - now);
  }
  return mapping;
}
