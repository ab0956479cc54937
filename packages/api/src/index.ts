// Public surface of @parallax/api. Named exports only.
export { appRouter, createCaller } from './root.ts';
export type { AppRouter, RouterInputs, RouterOutputs } from './root.ts';
export { createApiContext, describeZodError } from './trpc.ts';
export type { ApiContext, CreateContextOptions, DiscoverFeeds, DiscoverFeedsResult, ShareValue } from './trpc.ts';
export { readAnalysis } from './analysis.ts';
export type { AnalysisState } from './analysis.ts';
export { STORY_WINDOWS } from './routers/stories.ts';
export type { StoryWindow, StoryListInput, StoryListOutput, StoryPage } from './routers/stories.ts';
export type { SearchInput, SearchPage } from './routers/search.ts';
export type { OutletName, OutletPage, OutletsImportOutput } from './routers/outlets.ts';
export type { AddFeedOutput, ImportOutput } from './routers/feeds.ts';
export type { HealthOutput } from './routers/health.ts';
export type { FeedStatus, FeedHealth } from './feed-status.ts';
export type { OutletProfile, OutletVoice, OutletTerm } from './outlet-profile.ts';
// The web app imports only this package: the lean scale it shows lives with the outlets file.
export { normalizeLean } from '@parallax/pipeline';
export { coverageByLean, blindspotOf, BLINDSPOT_MIN_RATED, BLINDSPOT_MAX_SHARE } from './coverage.ts';
export type { LeanCoverage, LeanSide, CoverageSource } from './coverage.ts';
export type { BlindspotStory } from './blindspots.ts';
export type { OutletMetadata } from '@parallax/db';
export { parseFeedFormat } from './feeds-out.ts';
export type { FeedRequest, FeedFormat, FeedOutOptions, FeedOut } from './feeds-out.ts';
export { createRateLimiter, clientKey, forwardedFor } from './rate-limit.ts';
export type { RateLimiter, RateLimitOptions, RateLimitDecision } from './rate-limit.ts';
export { createPageCache, pageVersions, HOME_PAGE_TTL_MS } from './page-cache.ts';
export { createWebHandler } from './web-handler.ts';
export type { WebHandlerOptions } from './web-handler.ts';
export type { PageCache, PageCacheOptions, PageCacheStats, PageVersion } from './page-cache.ts';
// What a server process builds for the web app (apps/web imports no database or crawler).
export { createServerContext, buildServerStoriesFeed } from './server-context.ts';
export type { ServerEnv } from './server-context.ts';
export { processWide } from './process-wide.ts';
export { forgetSharedValues } from './shared-value.ts';
