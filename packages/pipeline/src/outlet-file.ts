import { OUTLET_LEANS } from '@parallax/db';
import type { Outlet, OutletLean, OutletMetadata, OutletProfileUpdate } from '@parallax/db';

/**
 * The outlets file: user-supplied outlet profiles, as CSV (a header row, then one outlet a row)
 * or JSON (an array of objects, or `{ "outlets": [...] }`). Columns / keys:
 * `domain`, `name` (at least one; `domain` is the key when present), `country` (ISO 3166-1
 * alpha-2), `lean` (one of OUTLET_LEANS, or empty), `lean_source`, `owner`, `owner_source`, `notes`.
 * An empty value clears the field; a column left out keeps what is stored.
 */
export type OutletsFileParse = { ok: true; entries: OutletProfileUpdate[] } | { ok: false; error: string };

const FIELDS = [
  'domain',
  'name',
  'country',
  'lean',
  'lean_source',
  'owner',
  'owner_source',
  'notes',
] as const;
type Field = (typeof FIELDS)[number];
const ALIASES: Record<string, Field> = {
  leansource: 'lean_source',
  ownersource: 'owner_source',
  'lean source': 'lean_source',
  'owner source': 'owner_source',
};

/** Spellings readers and raters use, mapped onto the five-point scale. */
const LEAN_SPELLINGS: Record<string, OutletLean> = {
  left: 'left',
  'far-left': 'left',
  'centre-left': 'centre-left',
  'center-left': 'centre-left',
  'lean-left': 'centre-left',
  'left-centre': 'centre-left',
  'left-center': 'centre-left',
  centre: 'centre',
  center: 'centre',
  'centre-right': 'centre-right',
  'center-right': 'centre-right',
  'lean-right': 'centre-right',
  'right-centre': 'centre-right',
  'right-center': 'centre-right',
  right: 'right',
  'far-right': 'right',
};

/** A lean as stored, or null when the text names none of the scale (then the outlet counts as unrated). */
export function normalizeLean(value: string | null | undefined): OutletLean | null {
  if (value === null || value === undefined) return null;
  const key = value
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-');
  return LEAN_SPELLINGS[key] ?? null;
}

/** Which side of the coverage bar a lean counts on; null: unrated (no lean, or one Parallax cannot read). */
export function leanSide(metadata: OutletMetadata | null | undefined): 'left' | 'centre' | 'right' | null {
  switch (normalizeLean(metadata?.lean)) {
    case 'left':
    case 'centre-left':
      return 'left';
    case 'centre':
      return 'centre';
    case 'centre-right':
    case 'right':
      return 'right';
    case null:
      return null;
  }
}

/** Reads an outlets file; errors name the file, line (or array index) and field. */
export function parseOutletsFile(text: string, fileName: string): OutletsFileParse {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (trimmed === '') return { ok: false, error: `${fileName}: the file is empty` };
  return trimmed.startsWith('[') || trimmed.startsWith('{')
    ? parseJson(trimmed, fileName)
    : parseCsv(trimmed, fileName);
}

function parseJson(text: string, fileName: string): OutletsFileParse {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `${fileName}: not valid JSON (${(error as Error).message})` };
  }
  const list = Array.isArray(data) ? data : (data as { outlets?: unknown }).outlets;
  if (!Array.isArray(list))
    return { ok: false, error: `${fileName}: expected an array of outlets or {"outlets": [...]}` };
  const entries: OutletProfileUpdate[] = [];
  for (const [i, item] of list.entries()) {
    const where = `${fileName}: outlet ${i + 1}`;
    if (item === null || typeof item !== 'object' || Array.isArray(item))
      return { ok: false, error: `${where}: expected an object` };
    const record = new Map<Field, string>();
    for (const [rawKey, value] of Object.entries(item as Record<string, unknown>)) {
      const field = fieldOf(rawKey);
      if (field === null) continue;
      if (value !== null && typeof value !== 'string')
        return { ok: false, error: `${where}: field "${rawKey}": expected a string` };
      record.set(field, value ?? '');
    }
    const entry = toEntry(record, where);
    if (typeof entry === 'string') return { ok: false, error: entry };
    entries.push(entry);
  }
  return { ok: true, entries };
}

function parseCsv(text: string, fileName: string): OutletsFileParse {
  const rows = csvRows(text);
  const header = rows[0];
  if (!header) return { ok: false, error: `${fileName}: the file is empty` };
  const columns = header.cells.map((h) => fieldOf(h));
  if (!columns.includes('domain') && !columns.includes('name'))
    return {
      ok: false,
      error: `${fileName}:1: the header needs a "domain" or "name" column (columns: ${FIELDS.join(', ')})`,
    };
  const entries: OutletProfileUpdate[] = [];
  for (const row of rows.slice(1)) {
    if (row.cells.every((c) => c.trim() === '')) continue;
    const record = new Map<Field, string>();
    columns.forEach((field, i) => {
      if (field !== null) record.set(field, row.cells[i] ?? '');
    });
    const entry = toEntry(record, `${fileName}:${row.line}`);
    if (typeof entry === 'string') return { ok: false, error: entry };
    entries.push(entry);
  }
  return { ok: true, entries };
}

/**
 * A profile from loose key/value pairs (OPML outline attributes, a form): the outlets file's
 * fields under the same names (`lean`, `lean_source` or `leanSource`, …); null when none is given.
 */
export function profileFromFields(
  fields: ReadonlyMap<string, string>,
  where: string,
): OutletProfileUpdate | string | null {
  const record = new Map<Field, string>();
  for (const [key, value] of fields) {
    const field = fieldOf(key);
    if (field !== null && field !== 'domain' && field !== 'name') record.set(field, value);
  }
  if (record.size === 0) return null;
  // The caller knows the outlet; a placeholder name satisfies the key check.
  record.set('name', '-');
  return toEntry(record, where);
}

function fieldOf(raw: string): Field | null {
  const key = raw.trim().toLowerCase();
  if ((FIELDS as readonly string[]).includes(key)) return key as Field;
  return ALIASES[key] ?? null;
}

function toEntry(record: Map<Field, string>, where: string): OutletProfileUpdate | string {
  const value = (f: Field) => record.get(f)?.trim();
  const domain = value('domain') ? (value('domain') ?? '').toLowerCase().replace(/^www\./, '') : null;
  const name = value('name') || null;
  if (domain === null && name === null) return `${where}: field "domain": give a domain or a name`;
  if (domain !== null && !/^[a-z0-9.-]+(:\d+)?$/.test(domain))
    return `${where}: field "domain": "${domain}" is not a host name`;
  const country = value('country');
  if (country !== undefined && country !== '' && !/^[a-z]{2}$/i.test(country))
    return `${where}: field "country": "${country}" is not a two-letter country code`;
  const leanText = value('lean');
  const lean = leanText === undefined || leanText === '' ? leanText : normalizeLean(leanText);
  if (lean === null)
    return `${where}: field "lean": "${leanText ?? ''}" is not one of ${OUTLET_LEANS.join(', ')} (or empty: unrated)`;
  if (lean && !value('lean_source'))
    return `${where}: field "lean_source": say where the lean rating comes from`;
  const metadata: OutletMetadata = {};
  if (lean !== undefined) metadata.lean = lean;
  const copy = (field: Field, key: keyof OutletMetadata) => {
    const v = value(field);
    if (v !== undefined) metadata[key] = v;
  };
  copy('lean_source', 'leanSource');
  copy('owner', 'owner');
  copy('owner_source', 'ownerSource');
  copy('notes', 'notes');
  return { domain, name, ...(country === undefined ? {} : { country: country.toUpperCase() }), metadata };
}

/** RFC 4180 rows: quoted cells may hold commas, doubled quotes and line breaks; `line` is where the row starts. */
function csvRows(text: string): { line: number; cells: string[] }[] {
  const rows: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let isQuoted = false;
  let line = 1;
  let rowLine = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (isQuoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') isQuoted = false;
      else {
        if (ch === '\n') line++;
        cell += ch;
      }
    } else if (ch === '"') isQuoted = true;
    else if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      cells.push(cell);
      rows.push({ line: rowLine, cells });
      cells = [];
      cell = '';
      line++;
      rowLine = line;
    } else cell += ch;
  }
  cells.push(cell);
  rows.push({ line: rowLine, cells });
  return rows;
}

function csvCell(value: string | null | undefined): string {
  const v = value ?? '';
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** The outlets file as CSV, every outlet with its profile (the format `parseOutletsFile` reads back). */
export function buildOutletsCsv(
  outlets: readonly Pick<Outlet, 'domain' | 'name' | 'country' | 'metadata'>[],
): string {
  const lines = [FIELDS.join(',')];
  for (const o of outlets) {
    const m = o.metadata;
    lines.push(
      [o.domain, o.name, o.country, m.lean, m.leanSource, m.owner, m.ownerSource, m.notes]
        .map(csvCell)
        .join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** The outlets file as JSON (`{"outlets": [...]}`), fields as in the CSV. */
export function buildOutletsJson(
  outlets: readonly Pick<Outlet, 'domain' | 'name' | 'country' | 'metadata'>[],
): string {
  const list = outlets.map((o) => ({
    domain: o.domain,
    name: o.name,
    country: o.country ?? '',
    lean: o.metadata.lean ?? '',
    lean_source: o.metadata.leanSource ?? '',
    owner: o.metadata.owner ?? '',
    owner_source: o.metadata.ownerSource ?? '',
    notes: o.metadata.notes ?? '',
  }));
  return `${JSON.stringify({ outlets: list }, null, 2)}\n`;
}
