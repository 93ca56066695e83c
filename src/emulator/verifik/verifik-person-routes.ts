import type { EmulatorRequest, RouteDef } from '../emulator-server.js';
import { isNonEmptyString, isRecord, parseIntParam, parseJsonBody } from '../request-body.js';
import type { VerifikReplies } from './verifik-replies.js';
import { parseDateOfBirth, serializePerson, type PersonFields, type VerifikState } from './verifik-state.js';
import type { EmulatorResponse } from '../wire.js';

export const MAX_PERSON_LIMIT = 100;
const DEFAULT_PERSON_LIMIT = 10;
const STATUSES = ['active', 'inactive', 'pending'];

/** Raw base64, no `data:` prefix; very short payloads are refused like the docs' "too small". */
function isBase64Image(value: unknown): boolean {
  return typeof value === 'string' && value.length >= 8 && value.length % 4 === 0 && /^[A-Za-z0-9+/]+={0,2}$/.test(value);
}

type Checked = { fields: PersonFields } | { error: EmulatorResponse };

export function personRoutes(state: VerifikState, replies: VerifikReplies, base: string): RouteDef[] {
  /** Validates everything before anything is applied, so a refused update changes nothing. */
  const readFields = (req: EmulatorRequest, creating: boolean): Checked => {
    const parsed = parseJsonBody(req.body);
    if (!parsed.ok) return { error: replies.missing(`invalid JSON body: ${parsed.error}`) };
    const body = parsed.value;
    if (!isRecord(body)) return { error: replies.missing(creating ? 'name is required' : 'body must be a JSON object') };
    const fields: PersonFields = {};
    if (creating || body.name !== undefined) {
      if (!isNonEmptyString(body.name)) return { error: replies.missing('name is required') };
      fields.name = body.name;
    }
    if (body.gender !== undefined) {
      if (body.gender !== 'M' && body.gender !== 'F') return { error: replies.missing('gender must be M or F') };
      fields.gender = body.gender;
    }
    if (body.date_of_birth !== undefined) {
      const dob = typeof body.date_of_birth === 'string' ? parseDateOfBirth(body.date_of_birth) : undefined;
      if (dob === undefined) return { error: replies.missing('date_of_birth must be YYYY-MM-DD') };
      fields.date_of_birth = dob;
    }
    for (const field of ['nationality', 'notes'] as const) {
      const value = body[field];
      if (value === undefined) continue;
      if (typeof value !== 'string') return { error: replies.missing(`${field} must be a string`) };
      fields[field] = value;
    }
    if (creating || body.images !== undefined) {
      const images = body.images;
      if (!Array.isArray(images) || images.length < 1 || images.length > 3) {
        return { error: replies.missing('images must be an array of 1 to 3 base64 strings') };
      }
      if (!images.every(isBase64Image)) return { error: replies.error(412, { message: 'only_images_in_base64', code: 'ERROR' }) };
      fields.images = images as string[];
    }
    if (body.collections !== undefined) {
      const refs = body.collections;
      if (!Array.isArray(refs) || !refs.every(isNonEmptyString)) {
        return { error: replies.missing('collections must be an array of collection ids') };
      }
      const ids: string[] = [];
      for (const ref of refs) {
        const collection = state.findCollection(ref);
        if (collection === undefined) return { error: replies.invalidCollection() };
        ids.push(collection._id);
      }
      fields.collections = ids;
    }
    return { fields };
  };

  const list = (req: EmulatorRequest): EmulatorResponse => {
    const page = parseIntParam(req.query.get('page'), 1);
    const limit = parseIntParam(req.query.get('limit'), DEFAULT_PERSON_LIMIT);
    const status = req.query.get('status');
    if (
      page === undefined ||
      page < 1 ||
      limit === undefined ||
      limit < 1 ||
      limit > MAX_PERSON_LIMIT ||
      (status !== null && !STATUSES.includes(status))
    ) {
      return replies.error(409, { message: 'Invalid query parameters', code: 'INVALID_PARAMETERS' });
    }
    const ref = req.query.get('collection') || undefined;
    const collection = ref === undefined ? undefined : state.findCollection(ref);
    // An unknown collection filter matches nobody (a 200 with an empty page, like lookup).
    // Every stored person is 'active', so any other status filter matches nobody too.
    const nobody = (ref !== undefined && collection === undefined) || (status !== null && status !== 'active');
    const { items, total } = nobody
      ? { items: [], total: 0 }
      : state.pagePersons(collection?._id, (page - 1) * limit, limit);
    const populates = [...req.query.getAll('populates[]'), ...req.query.getAll('populates')];
    const populate = populates.includes('collections') ? (id: string) => state.getCollection(id) : undefined;
    return replies.person(
      items.map((p) => serializePerson(p, populate)),
      { page, limit, total, pages: Math.ceil(total / limit) },
    );
  };

  const get = (req: EmulatorRequest): EmulatorResponse => {
    const person = state.getPerson(req.params.id ?? '');
    return person === undefined ? replies.personNotFound() : replies.person(serializePerson(person));
  };

  const create = (req: EmulatorRequest): EmulatorResponse => {
    const checked = readFields(req, true);
    if ('error' in checked) return checked.error;
    const fields = checked.fields as PersonFields & { name: string };
    const wanted = fields.collections ?? [];
    // Uniqueness is name + date of birth within a collection, not face similarity.
    const existing = state.findDuplicate(fields, wanted);
    if (existing !== undefined) {
      return replies.error(412, { message: 'person_already_set', code: 'PreconditionFailed', data: serializePerson(existing) });
    }
    return replies.person(serializePerson(state.createPerson(fields)));
  };

  const update = (req: EmulatorRequest): EmulatorResponse => {
    const person = state.getPerson(req.params.id ?? '');
    if (person === undefined) return replies.personNotFound();
    const checked = readFields(req, false);
    if ('error' in checked) return checked.error;
    state.applyFields(person, checked.fields);
    return replies.person(serializePerson(person));
  };

  const remove = (req: EmulatorRequest): EmulatorResponse => {
    const person = state.getPerson(req.params.id ?? '');
    if (person === undefined) return replies.personNotFound();
    const ref = req.query.get('collection');
    if (ref !== null && ref !== '') {
      // Detach only; the record survives even with no collection left (the docs leave it to the server).
      const collection = state.findCollection(ref);
      if (collection === undefined) return replies.invalidCollection();
      state.detach(person, collection._id);
    } else {
      state.deletePerson(person._id);
    }
    return replies.person({ _id: person._id });
  };

  return [
    { method: 'GET', pattern: `${base}/persons`, handler: list },
    { method: 'POST', pattern: `${base}/persons`, handler: create },
    { method: 'GET', pattern: `${base}/persons/:id`, handler: get },
    { method: 'PUT', pattern: `${base}/persons/:id`, handler: update },
    { method: 'DELETE', pattern: `${base}/persons/:id`, handler: remove },
  ];
}
