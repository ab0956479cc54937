import type { Metadata } from 'next';
import { notFound, permanentRedirect } from 'next/navigation';
import { cache } from 'react';
import type { LeanCoverage, StoryPage as StoryPageData } from '@parallax/api';
import { CoverageByLean } from '../../../components/story/coverage.tsx';
import { StorySummary } from '../../../components/story/summary.tsx';
import { ClaimsMatrix } from '../../../components/story/claims-matrix.tsx';
import { HeadlineComparison } from '../../../components/story/headline-comparison.tsx';
import { OutletCards } from '../../../components/story/outlet-cards.tsx';
import { Voices } from '../../../components/story/voices.tsx';
import { WordChoice } from '../../../components/story/word-choice.tsx';
import { PublicationTimeline } from '../../../components/timeline.tsx';
import { isoOf, plural } from '../../../lib/format.ts';
import { articleLabels, firstIds } from '../../../lib/story-view.ts';
import type { StoryArticleMeta } from '../../../lib/story-view.ts';
import { decodeSegment } from '../../../lib/params.ts';
import { formatPublished, publicationRanks } from '../../../lib/publication.ts';
import { getApi, isBadRequest, isNotFound } from '../../../server/api.ts';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ id: string }> };
type Found = Extract<StoryPageData, { kind: 'story' }>;

/**
 * Loads the story; merged ids redirect permanently to the surviving story; unknown ids, and ids
 * that cannot exist (bad percent-encoding, blank, NUL, over 200 characters: the API's 400), are a
 * 404. Once per request: generateMetadata and the page share it (React `cache`), so the analysis
 * is read and validated once.
 */
const loadStory = cache(async (rawId: string): Promise<Found> => {
  const id = decodeSegment(rawId);
  if (id === null) notFound();
  const api = await getApi();
  let page: StoryPageData;
  try {
    page = await api.stories.get({ id });
  } catch (error) {
    if (isNotFound(error) || isBadRequest(error)) notFound();
    throw error;
  }
  if (page.kind === 'redirect') permanentRedirect(`/stories/${encodeURIComponent(page.id)}`);
  return page;
});

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { id } = await params;
  const page = await loadStory(id);
  return { title: page.story.title };
}

/** Story page: how each outlet framed one story, every item linked to its evidence in the text. */
export default async function StoryPage({ params }: Params) {
  const { id } = await params;
  const page = await loadStory(id);
  const { story, articles } = page;
  const meta = new Map<string, StoryArticleMeta>(
    articles.map((a) => [
      a.id,
      {
        id: a.id,
        title: a.title,
        url: a.url,
        outletId: a.outletId,
        outletName: a.outletName,
        publishedAt: a.publishedAt,
        outletMetadata: a.outletMetadata,
        outletCountry: a.outletCountry,
      },
    ]),
  );
  const analysis = page.analysis.status === 'ready' ? page.analysis.analysis : null;
  return (
    <article aria-labelledby="story-title">
      <p className="small muted" style={{ margin: 0 }}>
        <a href="/">Stories</a> / story
      </p>
      <h1 id="story-title">{story.title}</h1>
      <p className="lead">
        {plural(story.outletCount, 'outlet')} · {plural(story.articleCount, 'article')}
        {analysis ? ` · ${plural(analysis.sourceCount, 'independent source')}` : ''} · first{' '}
        <time dateTime={isoOf(story.firstPublishedAt)}>{formatPublished(story.firstPublishedAt)}</time>, last{' '}
        <time dateTime={isoOf(story.lastPublishedAt)}>{formatPublished(story.lastPublishedAt)}</time>
      </p>
      <p className="small muted">
        The story title is one outlet’s headline. Everything below attributed to an outlet is quoted from its own text; follow
        any link to see the passage highlighted in context.
      </p>
      {analysis === null ? (
        <PendingStory storyId={story.id} articles={articles} reason={page.analysis.status === 'pending' ? page.analysis.reason : 'not-analysed'} />
      ) : (
        <AnalysedStory
          storyId={story.id}
          analysis={analysis}
          meta={meta}
          coverage={page.coverage}
          isStale={page.analysis.status === 'ready' && page.analysis.isStale}
        />
      )}
    </article>
  );
}

function AnalysedStory({
  storyId,
  analysis,
  meta,
  coverage,
  isStale,
}: {
  storyId: string;
  coverage: LeanCoverage | null;
  analysis: NonNullable<Extract<Found['analysis'], { status: 'ready' }>['analysis']>;
  meta: Map<string, StoryArticleMeta>;
  isStale: boolean;
}) {
  const labels = articleLabels(analysis.articles, meta);
  const ranks = publicationRanks(analysis.articles);
  const first = firstIds(ranks);
  return (
    <>
      {isStale ? (
        <p className="notice" role="status">
          New articles arrived since this analysis; it will be recomputed shortly.
        </p>
      ) : null}
      <StorySummary storyId={storyId} claims={analysis.claims} articles={analysis.articles} sourceCount={analysis.sourceCount} labels={labels} />
      {coverage ? (
        <section aria-labelledby="coverage">
          <h2 id="coverage">Coverage by lean</h2>
          <CoverageByLean coverage={coverage} labels={labels} />
        </section>
      ) : null}
      <nav aria-label="On this page" className="small">
        <a href="#outlets">Outlets</a> · <a href="#timeline">Timeline</a> · <a href="#claims">Claims</a> · <a href="#voices">Voices</a> ·{' '}
        <a href="#words">Word choice</a> · <a href="#headlines">Headlines</a>
      </nav>
      <section aria-labelledby="outlets">
        <h2 id="outlets">Outlets</h2>
        <OutletCards storyId={storyId} articles={analysis.articles} meta={meta} labels={labels} ranks={ranks} />
      </section>
      <section aria-labelledby="timeline">
        <h2 id="timeline">Publication timeline</h2>
        <PublicationTimeline
          items={analysis.articles.map((a) => ({ id: a.id, label: labels.get(a.id) ?? a.id, time: a.publishedAt }))}
          firstIds={first}
          caption="Publication times"
        />
      </section>
      <section aria-labelledby="claims">
        <h2 id="claims">Claims across outlets</h2>
        <p className="small muted">
          Sentences aligned across outlets into shared facts. Each claim is shown in the words of the first outlet that carried it;
          open it to read every outlet’s own sentence.
        </p>
        <ClaimsMatrix storyId={storyId} claims={analysis.claims} articles={analysis.articles} labels={labels} />
      </section>
      <section aria-labelledby="voices">
        <h2 id="voices">Voices</h2>
        <Voices storyId={storyId} articles={analysis.articles} labels={labels} />
      </section>
      <section aria-labelledby="words">
        <h2 id="words">Word choice</h2>
        <p className="small muted">Words each outlet chose that the story’s other sources avoid, loaded and rare words first; names, numbers, dates and quoted words never count.</p>
        <WordChoice storyId={storyId} articles={analysis.articles} labels={labels} />
      </section>
      <section aria-labelledby="headlines">
        <h2 id="headlines">Headlines</h2>
        <HeadlineComparison storyId={storyId} articles={analysis.articles} labels={labels} />
      </section>
    </>
  );
}

function PendingStory({ storyId, articles, reason }: { storyId: string; articles: Found['articles']; reason: string }) {
  return (
    <>
      <p className="notice" role="status">
        The framing analysis of this story is not ready yet ({reason.replaceAll('-', ' ')}). The articles are listed below.
      </p>
      <h2>Articles</h2>
      <ol className="cards">
        {articles.map((a) => (
          <li key={a.id} className="card">
            {a.outletId !== null ? (
              <a className="outlet" href={`/outlets/${a.outletId}`}>
                {a.outletName ?? 'Unknown outlet'}
              </a>
            ) : (
              <span className="outlet">{a.outletName ?? 'Unknown outlet'}</span>
            )}
            <time className="small muted" dateTime={isoOf(a.publishedAt)}>
              {formatPublished(a.publishedAt)}
            </time>
            <p className="headline">{a.title}</p>
            {a.summary ? <p className="small">{a.summary}</p> : null}
            <div className="links">
              <a href={`/stories/${encodeURIComponent(storyId)}/text/${encodeURIComponent(a.id)}`}>Full text</a>
              {a.url ? (
                <a href={a.url} rel="noopener noreferrer nofollow">
                  Original ↗
                </a>
              ) : null}
            </div>
          </li>
        ))}
      </ol>
    </>
  );
}
