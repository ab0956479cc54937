import { z } from 'zod';

// Output schemas of the public list procedures: they document the wire format and guarantee that
// nothing beyond these fields (feed validators, worker leases) ever leaves the server.

const highlighted = z.object({
  text: z.string(),
  highlights: z.array(z.object({ start: z.number().int(), end: z.number().int() })),
});

const storySummaryOutput = z.object({
  id: z.string(),
  title: z.string(),
  firstPublishedAt: z.date().nullable(),
  lastPublishedAt: z.date().nullable(),
  articleCount: z.number().int(),
  outletCount: z.number().int(),
  updatedAt: z.date(),
  hasAnalysis: z.boolean(),
  outlets: z.array(
    z.object({
      id: z.number().int().nullable(),
      name: z.string(),
      domain: z.string().nullable(),
      articleCount: z.number().int(),
    }),
  ),
  timeline: z.array(
    z.object({
      articleId: z.string(),
      outletId: z.number().int().nullable(),
      outletName: z.string().nullable(),
      publishedAt: z.date().nullable(),
    }),
  ),
});

export const storyListOutput = z.object({
  items: z.array(storySummaryOutput),
  nextCursor: z.string().nullable(),
  since: z.date().nullable(),
  anchor: z.date(),
});

export const articleHitOutput = z.object({
  id: z.string(),
  url: z.string().nullable(),
  storyId: z.string().nullable(),
  outletId: z.number().int().nullable(),
  outletName: z.string().nullable(),
  publishedAt: z.date().nullable(),
  rank: z.number(),
  title: highlighted,
  snippet: highlighted,
});

export const storyHitOutput = z.object({
  id: z.string(),
  title: z.string(),
  outletCount: z.number().int(),
  articleCount: z.number().int(),
  lastPublishedAt: z.date().nullable(),
  matches: z.number().int(),
  rank: z.number(),
  bestArticleId: z.string(),
  bestTitle: highlighted,
  snippet: highlighted,
});

export const feedStatusOutput = z.object({
  id: z.number().int(),
  url: z.string(),
  title: z.string().nullable(),
  siteUrl: z.string().nullable(),
  outletId: z.number().int(),
  outletName: z.string().nullable(),
  outletDomain: z.string().nullable(),
  health: z.enum(['new', 'ok', 'failing', 'paused']),
  enabled: z.boolean(),
  pausedReason: z.string().nullable(),
  lastFetchedAt: z.date().nullable(),
  nextFetchAt: z.date().nullable(),
  intervalSeconds: z.number().int(),
  errorCount: z.number().int(),
  lastError: z.string().nullable(),
  lastStatus: z.number().int().nullable(),
  createdAt: z.date(),
});

export const outletListOutput = z.array(
  z.object({
    id: z.number().int(),
    name: z.string(),
    domain: z.string(),
    country: z.string().nullable(),
    language: z.string().nullable(),
    articleCount: z.number().int(),
    storyCount: z.number().int(),
    feedCount: z.number().int(),
    failingFeedCount: z.number().int(),
    lastPublishedAt: z.date().nullable(),
  }),
);
