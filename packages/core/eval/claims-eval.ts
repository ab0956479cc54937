/**
 * Claim alignment on ECB+ dev (issue #14): does a claim link a sentence to the sentences of other
 * articles that report the same events, and only to those? Also the share of "omitted" marks that
 * are false (the article has a sentence reporting the event), a TF-IDF nearest-sentence baseline,
 * and the seed check (the "productive talks" and the surrender demand each one claim carried by
 * every text reporting them). Stories are split in halves by sha256(story): tune on one, report both.
 *
 * Unit: an annotated sentence s of article A and another article B of the story. Gold link: B has
 * an annotated sentence whose event set overlaps s's by at least half of the smaller. Predicted
 * link: a claim holding s has evidence in B; it earns m/k when that evidence names k sentences of
 * B of which m match s. P = earned / predicted, R = earned / gold.
 *
 * `CLAIM_OPTIONS='{"claims":{"linkThreshold":0.25}}'` tries other settings without editing the defaults.
 */
import type { AnalyzeOptions } from '../src/index.ts';
import { analyzeStory } from '../src/index.ts';
import { isFirstHalf, readSeeds, shared } from './corpus.ts';
import type { Counts } from './ecb.ts';
import { add, baselineStory, prf, readEcbStories, scoreClaims, toInput, zero } from './ecb.ts';

const overrides = JSON.parse(process.env.CLAIM_OPTIONS ?? '{}') as AnalyzeOptions;

/** Numbers before the claim pair model (issue #14 parts 2–3), measured with this eval. */
const BEFORE = {
  tune: { p: 0.747, r: 0.547, f1: 0.631 },
  held: { p: 0.707, r: 0.454, f1: 0.553 },
  whole: { p: 0.73, r: 0.506, f1: 0.598, falseOmissions: 0 / 16 },
};

const n3 = (x: number): string => x.toFixed(3);

function line(label: string, c: Counts, before?: { p: number; r: number; f1: number }): string {
  const s = prf(c);
  const was = before ? `  (before P ${n3(before.p)} R ${n3(before.r)} F1 ${n3(before.f1)})` : '';
  return `${label.padEnd(24)} P ${n3(s.p)} R ${n3(s.r)} F1 ${n3(s.f1)}  [earned ${c.earned.toFixed(1)} / predicted ${c.predicted} / gold ${c.gold}]${was}`;
}

/** The seed facts of issue #14, each recognised by its words in a sentence. */
const SEED_FACTS: { name: string; test: (s: string) => boolean }[] = [
  { name: 'productive talks', test: (s) => /\bproductive\b/i.test(s) && /\bTrump\b/.test(s) },
  {
    name: 'surrender demand',
    test: (s) =>
      /\bsurrender/i.test(s) && /\b(Putin|Russian leader)\b/.test(s) && /\b(order|demand|need)/i.test(s),
  },
];

function seedCheck(): void {
  const articles = readSeeds();
  if (!articles) {
    console.log('seeds: not found; skipped');
    return;
  }
  const r = analyzeStory(articles, overrides);
  const single = r.claims.filter((c) => c.sourceCount === 1).length;
  console.log(`seeds: ${r.claims.length} claims, ${single} from one source only`);
  for (const fact of SEED_FACTS) {
    const reporting = r.articles.filter((a) =>
      r.claims.some((c) => c.evidence.some((e) => e.articleId === a.id && fact.test(e.text))),
    );
    const holding = r.claims.filter((c) => c.evidence.some((e) => fact.test(e.text)));
    // The fact's claim: one that holds a sentence stating it and is carried by every text that
    // states it (a text may carry it through a paraphrase the word test does not catch).
    const carrier = holding.find((c) => reporting.every((a) => c.articleIds.includes(a.id)));
    const rows = holding.filter((c) => c !== carrier);
    console.log(
      `  ${fact.name}: ${carrier ? 'PASS' : 'FAIL'} (stated in ${reporting.length} texts [${reporting
        .map((a) => a.id)
        .join(
          ', ',
        )}]; ${carrier ? `claim ${carrier.id} carried by ${carrier.articleIds.length}` : 'no claim carried by all'}; other claims holding a sentence that states it: ${rows.length} [sizes ${rows
        .map((c) => c.articleIds.length)
        .join('/')}])`,
    );
  }
}

function main(): void {
  const stories = readEcbStories();
  if (!stories) {
    console.log(
      `claims-eval: shared corpus not found at ${shared} (set PARALLAX_SHARED); nothing to evaluate.`,
    );
    return;
  }
  const articleCount = [...stories.values()].reduce((n, items) => n + items.length, 0);
  let tune = zero();
  let held = zero();
  let baseTune = zero();
  let baseHeld = zero();
  let cpu = 0;
  for (const [story, items] of stories) {
    const c0 = process.cpuUsage();
    const analysis = analyzeStory(items.map(toInput), overrides);
    const c1 = process.cpuUsage(c0);
    cpu += (c1.user + c1.system) / 1000;
    const c = scoreClaims(items, analysis.claims);
    const b = baselineStory(items);
    if (isFirstHalf(story)) {
      tune = add(tune, c);
      baseTune = add(baseTune, b);
    } else {
      held = add(held, c);
      baseHeld = add(baseHeld, b);
    }
  }
  const whole = add(tune, held);
  console.log(
    `ECB+ dev: ${stories.size} stories, ${articleCount} articles (tune half = sha256(story)[0] even)`,
  );
  console.log(line('  tune half', tune, BEFORE.tune));
  console.log(line('  held-out half', held, BEFORE.held));
  console.log(line('  whole', whole, BEFORE.whole));
  console.log(line('  baseline TF-IDF, tune', baseTune));
  console.log(line('  baseline TF-IDF, held', baseHeld));
  console.log(line('  baseline TF-IDF, whole', add(baseTune, baseHeld)));
  const share = whole.omitted === 0 ? 0 : whole.falseOmitted / whole.omitted;
  console.log(
    `  false omissions: ${whole.falseOmitted} of ${whole.omitted} judged "omitted" marks (${(100 * share).toFixed(1)}%; before ${(100 * BEFORE.whole.falseOmissions).toFixed(1)}%)`,
  );
  console.log(`  analyzeStory CPU: ${(cpu / stories.size).toFixed(1)} ms per story`);
  seedCheck();
}

main();
