/**
 * Voices ("who said this?") on PolNeAR dev: one article per analyzeStory call, scored against the
 * annotated attributions (corpus README, section polnear). Halves by sha256(article id)[0] parity:
 * develop on the even half, check the odd one. `--misses` lists the develop half's errors by kind
 * (not found, wrong speaker, spurious); `MISS_HALF='held-out half'` lists the other half's instead.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { analyzeStory } from '../src/index.ts';
import { isFirstHalf, shared } from './corpus.ts';

/** Today's numbers before the voices work, measured at commit 275093d (evidence span = start..end). */
const BEFORE = {
  develop: { say: { units: 296, found: 173, right: 164 }, spurious: 1, evidence: 346 },
  heldOut: { say: { units: 330, found: 247, right: 236 }, spurious: 6, evidence: 516 },
};

type Span = { start: number; end: number };
type Attribution = {
  source: (Span & { text: string }) | null;
  cue: (Span & { text: string }) | null;
  content: Span & { text: string };
  key: string | null;
};
type Row = { id: string; title: string; text: string; outlet: string; attributions: Attribution[] };
type Item = Span & { quote: Span; speaker: string };

/**
 * Say-type cues report the words spoken or written: a verb of saying, telling, asking, writing,
 * replying or reporting anywhere in the cue ("said", "has told", "unleashed a series of tweets
 * saying"), "according to", or punctuation (a colon or dash before the words). Cues that
 * characterise a stance, demand, belief or intent ("endorsed", "wants", "plans", "found", "called
 * for", "urges", "criticized", "accused", "is promising", "cited") are scored apart: voices promise
 * who *said* what, and those contents are the reporter's paraphrase of a position.
 */
const SAY_CUE =
  /\b(s(?:ay|ays|aid|aying)|t(?:ell|ells|old|elling)|according|ask(?:s|ed|ing)?|wr(?:ite|ites|ote|iting|itten)|add(?:s|ed|ing)?|not(?:e|es|ed|ing)|tweet(?:s|ed|ing)?|explain(?:s|ed|ing)?|repl(?:y|ies|ied|ying)|respond(?:s|ed|ing)?|continu(?:e|es|ed|ing)|declar(?:e|es|ed|ing)|stat(?:e|es|ed|ing)|announc(?:e|es|ed|ing)|insist(?:s|ed|ing)?|argu(?:e|es|ed|ing)|claim(?:s|ed|ing)?|warn(?:s|ed|ing)?|recall(?:s|ed|ing)?|mention(?:s|ed|ing)?|report(?:s|ed|ing)?|remark(?:s|ed)?|acknowledg(?:e|es|ed|ing)|admit(?:s|ted|ting)?|assert(?:s|ed|ing)?|quipp(?:ed|s)?|testif(?:y|ies|ied)|conced(?:e|es|ed)|pointed out)\b/i;

export function isSayCue(cue: string | null): boolean {
  if (cue === null) return false;
  const t = cue.trim();
  if (/^[:\-―—–]+$/.test(t) || /:$/.test(t)) return true;
  return SAY_CUE.test(t);
}

function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').replace(/’/g, "'").toLowerCase();
}

/**
 * Offsets of the cleaned text mapped onto the raw text: cleaning drops lines (a split headline)
 * and collapses or normalises spaces, so the two are walked together and resynchronised on the
 * next dozen characters whenever they differ.
 */
function alignOffsets(clean: string, raw: string): number[] {
  const norm = (c: string | undefined): string => (c === '\u00a0' ? ' ' : (c ?? ''));
  const map = new Array<number>(clean.length + 1);
  let j = 0;
  for (let i = 0; i < clean.length; i += 1) {
    if (norm(clean[i]) === norm(raw[j])) {
      map[i] = j;
      j += 1;
      continue;
    }
    if (/\s/.test(norm(raw[j])) && /\s/.test(norm(clean[i]))) {
      map[i] = j;
      j += 1;
      continue;
    }
    // Whitespace the cleaner added (a blank line between vox-pop lines) maps onto the next raw char.
    if (/\s/.test(norm(clean[i]))) {
      map[i] = j;
      continue;
    }
    // Otherwise resynchronise on the next dozen characters, allowing the cleaner to have replaced
    // a character by several ("…" -> "...") or dropped raw text (a split headline).
    let resynced = false;
    for (let d = 0; d <= 3 && !resynced; d += 1) {
      const k = raw.indexOf(clean.slice(i + d, i + d + 12), j);
      if (k < 0 || k - j >= (d === 0 ? 3000 : 40)) continue;
      for (let x = 0; x < d; x += 1) map[i + x] = j;
      j = k;
      i += d;
      map[i] = j;
      j += 1;
      resynced = true;
    }
    if (resynced) continue;
    map[i] = j;
    j += 1;
  }
  map[clean.length] = j;
  return map;
}

function overlap(a: Span, b: Span): number {
  return Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
}

/** Found: overlap of at least half of the shorter span. */
function isFound(e: Span, c: Span): boolean {
  const o = overlap(e, c);
  const shorter = Math.min(e.end - e.start, c.end - c.start);
  return shorter > 0 && o >= shorter / 2;
}

type Tally = { units: number; found: number; right: number };
type Score = {
  say: Tally;
  other: Tally;
  sayQuote: Tally;
  baseline: Tally;
  spurious: number;
  evidence: number;
  unattributed: number;
};

const SPEECH = new RegExp(SAY_CUE.source, 'gi');
const NOT_NAME = /^(The|A|An|But|And|In|On|At|It|This|That|He|She|They|We|I|If|When|As|So|Mr|Mrs|Ms)$/;

/**
 * Baseline given the gold content span: the speech verb nearest the content in its paragraph, then
 * the nearest capitalised run (up to four words) on either side of that verb.
 */
function baselineSpeaker(text: string, content: Span): string | null {
  const pStart = Math.max(0, text.lastIndexOf('\n', content.start - 1) + 1);
  const pEndRaw = text.indexOf('\n', content.end);
  const pEnd = pEndRaw < 0 ? text.length : pEndRaw;
  const para = text.slice(pStart, pEnd);
  let best: { at: number; end: number; d: number } | null = null;
  for (const m of para.matchAll(SPEECH)) {
    const at = pStart + m.index;
    const end = at + m[0].length;
    if (at >= content.start && end <= content.end) continue;
    const d = at >= content.end ? at - content.end : end <= content.start ? content.start - end : 0;
    if (!best || d < best.d) best = { at, end, d };
  }
  if (!best) return null;
  const name = /(?:\p{Lu}[\p{L}.'’-]*\s+){0,3}\p{Lu}[\p{L}.'’-]*/gu;
  let found: { text: string; d: number } | null = null;
  for (const m of para.matchAll(name)) {
    const at = pStart + m.index;
    const end = at + m[0].length;
    if (at >= content.start && end <= content.end) continue;
    const d = at >= best.end ? at - best.end : end <= best.at ? best.at - end : 0;
    if (NOT_NAME.test(m[0])) continue;
    if (!found || d < found.d) found = { text: m[0], d };
  }
  return found?.text ?? null;
}

const misses: string[] = [];

function score(rows: Row[], listMisses: boolean): Score {
  const s: Score = {
    say: { units: 0, found: 0, right: 0 },
    other: { units: 0, found: 0, right: 0 },
    sayQuote: { units: 0, found: 0, right: 0 },
    baseline: { units: 0, found: 0, right: 0 },
    spurious: 0,
    evidence: 0,
    unattributed: 0,
  };
  for (const r of rows) {
    const a = analyzeStory([{ id: r.id, title: r.title, text: r.text, outlet: r.outlet }]).articles[0];
    if (!a) continue;
    const map = alignOffsets(a.cleanText, r.text);
    const at = (i: number): number => map[i] ?? r.text.length;
    const items: Item[] = a.voices.flatMap((v) =>
      v.evidence.map((e) => ({
        start: at(e.start),
        end: at(e.end),
        quote: { start: at(e.quoteStart), end: at(e.quoteEnd) },
        speaker: v.speaker,
      })),
    );
    const extra = a as { unattributedQuotes?: unknown[] };
    s.unattributed += extra.unattributedQuotes?.length ?? 0;
    for (const it of items) {
      s.evidence += 1;
      if (r.attributions.some((x) => overlap(it, x.content) > 0)) continue;
      s.spurious += 1;
      if (listMisses)
        misses.push(
          `spurious      ${r.id} got=${JSON.stringify(it.speaker)} :: ${JSON.stringify(r.text.slice(it.start, it.end).slice(0, 110))}`,
        );
    }
    for (const x of r.attributions) {
      if (!x.key) continue;
      const key = fold(x.key);
      const say = isSayCue(x.cue?.text ?? null);
      const t = say ? s.say : s.other;
      const best = (span: (it: Item) => Span): Item | undefined =>
        items
          .filter((it) => isFound(span(it), x.content))
          .sort((p, q) => overlap(span(q), x.content) - overlap(span(p), x.content))[0];
      t.units += 1;
      const hit = best((it) => it);
      if (hit) {
        t.found += 1;
        if (fold(hit.speaker).includes(key)) t.right += 1;
      }
      if (listMisses && say && !(hit && fold(hit.speaker).includes(key)))
        misses.push(
          `${hit ? 'wrong speaker' : 'not found    '} ${r.id} [${x.cue?.text ?? ''}] key=${x.key} src=${JSON.stringify(
            x.source?.text ?? null,
          )}${hit ? ` got=${JSON.stringify(hit.speaker)}` : ''} :: ${JSON.stringify(x.content.text.slice(0, 110))}`,
        );
      if (!say) continue;
      s.sayQuote.units += 1;
      const q = best((it) => it.quote);
      if (q) {
        s.sayQuote.found += 1;
        if (fold(q.speaker).includes(key)) s.sayQuote.right += 1;
      }
      s.baseline.units += 1;
      const b = baselineSpeaker(r.text, x.content);
      if (b) s.baseline.found += 1;
      if (b && fold(b).includes(key)) s.baseline.right += 1;
    }
  }
  return s;
}

const pct = (n: number, d: number): string => (d === 0 ? '  n/a' : `${((100 * n) / d).toFixed(1)}%`);

function line(label: string, t: Tally): string {
  return (
    `${label.padEnd(30)} units ${String(t.units).padStart(4)} | found ${pct(t.found, t.units)} | ` +
    `right of found ${pct(t.right, t.found)} | end to end ${pct(t.right, t.units)}`
  );
}

function main(): void {
  const file = path.join(shared, 'corpus/dev/polnear-dev.jsonl');
  if (!existsSync(file)) {
    console.log(
      `voices-eval: shared corpus not found at ${shared} (set PARALLAX_SHARED); nothing to evaluate.`,
    );
    return;
  }
  const rows = readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Row);
  const halves = [
    ['develop half', rows.filter((r) => isFirstHalf(r.id)), BEFORE.develop],
    ['held-out half', rows.filter((r) => !isFirstHalf(r.id)), BEFORE.heldOut],
  ] as const;
  console.log('PolNeAR dev, one article per analyzeStory call (halves: sha256(id)[0] even = develop)');
  for (const [name, items, before] of halves) {
    const s = score(
      items,
      name === (process.env.MISS_HALF ?? 'develop half') && process.argv.includes('--misses'),
    );
    console.log(`${name} (${items.length} articles)`);
    console.log(line('  say-type', s.say) + ` (${s.say.found} found, ${s.say.right} right)`);
    console.log(line('  say-type, quoteStart..End', s.sayQuote));
    console.log(line('  belief/intent', s.other));
    console.log(line('  baseline (gold spans), say', s.baseline));
    console.log(
      `  spurious evidence ${s.spurious}/${s.evidence} = ${pct(s.spurious, s.evidence)}; unattributed quotes ${s.unattributed}`,
    );
    console.log(
      line('  before (275093d), say-type', before.say) +
        ` | spurious ${pct(before.spurious, before.evidence)}`,
    );
  }
  // Sorted by kind so each kind reads as one block.
  if (misses.length > 0)
    console.log(`\nDevelop-half say-type misses and spurious voices:\n${misses.sort().join('\n')}`);
}

main();
