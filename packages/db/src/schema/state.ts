import { jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Small named documents the pipeline persists between runs, e.g. the clusterer's state. */
export const pipelineState = pgTable('pipeline_state', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
