import { integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/** A news organisation. One outlet has many feeds and many articles. */
export const outlets = pgTable(
  'outlets',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    /** Registrable host without `www.`, e.g. `example.com`; the natural key when crawling. */
    domain: text('domain').notNull(),
    /** ISO 3166-1 alpha-2. */
    country: text('country'),
    /** BCP 47 primary language, e.g. `en`. */
    language: text('language'),
    /** User-supplied, never inferred by Parallax: owner, self-declared or third-party lean, notes. */
    metadata: jsonb('metadata').$type<OutletMetadata>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    articleCount: integer('article_count').notNull().default(0),
  },
  (t) => [uniqueIndex('outlets_domain_key').on(t.domain)],
);

/** Political lean on a five-point scale (the vocabulary of AllSides and Ad Fontes' left-right axis). */
export const OUTLET_LEANS = ['left', 'centre-left', 'centre', 'centre-right', 'right'] as const;
export type OutletLean = (typeof OUTLET_LEANS)[number];

/**
 * What a user told Parallax about an outlet. Each rating names where it comes from (`leanSource`,
 * `ownerSource`: a rater, a URL, "self-declared"), so readers can weigh it; Parallax itself never
 * fills these in. `lean` is one of `OUTLET_LEANS` when set through the outlets file; older rows may
 * hold free text, which readers treat as unrated.
 */
export type OutletMetadata = {
  owner?: string;
  ownerSource?: string;
  lean?: string;
  leanSource?: string;
  notes?: string;
};

export type Outlet = typeof outlets.$inferSelect;
export type NewOutlet = typeof outlets.$inferInsert;
