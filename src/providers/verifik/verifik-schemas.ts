import { z } from 'zod';

/**
 * Response schemas for the Verifik endpoints we call, each as small as the fields we read.
 * Objects strip unknown keys (the untouched body stays in `raw`) and optional fields accept the
 * vendor's `null`s. Collections answer `{data}`; persons answer `{id, data, signature}` in the
 * newer docs and `{success, data}` in the older ones: both only need `data`.
 */

const optionalText = z.string().nullish();

export const verifikCollectionSchema = z.object({
  _id: z.string().min(1),
  /** Face-engine UUID: exposed as `engineId`. */
  code: optionalText,
  // Documented as required, but a record without it is still worth listing: it maps to ''.
  name: optionalText,
  description: optionalText,
  /** Documented as a soft-delete flag; such records are hidden from lists. */
  deleted: z.boolean().nullish(),
  createdAt: optionalText,
  updatedAt: optionalText,
});

export type VerifikCollectionDto = z.infer<typeof verifikCollectionSchema>;

export const collectionEnvelopeSchema = z.object({ data: verifikCollectionSchema });
/** The seed documents a 200 with the snapshot; a 204 No Content still means it was deleted. */
export const collectionDeleteEnvelopeSchema = collectionEnvelopeSchema.optional();
export const collectionListEnvelopeSchema = z.object({ data: z.array(verifikCollectionSchema) });

/**
 * A person's `collections` are ids, or objects when the server populates them. Either way we
 * only need each entry's id, and an unreadable entry must fail the read: the membership write
 * sends the whole set back, so guessing would drop a collection the person belongs to.
 */
const membershipEntrySchema = z.union([z.string().min(1), z.object({ _id: z.string().min(1) })]);

export const verifikPersonSchema = z.object({
  _id: z.string().min(1),
  name: optionalText,
  collections: z.array(membershipEntrySchema).nullish(),
  /** Only seen in one example; such records are hidden from lists. */
  deleted: z.boolean().nullish(),
  createdAt: optionalText,
});

export type VerifikPersonDto = z.infer<typeof verifikPersonSchema>;

export const personEnvelopeSchema = z.object({ data: verifikPersonSchema });

/**
 * An update answers with the person, but nothing in it is read: a 2xx to a PUT of the full set
 * is the success. (Echoed documents can be the pre-update version on Mongo-backed APIs, so
 * second-guessing the 2xx from them would report false failures.)
 */
export const personUpdateEnvelopeSchema = z.object({ data: z.object({}).nullish() });

/**
 * A delete answers `{data: {_id}}` (older docs add `success`/`message`); nothing else is read.
 * Optional, so a 204 No Content (which the http client hands over as `undefined`) is a success.
 */
export const personDeleteEnvelopeSchema = z.object({
  data: z.object({ _id: z.string().nullish() }).nullish(),
}).optional();

// The docs hedge about the list envelope, so `pagination` (and each of its numbers) is optional.
const paginationSchema = z.object({
  page: z.number().nullish(),
  pages: z.number().nullish(),
  limit: z.number().nullish(),
  total: z.number().nullish(),
});

export const personPageEnvelopeSchema = z.object({
  data: z.array(verifikPersonSchema),
  pagination: paginationSchema.nullish(),
});

export type VerifikPersonPage = z.infer<typeof personPageEnvelopeSchema>;
