/**
 * Verifik bodies built from the shapes in vendor-apis.md §2 and the delete-collection seed page
 * (seeds/004). Ids are Mongo-style ObjectIds, as the vendor uses.
 */

export const BASE_URL = 'https://api.verifik.co';
export const COLLECTIONS_PATH = '/v2/face-recognition/collections';
export const PERSONS_PATH = '/v2/face-recognition/persons';

export const COLLECTION_ID = '65b9592267cc4f096dbe743d';
export const OTHER_COLLECTION_ID = '65b9592267cc4f096dbe7000';
export const THIRD_COLLECTION_ID = '65b9592267cc4f096dbe7111';

/** The collection object of §2.4. */
export function collectionDto(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    _id: COLLECTION_ID,
    code: 'd96db430-27d2-4f43-bcff-c4b239ac6d2e',
    name: 'VIP',
    description: '',
    project: '65b955fe0577440932c77481',
    client: '6158e492dd0767a2b8b3f829',
    deleted: false,
    createdAt: '2024-01-30T20:16:34.841Z',
    updatedAt: '2024-01-30T20:16:34.841Z',
    __v: 0,
    ...overrides,
  };
}

/** The seed 004 example answer of DELETE /v2/face-recognition/collections/{id}. */
export const SEED_DELETE_RESPONSE = {
  data: {
    _id: '65b9592267cc4f096dbe743d',
    deleted: false,
    name: 'Ejemplo Ene 30',
    project: '65b955fe0577440932c77481',
    description: 'default collection for project 65b955fe0577440932c77481',
    client: '6158e492dd0767a2b8b3f829',
    code: 'd96db430-27d2-4f43-bcff-c4b239ac6d2e',
    updatedAt: '2024-01-30T20:16:34.841Z',
    createdAt: '2024-01-30T20:16:34.841Z',
    __v: 0,
  },
};

export function personId(n: number): string {
  return `65c0a1b2c3d4e5f6a7b8${n.toString(16).padStart(4, '0')}`;
}

/** The person object of §2.10 (collections as ids, as retrieve returns them). */
export function personDto(id: string, collections: unknown[] = [COLLECTION_ID], overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    _id: id,
    name: `Person ${id.slice(-4)}`,
    gender: 'M',
    date_of_birth: { year: 1990, month: 1, day: 15 },
    nationality: 'Colombian',
    collections,
    client: '6158e492dd0767a2b8b3f829',
    status: 'active',
    notes: '',
    createdAt: '2024-02-01T10:00:00.000Z',
    updatedAt: '2024-02-01T10:00:00.000Z',
    ...overrides,
  };
}

const SIGNATURE = { message: 'Certified by Verifik.co', dateTime: 'February 1, 2024 10:00 AM' };

/** The newer persons envelope `{id, data, signature}` (§2.0). */
export function personEnvelope(data: unknown, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { id: 'REQ01', data, signature: SIGNATURE, ...extra };
}

/** The older persons envelope `{success, data}` (§2.0). */
export function olderPersonEnvelope(data: unknown, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { success: true, data, ...extra };
}

export const DELETE_PERSON_RESPONSE = (id: string) => personEnvelope({ _id: id });

/**
 * Every error body of the §2.2 catalogue, with the code each must map to. `via` says which
 * call the row is exercised through (the endpoint family where the docs show it).
 */
export interface ErrorRow {
  name: string;
  status: number;
  body: Record<string, unknown>;
  code: string;
  vendorCode: string | undefined;
  via: 'collection' | 'persons';
}

export const ERROR_CATALOGUE: ErrorRow[] = [
  { name: '400 {error} on collections', status: 400, body: { error: 'Invalid request' }, code: 'INVALID_INPUT', vendorCode: undefined, via: 'collection' },
  { name: '400 INVALID_PARAMETERS (old list-persons page)', status: 400, body: { success: false, error: 'Invalid query parameters', code: 'INVALID_PARAMETERS' }, code: 'INVALID_INPUT', vendorCode: 'INVALID_PARAMETERS', via: 'persons' },
  { name: '401 Access forbidden / Forbidden', status: 401, body: { message: 'Access forbidden', code: 'Forbidden' }, code: 'UNAUTHORIZED', vendorCode: 'Forbidden', via: 'collection' },
  { name: '403 Access forbidden / Forbidden', status: 403, body: { message: 'Access forbidden', code: 'Forbidden' }, code: 'FORBIDDEN', vendorCode: 'Forbidden', via: 'collection' },
  { name: '401 Authentication required', status: 401, body: { message: 'Authentication required', code: 'UNAUTHORIZED' }, code: 'UNAUTHORIZED', vendorCode: 'UNAUTHORIZED', via: 'persons' },
  { name: '403 token_expired', status: 403, body: { message: 'token_expired', code: 'FORBIDDEN' }, code: 'UNAUTHORIZED', vendorCode: 'FORBIDDEN', via: 'persons' },
  { name: '401 {error: Unauthorized, message: UNAUTHORIZED} (old person pages)', status: 401, body: { error: 'Unauthorized', message: 'UNAUTHORIZED' }, code: 'UNAUTHORIZED', vendorCode: 'UNAUTHORIZED', via: 'persons' },
  { name: '401 Invalid or expired token (token renew)', status: 401, body: { code: 'Unauthorized', message: 'Invalid or expired token.', signature: SIGNATURE }, code: 'UNAUTHORIZED', vendorCode: 'Unauthorized', via: 'collection' },
  { name: '404 invalid_collection', status: 404, body: { message: 'invalid_collection', code: 'ERROR' }, code: 'NOT_FOUND', vendorCode: 'invalid_collection', via: 'collection' },
  { name: '404 PERSON_NOT_FOUND', status: 404, body: { error: 'Person not found', message: 'PERSON_NOT_FOUND' }, code: 'NOT_FOUND', vendorCode: 'PERSON_NOT_FOUND', via: 'persons' },
  { name: '409 MissingParameter (validation)', status: 409, body: { message: 'name is required', code: 'MissingParameter' }, code: 'INVALID_INPUT', vendorCode: 'MissingParameter', via: 'collection' },
  { name: '409 INVALID_PARAMETERS (list persons)', status: 409, body: { message: 'Invalid query parameters', code: 'INVALID_PARAMETERS' }, code: 'INVALID_INPUT', vendorCode: 'INVALID_PARAMETERS', via: 'persons' },
  { name: '409 name_too_short / MissingParameter (lookup)', status: 409, body: { message: 'name_too_short', code: 'MissingParameter' }, code: 'INVALID_INPUT', vendorCode: 'MissingParameter', via: 'persons' },
  { name: '409 409:duplicated_person', status: 409, body: { message: '409:duplicated_person', code: 'ERROR' }, code: 'CONFLICT', vendorCode: '409:duplicated_person', via: 'persons' },
  { name: '409 liveness_failed', status: 409, body: { message: 'search_live_face:liveness_failed', code: 'ERROR' }, code: 'INVALID_INPUT', vendorCode: 'search_live_face:liveness_failed', via: 'persons' },
  { name: '412 only_images_in_base64', status: 412, body: { message: 'only_images_in_base64', code: 'ERROR' }, code: 'CONFLICT', vendorCode: 'only_images_in_base64', via: 'persons' },
  { name: '412 person_already_set / PreconditionFailed', status: 412, body: { message: 'person_already_set', code: 'PreconditionFailed', data: personDto(personId(1)) }, code: 'CONFLICT', vendorCode: 'PreconditionFailed', via: 'persons' },
  { name: '500 internal_error', status: 500, body: { message: 'internal_error', code: 'ERROR' }, code: 'PROVIDER_ERROR', vendorCode: 'internal_error', via: 'persons' },
];
