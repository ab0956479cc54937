import { TRPCError } from '@trpc/server';
import { z } from 'zod';

/** Opaque cursor string carried by clients between pages. */
export const cursorInput = z.string().min(1).max(512).nullish();

/** Encodes a page position as an opaque, URL-safe string. */
export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

/** Decodes a cursor made by `encodeCursor` and checks its shape; a foreign or damaged cursor is a 400. */
export function decodeCursor<T>(cursor: string | null | undefined, schema: z.ZodType<T>): T | null {
  if (cursor === null || cursor === undefined) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    raw = undefined;
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new TRPCError({ code: 'BAD_REQUEST', message: 'Invalid input: cursor: not a cursor returned by this API' });
  }
  return parsed.data;
}

export const offsetCursor = z.object({ o: z.number().int().nonnegative().max(10_000) });
