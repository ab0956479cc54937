import { z } from 'zod';

/** A serial id: a positive PostgreSQL `integer` (larger numbers would be a database error, not a 400). */
export const serialId = z.number().int().positive().max(2_147_483_647);
