// Public surface of @parallax/pipeline. Named exports only.
export { runPipelineOnce, runWorker, rowsWritten, sleep } from './run.ts';
export { createStatsRefresher, DEFAULT_ANALYZE_EVERY_MS } from './planner-stats.ts';
export type { StatsRefresherOptions } from './planner-stats.ts';
export type { PipelineOptions, PipelineRound, WorkerOptions } from './run.ts';
export { crawlDueFeeds, DEFAULT_LEASE_MS } from './crawl-step.ts';
export type { CrawlOptions, CrawlStats } from './crawl-step.ts';
export { articleIdForUrl } from './store-entry.ts';
export { DEFAULT_PAGE_RETRY } from './page-retry.ts';
export type { PageRetryPolicy } from './page-retry.ts';
export { clusterBatch, clusterPending, CLUSTER_STATE_KEY } from './cluster-step.ts';
export type { ClusterCache, ClusterStepOptions } from './cluster-step.ts';
export { analyzePending, analysisInputHash } from './analyze-step.ts';
export type { AnalyzeStepOptions } from './analyze-step.ts';
export { importArticles } from './import-articles.ts';
export type { ImportOptions, ImportProgress, ImportResult } from './import-articles.ts';
export { toArticleInput } from './article-input.ts';
export { coreClustererFactory, coreAnalyzer } from './core-engines.ts';
export type {
  ClustererFactory,
  PipelineEvent,
  PipelineLog,
  StoryAnalyzer,
  StreamClusterer,
} from './ports.ts';
export { startReplayServer, planReplay } from './replay/replay-server.ts';
export type { ReplayOptions, ReplayOutlet, ReplayServer } from './replay/replay-server.ts';
export {
  exportOpml,
  importOpml,
  outletDomainOf,
  parseHttpUrl,
  readSubscriptionList,
  subscribeFeed,
  subscribeFeeds,
} from './subscriptions.ts';
export type {
  ImportOpmlResult,
  SkippedSubscription,
  SubscribeResult,
  Subscription,
  SubscriptionList,
} from './subscriptions.ts';
export {
  buildOutletsCsv,
  buildOutletsJson,
  leanSide,
  normalizeLean,
  parseOutletsFile,
  profileFromFields,
} from './outlet-file.ts';
export type { OutletsFileParse } from './outlet-file.ts';
