import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Parallax', template: '%s · Parallax' },
  description: 'Stories across outlets, and how each outlet framed them, with checkable evidence.',
  // Feed readers and browsers find the published feeds from any page.
  alternates: {
    types: {
      'application/rss+xml': [
        { url: '/feeds/top', title: 'Parallax: top stories (RSS)' },
        { url: '/feeds/blindspots', title: 'Parallax: blindspots (RSS)' },
      ],
      'application/atom+xml': [
        { url: '/feeds/top?format=atom', title: 'Parallax: top stories (Atom)' },
        { url: '/feeds/blindspots?format=atom', title: 'Parallax: blindspots (Atom)' },
      ],
    },
  },
};

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  colorScheme: 'light dark',
};

/** The shell of every page: skip link, navigation, main landmark, footer. */
export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <header className="site-header">
          <nav aria-label="Main">
            <a className="brand" href="/">
              Parallax
            </a>
            <ul>
              <li>
                <a href="/">Stories</a>
              </li>
              <li>
                <a href="/blindspots">Blindspots</a>
              </li>
              <li>
                <a href="/search">Search</a>
              </li>
              <li>
                <a href="/feeds">Subscribe</a>
              </li>
              <li>
                <a href="/admin/feeds">Sources</a>
              </li>
            </ul>
          </nav>
        </header>
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <footer className="site-footer">
          Parallax groups articles from many outlets into stories and shows how each outlet framed them. Everything
          attributed to an outlet is quoted verbatim from its text, with a link to where it appears.
        </footer>
      </body>
    </html>
  );
}
