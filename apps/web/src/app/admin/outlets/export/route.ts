import { cookies } from 'next/headers';
import { ADMIN_COOKIE, errorMessage, getAdminApi } from '../../../../server/api.ts';

export const dynamic = 'force-dynamic';

/** Downloads every outlet's profile as an outlets file (`?format=csv|json`); needs the admin cookie. */
export async function GET(request: Request): Promise<Response> {
  const token = (await cookies()).get(ADMIN_COOKIE)?.value;
  const format = new URL(request.url).searchParams.get('format') === 'json' ? 'json' : 'csv';
  try {
    const { text, contentType } = await (await getAdminApi(token)).outlets.exportProfiles({ format });
    return new Response(text, {
      headers: {
        'content-type': contentType,
        'content-disposition': `attachment; filename="parallax-outlets.${format}"`,
        'cache-control': 'no-store',
      },
    });
  } catch (error) {
    return new Response(`${errorMessage(error)}\n`, {
      status: token ? 403 : 401,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
  }
}
