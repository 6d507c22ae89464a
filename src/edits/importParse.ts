// Turns a CSV or JSON file into `POST /items/bulk` bodies, one row at a time, keeping every
// problem next to its row so the preview can mark it. Pure (no vscode): unit-tested in Node.
import type { ItemCreate } from '../api/types';

export interface ImportRow {
  /** 1-based line of the row in a CSV file, or 1-based index of the entry in a JSON array. */
  line: number;
  /** The create body when the row is usable. */
  body?: ItemCreate;
  /** What is wrong with the row (empty when usable). */
  problems: string[];
  /** The SKU as written, for reports even when the row is unusable. */
  sku: string;
}

export interface ImportParseResult {
  format: 'csv' | 'json';
  rows: ImportRow[];
  /** A problem with the file as a whole (no rows then). */
  fileProblem?: string;
}

/** The bulk endpoint takes up to 100 entries per request (contract §3). */
export const BULK_CHUNK = 100;

const COLUMN_ALIASES: Record<string, keyof ItemCreate> = {
  sku: 'sku',
  description: 'description',
  name: 'description',
  cost: 'cost',
  sellprice: 'sellPrice',
  price: 'sellPrice',
  supplierid: 'supplierId',
  supplier: 'supplierId',
  tags: 'tagNames',
  tagnames: 'tagNames',
  tagids: 'tagIds',
};

function normalizeHeader(h: string): string {
  return h.trim().toLowerCase().replace(/[\s_-]/g, '');
}

/** Picks the format from the file name, else from the first non-blank character. */
export function detectFormat(fileName: string, text: string): 'csv' | 'json' {
  if (/\.json$/i.test(fileName)) return 'json';
  if (/\.csv$/i.test(fileName)) return 'csv';
  return /^\s*[[{]/.test(text) ? 'json' : 'csv';
}

export function parseImport(fileName: string, text: string): ImportParseResult {
  const body = text.replace(/^\uFEFF/, '');
  return detectFormat(fileName, body) === 'json' ? parseJson(body) : parseCsv(body);
}

// ---- CSV (RFC 4180: quoted fields, doubled quotes, newlines inside quotes) -------------------

/** Splits CSV text into records, each with the 1-based line it starts on. */
export function splitCsv(text: string, delimiter = ','): { line: number; fields: string[] }[] {
  const records: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  let fieldStarted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') { field += '"'; i++; } else quoted = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
      continue;
    }
    if (c === '"' && !fieldStarted) { quoted = true; fieldStarted = true; continue; }
    if (c === delimiter) { fields.push(field); field = ''; fieldStarted = false; continue; }
    if (c === '\r') continue;
    if (c === '\n') {
      fields.push(field);
      records.push({ line: recordLine, fields });
      fields = []; field = ''; fieldStarted = false;
      line++;
      recordLine = line;
      continue;
    }
    field += c;
    fieldStarted = true;
  }
  if (field !== '' || fields.length > 0 || fieldStarted) {
    fields.push(field);
    records.push({ line: recordLine, fields });
  }
  // blank lines are not rows
  return records.filter((r) => r.fields.some((f) => f.trim() !== ''));
}

function parseCsv(text: string): ImportParseResult {
  const firstLine = text.split('\n', 1)[0] ?? '';
  const delimiter = firstLine.split(';').length > firstLine.split(',').length ? ';' : ',';
  const records = splitCsv(text, delimiter);
  if (records.length === 0) return { format: 'csv', rows: [], fileProblem: 'The file is empty.' };
  const [header, ...data] = records;
  const columns = header.fields.map((h) => COLUMN_ALIASES[normalizeHeader(h)]);
  const missing = (['sku', 'description', 'cost'] as const).filter((c) => !columns.includes(c));
  if (missing.length) {
    return {
      format: 'csv',
      rows: [],
      fileProblem: `The header row must name the columns sku, description and cost (missing: ${missing.join(', ')}).`,
    };
  }
  const rows = data.map((record) => {
    const raw: Record<string, string> = {};
    columns.forEach((col, i) => {
      if (col) raw[col] = record.fields[i] ?? '';
    });
    const extra = record.fields.length > columns.length && record.fields.slice(columns.length).some((f) => f.trim());
    return toRow(record.line, raw, extra ? [`has ${record.fields.length} fields but the header has ${columns.length}`] : []);
  });
  return { format: 'csv', rows: markDuplicates(rows) };
}

// ---- JSON (an array of objects, or {items: [...]}) -------------------------------------------

function parseJson(text: string): ImportParseResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { format: 'json', rows: [], fileProblem: `The file is not valid JSON (${e instanceof Error ? e.message : String(e)}).` };
  }
  const list = Array.isArray(data) ? data : isObject(data) && Array.isArray(data.items) ? (data.items as unknown[]) : undefined;
  if (!list) return { format: 'json', rows: [], fileProblem: 'The JSON must be an array of items (or an object with an "items" array).' };
  const rows = list.map((entry, index) => {
    if (!isObject(entry)) return { line: index + 1, problems: ['is not an object'], sku: '' };
    const raw: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(entry)) {
      const col = COLUMN_ALIASES[normalizeHeader(k)];
      if (col) raw[col] = v;
    }
    return toRow(index + 1, raw, []);
  });
  return { format: 'json', rows: markDuplicates(rows) };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

// ---- one row --------------------------------------------------------------------------------

function text(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return '';
}

function amount(v: unknown, name: string, required: boolean, problems: string[]): number | undefined {
  if (typeof v === 'number') {
    if (Number.isFinite(v) && v >= 0) return v;
    problems.push(`${name} must be a number ≥ 0`);
    return undefined;
  }
  const s = text(v);
  if (!s) {
    if (required) problems.push(`${name} is missing`);
    return undefined;
  }
  const n = Number(s);
  if (!/^\d*\.?\d+$/.test(s) || !Number.isFinite(n)) {
    problems.push(`${name} "${s}" is not a number`);
    return undefined;
  }
  return n;
}

function list(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(text).filter(Boolean);
  return text(v).split(/[;|,]/).map((s) => s.trim()).filter(Boolean);
}

function toRow(line: number, raw: Record<string, unknown>, problems: string[]): ImportRow {
  const sku = text(raw.sku);
  const description = text(raw.description);
  if (!sku) problems.push('sku is missing');
  else if (sku.length > 190) problems.push('sku is longer than 190 characters');
  if (!description) problems.push('description is missing');
  const cost = amount(raw.cost, 'cost', true, problems);
  const sellPrice = amount(raw.sellPrice, 'sellPrice', false, problems);
  if (problems.length) return { line, problems, sku };
  const body: ItemCreate = { sku, description, cost: cost! };
  if (sellPrice !== undefined) body.sellPrice = sellPrice;
  const supplierId = text(raw.supplierId);
  if (supplierId) body.supplierId = supplierId;
  const tagNames = list(raw.tagNames);
  if (tagNames.length) body.tagNames = tagNames;
  const tagIds = list(raw.tagIds);
  if (tagIds.length) body.tagIds = tagIds;
  return { line, body, problems, sku };
}

/** A SKU repeated in the file would fail on the server anyway: mark every repeat after the first. */
function markDuplicates(rows: ImportRow[]): ImportRow[] {
  const seen = new Map<string, number>();
  for (const row of rows) {
    if (!row.sku) continue;
    const key = row.sku;
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, row.line);
    } else {
      row.problems.push(`duplicate SKU (first in row ${first})`);
      delete row.body;
    }
  }
  return rows;
}

/** Splits the usable rows into request-sized chunks, keeping each body's row. */
export function chunkRows(rows: ImportRow[], size = BULK_CHUNK): ImportRow[][] {
  const usable = rows.filter((r) => r.body);
  const chunks: ImportRow[][] = [];
  for (let i = 0; i < usable.length; i += size) chunks.push(usable.slice(i, i + size));
  return chunks;
}
