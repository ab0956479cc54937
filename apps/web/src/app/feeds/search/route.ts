import { feedResponse } from '../feed-response.ts';

export const dynamic = 'force-dynamic';

/** Feed of the stories matching `?q=…`, so a search can be followed from a feed reader. */
export function GET(request: Request): Promise<Response> {
  const query = new URL(request.url).searchParams.get('q') ?? '';
  return feedResponse(request, { kind: 'search', query });
}
