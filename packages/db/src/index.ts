// Public surface of @parallax/db: the client factory, the schema, and typed queries `fn(db, params)`.
export { createDb, isPostgresUrl, redactUrl, DEFAULT_PGLITE_DIR } from './client.ts';
export type { Database, DbHandle, Engine, CreateDbOptions, Schema } from './client.ts';
export { applyMigrations, migrationStatus, rowsOf } from './migrate.ts';
export {
  outlets,
  OUTLET_LEANS,
  feeds,
  articles,
  stories,
  storyRedirects,
  storyAnalyses,
  pipelineState,
  extractionStatus,
} from './schema/index.ts';
export type {
  Outlet,
  NewOutlet,
  OutletMetadata,
  OutletLean,
  Feed,
  NewFeed,
  Article,
  NewArticle,
  ExtractionStatus,
  Story,
  NewStory,
  StoryAnalysisRow,
} from './schema/index.ts';
export {
  upsertOutlet,
  getOutlet,
  getOutletByDomain,
  listOutlets,
  setOutletProfiles,
} from './queries/outlets.ts';
export type { OutletProfileUpdate } from './queries/outlets.ts';
export { getState, setState } from './queries/state.ts';
export { analyzeTables } from './queries/maintenance.ts';
export { getSharedDb, setSharedDb, closeSharedDb } from './shared.ts';
export type { TestEngine } from './testing.ts';
export {
  addFeed,
  getFeedByUrl,
  listFeeds,
  claimDueFeeds,
  recordFeedFetch,
  releaseFeedLease,
  markAllFeedsDue,
  nextDueAt,
  ensureOutlets,
} from './queries/feeds.ts';
export type { AddFeedParams, FeedWithOutlet, ClaimParams, FeedFetchRecord } from './queries/feeds.ts';
export {
  insertArticles,
  storeArticle,
  findArticlesByUrl,
  recordPageFailure,
  listPagesToRetry,
  listUnclusteredArticles,
  listStoryArticles,
  getPipelineCounts,
} from './queries/articles.ts';
export type {
  StoreOutcome,
  KnownArticle,
  PageFailure,
  PageRetry,
  ArticleForPipeline,
  PipelineCounts,
} from './queries/articles.ts';
export {
  CLUSTERING_LOCK_KEY,
  withClusteringLock,
  applyClusterBatch,
  refreshStories,
  resolveStoryId,
  insertClusteredArticles,
  findStoredArticles,
} from './queries/clustering.ts';
export type { StoryAssignment, StoryMerge, ClusterBatch } from './queries/clustering.ts';
export {
  listStoriesNeedingAnalysis,
  saveStoryAnalysis,
  saveStoryAnalyses,
  getAnalysisInputHashes,
  touchStoryAnalyses,
} from './queries/analyses.ts';
export type { AnalysisTodoParams, SaveAnalysisParams } from './queries/analyses.ts';
export {
  listStories,
  getStoryDetail,
  getStoryVersion,
  getStoriesChangedAt,
  listBlindspotCandidates,
  getLatestStoryTime,
  toDateOrNull,
} from './queries/stories.ts';
export type {
  ListStoriesParams,
  StoryCursor,
  StoryOrder,
  StorySummary,
  StoryOutletChip,
  StoryTimelinePoint,
  StoryArticle,
  StoredAnalysis,
  StoryDetail,
  StoryLookup,
  BlindspotCandidate,
} from './queries/stories.ts';
export { searchArticles, searchStories, parseHighlighted } from './queries/search.ts';
export type { HighlightedText, SearchParams, ArticleHit, StoryHit } from './queries/search.ts';
export { listOutletsWithStats, getOutletFirstStats, listOutletAnalyses } from './queries/outlet-stats.ts';
export type { OutletListItem, OutletFirstStats, OutletStoryAnalysis } from './queries/outlet-stats.ts';
export { getFeed, pauseFeed, resumeFeed, removeFeed } from './queries/feeds-admin.ts';
