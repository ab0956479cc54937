import { feedResponse } from '../feed-response.ts';

export const dynamic = 'force-dynamic';

/** RSS (default) or Atom (`?format=atom`) feed of the top stories of the last week. */
export function GET(request: Request): Promise<Response> {
  return feedResponse(request, { kind: 'top' });
}
