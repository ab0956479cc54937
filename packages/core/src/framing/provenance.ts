import type { RemovedLine } from '../text/clean.ts';
import type { OriginalPublisher, RawEvidence } from './schema.ts';

const WIRES =
  'Reuters|AP|Associated Press|AFP|Agence France-Presse|Bloomberg|dpa|UPI|Xinhua|TASS|ANSA|EFE|PA';

type Finding = { name: string | null; distributor: string | null; rank: number; evidence: RawEvidence };

/**
 * Finds the newsroom that wrote a syndicated piece, from the lines cleaning removed (bylines,
 * copyright and "Distributed by" credits, a trailing newspaper name, paywall notices) and from wire
 * tags left in the text. Returns null when nothing names another newsroom than the outlet itself.
 */
export function detectOriginalPublisher(
  articleId: string,
  outlet: string | null,
  removed: RemovedLine[],
  cleanText: string,
): OriginalPublisher | null {
  const findings: Finding[] = [];
  const ev = (
    kind: RawEvidence['kind'],
    line: { text: string; start: number; end: number },
    inClean = false,
  ): RawEvidence => ({
    articleId,
    kind,
    rawStart: line.start,
    rawEnd: line.end,
    inCleanText: inClean,
    text: line.text,
  });

  for (const line of removed) {
    const t = line.text;
    switch (line.kind) {
      case 'byline': {
        // "Nick Doe, Some News on" (ArcaMax) or "By Nick Doe, Some News".
        const org = /,\s*([^,]+?)(\s+on)?$/.exec(t)?.[1];
        if (org && isNewsroomName(org))
          findings.push({ name: org.trim(), distributor: null, rank: 0, evidence: ev('byline', line) });
        break;
      }
      case 'credit': {
        const distributor = /distributed by\s+(.+?)\.?$/i.exec(t)?.[1]?.trim() ?? null;
        const copyright = /^(?:©|\(c\)|copyright)\s*(?:\d{4})?\s*([^.©]+(?:\.[A-Z]\.)?)/i.exec(t)?.[1];
        if (copyright) {
          findings.push({
            name: stripCorporate(copyright),
            distributor,
            rank: 1,
            evidence: ev('copyright', line),
          });
        } else if (distributor) {
          findings.push({ name: null, distributor, rank: 3, evidence: ev('distribution', line) });
        } else if (!/assistance|contributed|reporting|^visit /i.test(t) && t.split(' ').length <= 6) {
          findings.push({
            name: t.replace(/\.$/, ''),
            distributor: null,
            rank: 2,
            evidence: ev('trailing-credit', line),
          });
        }
        break;
      }
      case 'paywall': {
        const m =
          /\b(?:all of|subscribe to|your)\s+(The\s+[\p{Lu}][\p{L}]+(?:\s+[\p{Lu}][\p{L}]+){0,3})(?=[\s?.,]|$)/u.exec(
            t,
          );
        if (m?.[1])
          findings.push({ name: m[1], distributor: null, rank: 5, evidence: ev('paywall-notice', line) });
        break;
      }
      case 'css':
      case 'javascript':
      case 'comments':
      case 'caption':
      case 'url-trailer':
      case 'title':
      case 'chrome':
        break;
    }
  }

  // Wire tags left in the text: "MOSCOW (Reuters) —" at the start, "— AFP" or "(AP)" alone at the end.
  const head = new RegExp(`^([\\p{Lu}][\\p{Lu} .,'-]*)?\\s*\\((${WIRES})\\)\\s*[-—–]`, 'u').exec(cleanText);
  if (head?.[2]) {
    const start = head.index;
    findings.push({
      name: expandWire(head[2]),
      distributor: null,
      rank: 1,
      evidence: ev('wire-tag', { text: head[0], start, end: start + head[0].length }, true),
    });
  }
  const tail = new RegExp(`(?:^|\\n)(?:[-—–]\\s*|\\()(${WIRES})\\)?\\.?\\s*$`, 'u').exec(cleanText);
  if (tail?.[1]) {
    const start = tail.index + (tail[0].startsWith('\n') ? 1 : 0);
    findings.push({
      name: expandWire(tail[1]),
      distributor: null,
      rank: 1,
      evidence: ev('wire-tag', { text: cleanText.slice(start).trim(), start, end: cleanText.length }, true),
    });
  }
  const origin =
    /\b(?:originally|first) (?:appeared|published) (?:in|on|by) ((?:The )?[\p{Lu}][\p{L}]+(?: [\p{Lu}][\p{L}]+){0,4})/u.exec(
      cleanText,
    );
  if (origin?.[1]) {
    findings.push({
      name: origin[1],
      distributor: null,
      rank: 1,
      evidence: ev(
        'credit-line',
        { text: origin[0], start: origin.index, end: origin.index + origin[0].length },
        true,
      ),
    });
  }

  const named = findings
    .filter((f) => f.name !== null && !isSameOrganisation(f.name, outlet))
    .sort((a, b) => a.rank - b.rank);
  const best = named[0];
  const distributor = findings.find((f) => f.distributor !== null)?.distributor ?? null;
  if (!best?.name) {
    if (distributor === null) return null;
    // Only an agency is named: it is the best we know about where the piece came from.
    return { name: distributor, distributor, confidence: 'weak', evidence: findings.map((f) => f.evidence) };
  }
  const sameOrg = findings.filter((f) => f.name === null || isSameOrganisation(f.name, best.name));
  return {
    name: best.name,
    distributor,
    confidence: best.rank >= 5 ? 'weak' : 'strong',
    evidence: sameOrg.map((f) => f.evidence),
  };
}

const NEWSROOM =
  /\b(news|times|journal|post|press|herald|tribune|telegraph|guardian|reuters|bloomberg|associated|afp|agence|gazette|chronicle|observer|wire|service|agency|media|daily|ledger|courier|globe|dispatch|star|sun|mail|express|inquirer|examiner|tass|interfax|xinhua)\b/i;

function isNewsroomName(s: string): boolean {
  return s.split(/\s+/).length <= 6 && NEWSROOM.test(s);
}

function stripCorporate(s: string): string {
  return s
    .replace(/\b(L\.P\.|LP|Inc\.?|LLC|Ltd\.?|Co\.|Corp\.?|Limited|plc|GmbH)\s*$/i, '')
    .replace(/[,.\s]+$/, '')
    .trim();
}

function expandWire(tag: string): string {
  const names: Record<string, string> = { AP: 'Associated Press', PA: 'PA Media', dpa: 'dpa' };
  return names[tag] ?? tag;
}

function orgWords(s: string): string[] {
  return s
    .toLowerCase()
    .replace(/[^\p{L}\p{N} ]+/gu, ' ')
    .split(/\s+/)
    .filter(
      (w) => w !== '' && !['the', 'news', 'l', 'p', 'inc', 'llc', 'ltd', 'media', 'group', 'of'].includes(w),
    );
}

/** "Bloomberg L.P." and "Bloomberg News" are one organisation; "The Times" is not "The Australian". */
export function isSameOrganisation(a: string, b: string | null): boolean {
  if (b === null) return false;
  const wa = orgWords(a);
  const wb = new Set(orgWords(b));
  if (wa.length === 0 || wb.size === 0) return false;
  return wa.every((w) => wb.has(w)) || [...wb].every((w) => wa.includes(w));
}
