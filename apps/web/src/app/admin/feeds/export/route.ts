import { cookies } from 'next/headers';
import { ADMIN_COOKIE, errorMessage, getAdminApi } from '../../../../server/api.ts';

export const dynamic = 'force-dynamic';

/** Downloads every feed as OPML; needs the admin cookie set by unlocking the admin page. */
export async function GET(): Promise<Response> {
  const token = (await cookies()).get(ADMIN_COOKIE)?.value;
  try {
    const { opml } = await (await getAdminApi(token)).feeds.exportOpml();
    return new Response(opml, {
      headers: {
        'content-type': 'text/x-opml; charset=utf-8',
        'content-disposition': 'attachment; filename="parallax-feeds.opml"',
        'cache-control': 'no-store',
      },
    });
  } catch (error) {
    return new Response(`${errorMessage(error)}\n`, { status: token ? 403 : 401, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  }
}
