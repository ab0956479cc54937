// Public surface of @parallax/api. Named exports only.
export { appRouter, createCaller } from './root.ts';
export type { AppRouter, RouterInputs, RouterOutputs } from './root.ts';
export { createApiContext, describeZodError } from './trpc.ts';
export type { ApiContext, CreateContextOptions, DiscoverFeeds, DiscoverFeedsResult } from './trpc.ts';
export { readAnalysis } from './analysis.ts';
export type { AnalysisState } from './analysis.ts';
export { STORY_WINDOWS } from './routers/stories.ts';
export type { StoryWindow, StoryListInput, StoryListOutput, StoryPage } from './routers/stories.ts';
export type { SearchInput, SearchPage } from './routers/search.ts';
export type { OutletPage } from './routers/outlets.ts';
export type { AddFeedOutput, ImportOutput } from './routers/feeds.ts';
export type { HealthOutput } from './routers/health.ts';
export type { FeedStatus, FeedHealth } from './feed-status.ts';
export type { OutletProfile, OutletVoice, OutletTerm } from './outlet-profile.ts';
export { parseOpml, buildOpml } from './opml.ts';
export type { OpmlEntry, OpmlParse } from './opml.ts';
