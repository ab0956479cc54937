export { outlets, OUTLET_LEANS } from './outlets.ts';
export type { Outlet, NewOutlet, OutletMetadata, OutletLean } from './outlets.ts';
export { feeds } from './feeds.ts';
export type { Feed, NewFeed } from './feeds.ts';
export { stories, storyRedirects, storyAnalyses } from './stories.ts';
export type { Story, NewStory, StoryAnalysisRow } from './stories.ts';
export { articles, extractionStatus } from './articles.ts';
export type { Article, NewArticle, ExtractionStatus } from './articles.ts';
export { pipelineState } from './state.ts';
