import type { CollectionErrorCode } from '../../errors.js';
import type { VendorErrorInfo, VendorErrorMapping } from '../../http/request-spec.js';
import { singleLine } from '../../http/single-line.js';

/**
 * Verifik's error bodies come in many shapes (vendor-apis.md §2.2): `{message, code}`,
 * `{error, message}`, `{error}`, `{success:false, error, code}`, sometimes with `data` or
 * `signature`. The machine token is in `code` unless that is missing or the generic `ERROR`,
 * in which case `message` carries it (`PERSON_NOT_FOUND`, `invalid_collection`, …).
 */

interface VerifikErrorFields {
  code?: string;
  message?: string;
  error?: string;
  id?: string;
}

const MAX_QUOTED = 200;

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? singleLine(value, MAX_QUOTED) || undefined : undefined;
}

function fieldsOf(body: unknown): VerifikErrorFields {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return {};
  const record = body as Record<string, unknown>;
  const fields: VerifikErrorFields = {};
  const code = text(record.code);
  const message = text(record.message);
  const error = text(record.error);
  const id = text(record.id);
  if (code !== undefined) fields.code = code;
  if (message !== undefined) fields.message = message;
  if (error !== undefined) fields.error = error;
  if (id !== undefined) fields.id = id;
  return fields;
}

/** The vendor's machine-readable token for this error, per the rule above. */
export function verifikVendorToken(body: unknown): string | undefined {
  const { code, message } = fieldsOf(body);
  return code !== undefined && code.toLowerCase() !== 'error' ? code : message;
}

/** Every string the vendor sent, lower-cased, for substring checks (`…liveness_failed…`). */
function haystack(fields: VerifikErrorFields): string {
  return [fields.code, fields.message, fields.error].filter(Boolean).join(' ').toLowerCase();
}

function classify(status: number, said: string): CollectionErrorCode {
  switch (status) {
    case 400: return 'INVALID_INPUT';
    case 401: return 'UNAUTHORIZED';
    // Person endpoints report an expired token as 403 token_expired: that needs a new token,
    // not a different permission, so it is UNAUTHORIZED like any other credential problem.
    case 403: return said.includes('expired') ? 'UNAUTHORIZED' : 'FORBIDDEN';
    case 404: case 410: return 'NOT_FOUND';
    case 408: return 'TIMEOUT';
    // 409 is Verifik's validation status (MissingParameter, INVALID_PARAMETERS) and also its
    // duplicate status (409:duplicated_person). A failed liveness check is about the submitted
    // image, not about existing state, so a different input can succeed: INVALID_INPUT.
    case 409: return said.includes('duplicated') ? 'CONFLICT' : 'INVALID_INPUT';
    // Both documented 412s (person_already_set, only_images_in_base64) are preconditions on the
    // stored state or the payload that repeating the call will not satisfy.
    case 412: return 'CONFLICT';
    case 413: case 414: case 422: return 'INVALID_INPUT';
    case 429: return 'RATE_LIMITED';
    default: return 'PROVIDER_ERROR';
  }
}

function describe(code: CollectionErrorCode, status: number, fields: VerifikErrorFields, said: string): string {
  if (status === 403 && code === 'UNAUTHORIZED') {
    return 'Verifik token has expired (403 token_expired): renew it or log in again for a new token, then retry';
  }
  const vendorText = fields.message ?? fields.error;
  const token = verifikVendorToken(fields);
  const label = token !== undefined && token !== vendorText ? `${status} ${token}` : `${status}`;
  const detail = vendorText !== undefined ? `: ${vendorText}` : ' (no JSON error body)';
  const lead: Partial<Record<CollectionErrorCode, string>> = {
    UNAUTHORIZED: 'Verifik rejected the token',
    FORBIDDEN: 'Verifik refused access',
    NOT_FOUND: said.includes('person') ? 'Verifik person not found'
      : said.includes('collection') ? 'Verifik collection not found' : 'Verifik resource not found',
    INVALID_INPUT: 'Verifik rejected the request as invalid',
    CONFLICT: 'Verifik reported a conflict',
    RATE_LIMITED: 'Verifik rate limit reached',
    TIMEOUT: 'Verifik timed out waiting for the request',
  };
  return `${lead[code] ?? 'Verifik failed'} (${label})${detail}`;
}

/**
 * Maps a non-2xx Verifik answer to a CollectionError code. The body arrives already redacted
 * (mapErrorResponse redacts its decoded values before calling this), so the shortening to
 * MAX_QUOTED can never cut an echoed token into a prefix the redactor would not recognize.
 */
export function mapVerifikError(info: VendorErrorInfo, _now: number): VendorErrorMapping {
  const fields = fieldsOf(info.body);
  const said = haystack(fields);
  const code = classify(info.status, said);
  const mapping: VendorErrorMapping = { code, message: describe(code, info.status, fields, said) };
  const token = verifikVendorToken(fields);
  if (token !== undefined) mapping.vendorCode = token;
  if (fields.id !== undefined) mapping.requestId = fields.id;
  return mapping;
}
