import { feedResponse } from '../../feed-response.ts';

export const dynamic = 'force-dynamic';

/** Feed of the stories an outlet covered, newest first. */
export async function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await context.params;
  const outletId = /^[1-9]\d{0,9}$/.test(id) ? Number(id) : NaN;
  return feedResponse(
    request,
    Number.isSafeInteger(outletId) && outletId <= 2_147_483_647 ? { kind: 'outlet', outletId } : { error: `outlet: "${id}" is not an outlet id` },
  );
}
