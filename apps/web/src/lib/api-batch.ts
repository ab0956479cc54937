/**
 * Procedures one batched request to `/api/trpc` may call (`/api/trpc/a,b,c?batch=1`): the route
 * refuses more with a 400, and the app's own client never sends more.
 */
export const MAX_API_BATCH = 10;
