import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { feedsRouter } from './routers/feeds.ts';
import { healthRouter } from './routers/health.ts';
import { outletsRouter } from './routers/outlets.ts';
import { searchRouter } from './routers/search.ts';
import { storiesRouter } from './routers/stories.ts';
import { createCallerFactory, createTRPCRouter } from './trpc.ts';

/** The whole API: one router per domain noun. */
export const appRouter = createTRPCRouter({
  stories: storiesRouter,
  outlets: outletsRouter,
  feeds: feedsRouter,
  search: searchRouter,
  health: healthRouter,
});

export type AppRouter = typeof appRouter;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;

/** Server-side caller: `createCaller(createApiContext({ db, … })).stories.list({})`. */
export const createCaller = createCallerFactory(appRouter);
