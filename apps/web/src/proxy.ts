import { NextResponse } from 'next/server';
import type { NextRequest } from 'next/server';

/**
 * Paths with a dynamic segment that is not valid percent-encoding (`/stories/%ff`): Next.js fails
 * to decode the segment before any page or route code runs and answers 500. Such an id cannot
 * exist, so pages answer the 404 page and the API and feeds a 400 that says why.
 */
export function proxy(request: NextRequest): NextResponse {
  const { pathname } = request.nextUrl;
  try {
    decodeURIComponent(pathname);
    return NextResponse.next();
  } catch {
    if (pathname.startsWith('/api/') || pathname.startsWith('/feeds/')) {
      return new NextResponse('Bad request: the path is not valid percent-encoding\n', {
        status: 400,
        headers: { 'content-type': 'text/plain; charset=utf-8' },
      });
    }
    // Any path that matches no page renders the app's not-found page with status 404.
    return NextResponse.rewrite(new URL('/not-found-invalid-path', request.url), { status: 404 });
  }
}

// Only paths of the routes with dynamic segments that hold a percent sign (the only ones that can
// fail to decode): static files, the home page and ordinary story, outlet, API and feed requests
// never pay for the check (about 1 ms of CPU a story view).
export const config = { matcher: ['/stories/:path(.*%.*)', '/outlets/:path(.*%.*)', '/api/trpc/:path(.*%.*)', '/feeds/:path(.*%.*)'] };
