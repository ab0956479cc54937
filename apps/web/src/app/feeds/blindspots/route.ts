import { feedResponse } from '../feed-response.ts';

export const dynamic = 'force-dynamic';

/** RSS (default) or Atom (`?format=atom`) feed of blindspots: stories one side barely covers. */
export function GET(request: Request): Promise<Response> {
  return feedResponse(request, { kind: 'blindspots' });
}
