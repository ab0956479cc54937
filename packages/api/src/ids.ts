import { z } from 'zod';

/** A serial id: a positive PostgreSQL `integer` (larger numbers would be a database error, not a 400). */
export const serialId = z.number().int().positive().max(2_147_483_647);

/** PostgreSQL text cannot hold NUL: refuse it at the door so it is a 400, not a database error. */
export function hasNoNul(value: string): boolean {
  return !value.includes('\u0000');
}
export const NUL_MESSAGE = 'must not contain NUL characters';
