import type { StoryListOutput } from '@parallax/api';
import { formatAgo, formatDateTime, isoOf, plural } from '../lib/format.ts';
import { Sparkline } from './timeline.tsx';

type Story = StoryListOutput['items'][number];

/** Story rows: headline, outlet count and chips, a small publication histogram, last update. */
export function StoryList({
  stories,
  now,
  headingLevel = 2,
  notes,
}: {
  stories: readonly Story[];
  now: Date;
  headingLevel?: 2 | 3;
  /** A line to show under a story's headline (e.g. why it is a blindspot), by story id. */
  notes?: ReadonlyMap<string, string>;
}) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <ol className="story-list">
      {stories.map((story) => {
        const shown = story.outlets.slice(0, 8);
        return (
          <li key={story.id} className="story-item">
            <Heading>
              <a href={`/stories/${encodeURIComponent(story.id)}`}>{story.title}</a>
            </Heading>
            <p className="meta" style={{ margin: 0 }}>
              <strong>{plural(story.outletCount, 'outlet')}</strong> · {plural(story.articleCount, 'article')} · updated{' '}
              <time dateTime={isoOf(story.lastPublishedAt)} title={formatDateTime(story.lastPublishedAt)}>
                {formatAgo(story.lastPublishedAt, now)}
              </time>
              {story.hasAnalysis ? null : ' · analysis pending'}
            </p>
            {notes?.get(story.id) ? <p className="meta blindspot-note">{notes.get(story.id)}</p> : null}
            <ul className="chips" aria-label="Outlets">
              {shown.map((outlet) => (
                <li key={`${outlet.id ?? 'none'}-${outlet.name}`}>
                  {outlet.id === null ? (
                    <span className="chip">{outlet.name}</span>
                  ) : (
                    <a className="chip" href={`/outlets/${outlet.id}`}>
                      {outlet.name}
                    </a>
                  )}
                </li>
              ))}
              {story.outlets.length > shown.length ? <li className="chip">+{story.outlets.length - shown.length} more</li> : null}
            </ul>
            <Sparkline times={story.timeline.map((p) => p.publishedAt)} />
          </li>
        );
      })}
    </ol>
  );
}
