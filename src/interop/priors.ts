/**
 * Importers of the structural-prior datasets: UN General Assembly votes (with their roll calls
 * for the year), ATOP directed dyad-years, SIPRI arms transfers (TIV), COW dyadic trade and COW
 * national trade totals. Files are CSV with a header (RFC 4180: quoted fields, doubled quotes,
 * line breaks inside quotes), read by column name, streamed (`.gz` too) and stored through
 * `EventStore.putPriors`, which replaces the dataset in one transaction.
 *
 * Country codes go through our crosswalk (`crosswalk.ts`); a code it cannot map is a counted,
 * skipped row, never a guess. Missing required columns refuse the file before anything is
 * written; bad rows (unknown codes, years out of range, non-numeric values) are counted by reason
 * with their row numbers and skipped. SIPRI rows whose supplier or recipient is not a state are
 * skipped and counted, not reported as problems.
 */
import path from "node:path";
import { InputError } from "../core/errors.js";
import type { RowProblem } from "../core/imported.js";
import { PRIOR_KINDS, type PriorKind, type PriorRow, type UnVoteChoice } from "../core/priors.js";
import type { EventStore } from "../store/contract.js";
import type { Crosswalk, Mapped } from "./crosswalk.js";
import { readLines, sniffFile } from "./lines.js";

export { PRIOR_KINDS };

/** Why a row was skipped. Only `not-a-state` and `superseded` are not problems of the data. */
export type SkipReason = "unknown-code" | "no-iso" | "out-of-range" | "bad-year" | "bad-value" | "unknown-roll-call" | "malformed" | "self-pair" | "not-a-state" | "superseded" | "duplicate";

export interface PriorImportSummary {
  kind: PriorKind;
  file: string;
  /** the roll-call file UN votes took their years from */
  rollCalls?: string;
  /** data rows read (not the header or blank lines) */
  rows: number;
  /** records stored now */
  imported: number;
  /** records of the earlier import of this dataset that this one replaced */
  replaced: number;
  skipped: number;
  skippedBy: Partial<Record<SkipReason, number>>;
  /** first and last year stored */
  years: [number, number] | null;
  /** the first problems (at most `maxProblems`), in file order */
  problems: RowProblem[];
}

export interface PriorImportOptions {
  /** the UN roll-call file (rcid, date) that gives each vote its year */
  rollCalls?: string;
  /** lines per batch; default 20,000 */
  batch?: number;
  /** problems kept for the summary; default 1,000 (all are counted) */
  maxProblems?: number;
  onProgress?: (bytes: number, total: number) => void;
}

/** years a prior row may have: anything else (3019, 19) is a typo or a shifted column */
export const YEAR_MIN = 1800;
export const YEAR_MAX = 2100;

/**
 * Splits one CSV record (RFC 4180). Returns null when a quoted field is still open at the end
 * of the text (the record continues on the next line).
 */
export function parseCsvRecord(text: string): string[] | null {
  if (!text.includes('"')) return text.split(",");
  const out: string[] = [];
  let i = 0;
  const n = text.length;
  for (;;) {
    if (text.charCodeAt(i) === 34) {
      let field = "";
      let from = ++i;
      for (;;) {
        const q = text.indexOf('"', from);
        if (q < 0) return null;
        if (text.charCodeAt(q + 1) === 34) {
          field += text.slice(from, q + 1);
          from = q + 2;
          continue;
        }
        field += text.slice(from, q);
        i = q + 1;
        break;
      }
      // anything between the closing quote and the comma is kept, as lenient readers do
      const comma = text.indexOf(",", i);
      const end = comma < 0 ? n : comma;
      out.push(field + text.slice(i, end));
      if (comma < 0) return out;
      i = comma + 1;
    } else {
      const comma = text.indexOf(",", i);
      if (comma < 0) {
        out.push(text.slice(i));
        return out;
      }
      out.push(text.slice(i, comma));
      i = comma + 1;
    }
  }
}

/** A batch of CSV records: `rows[i]` starts on line `lines[i]` of the file. */
interface CsvBatch {
  records: string[][];
  lines: number[];
  bytesRead: number;
}

/** Longest record (in lines) a quoted field may span before the file is taken as broken. */
const MAX_RECORD_LINES = 1000;

/** The CSV records of a file, in batches; blank lines are skipped. */
async function* csvBatches(file: string, batch: number): AsyncGenerator<CsvBatch> {
  let pending: string | null = null;
  let pendingLine = 0;
  let spanned = 0;
  for await (const b of readLines(file, { batch })) {
    const out: CsvBatch = { records: [], lines: [], bytesRead: b.bytesRead };
    for (let i = 0; i < b.lines.length; i++) {
      const line = b.lines[i]!;
      const at = b.first + i;
      const text: string = pending === null ? line : `${pending}\n${line}`;
      if (pending === null && line.trim() === "") continue;
      const r = parseCsvRecord(text);
      if (r === null) {
        if (pending === null) pendingLine = at;
        pending = text;
        if (++spanned > MAX_RECORD_LINES) throw new InputError("INPUT_UNREADABLE", file, `line ${pendingLine}: a quoted field is never closed`);
        continue;
      }
      out.records.push(r);
      out.lines.push(pending === null ? at : pendingLine);
      pending = null;
      spanned = 0;
    }
    yield out;
  }
  if (pending !== null) throw new InputError("INPUT_UNREADABLE", file, `line ${pendingLine}: a quoted field is never closed`);
}

/** What a row gives: a record, or why it was skipped. */
type Parsed<K extends PriorKind> = PriorRow<K> | { skip: SkipReason; message?: string };
type Get = (col: string) => string;

/** the columns each dataset needs (UN votes: without the year, which may come from the roll calls) */
export const REQUIRED: Record<PriorKind, readonly string[]> = {
  unvotes: ["rcid", "country", "country_code", "vote"],
  atop: ["ccode1", "ccode2", "year", "atop_defense", "atop_offense", "atop_neutral", "atop_nonagg", "atop_consul"],
  sipri: ["supplier", "recipient", "year", "tiv", "supplier_cown", "recipient_cown", "supplier_type", "recipient_type"],
  "cow-trade": ["ccode1", "ccode2", "year", "flow1", "flow2"],
  "cow-trade-totals": ["ccode", "year", "imports", "exports"],
};

const skip = (reason: SkipReason, message?: string) => ({ skip: reason, ...(message === undefined ? {} : { message }) });
const INT = /^-?\d+$/;
const NUM = /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

function yearOf(s: string): number | { skip: SkipReason; message: string } {
  const t = s.trim();
  if (!INT.test(t)) return skip("bad-year", `year ${JSON.stringify(s)} is not a number`) as { skip: SkipReason; message: string };
  const y = Number(t);
  return y < YEAR_MIN || y > YEAR_MAX ? (skip("bad-year", `year ${y} is outside ${YEAR_MIN}–${YEAR_MAX}`) as { skip: SkipReason; message: string }) : y;
}

function cowOf(cw: Crosswalk, s: string, year: number, col: string): Mapped {
  const t = s.trim();
  if (!INT.test(t)) return { reason: "unknown-code", message: t === "" ? `${col} is empty` : `${col} ${JSON.stringify(s)} is not a COW code` };
  return cw.cow(Number(t), year);
}

/** Money or TIV: a non-negative number, empty = missing (null); COW's negative missing codes (-9) are missing too. */
function amount(s: string, col: string, missing: "null" | "refuse"): number | null | { skip: SkipReason; message: string } {
  const t = s.trim();
  if (t === "" || t === "NA") return missing === "null" ? null : { skip: "bad-value", message: `${col} is empty` };
  if (!NUM.test(t)) return { skip: "bad-value", message: `${col} ${JSON.stringify(s)} is not a number` };
  const v = Number(t);
  if (v < 0) return missing === "null" ? null : { skip: "bad-value", message: `${col} ${v} is negative` };
  return v;
}

function flag(s: string, col: string): boolean | { skip: SkipReason; message: string } {
  const t = s.trim();
  return t === "1" ? true : t === "0" ? false : { skip: "bad-value", message: `${col} ${JSON.stringify(s)} is not 0 or 1` };
}

const VOTES: Record<string, UnVoteChoice> = { yes: "yes", abstain: "abstain", no: "no", "1": "yes", "2": "abstain", "3": "no" };

function isSkip(v: unknown): v is { skip: SkipReason; message?: string } {
  return typeof v === "object" && v !== null && "skip" in v;
}
function unmapped(m: Mapped): m is { reason: "unknown-code" | "no-iso" | "out-of-range"; message: string } {
  return "reason" in m;
}

type RowParser<K extends PriorKind> = (get: Get, row: number) => Parsed<K>;

function parsers(cw: Crosswalk, years: Map<number, number> | null, hasYear: "year" | "date" | null): { [K in PriorKind]: RowParser<K> } {
  /** the year and the two states of a COW dyad row (ccode1, ccode2), or why not */
  const dyadOf = (get: Get): { year: number; a: { iso: string }; b: { iso: string } } | { skip: SkipReason; message?: string } => {
    const year = yearOf(get("year"));
    if (isSkip(year)) return year;
    const a = cowOf(cw, get("ccode1"), year, "ccode1");
    if (unmapped(a)) return skip(a.reason, a.message);
    const b = cowOf(cw, get("ccode2"), year, "ccode2");
    if (unmapped(b)) return skip(b.reason, b.message);
    if (a.iso === b.iso) return skip("self-pair", `ccode1 and ccode2 are both ${a.iso} in ${year}`);
    return { year, a, b };
  };
  return {
    unvotes(get, row) {
      const rcid = get("rcid").trim();
      if (!INT.test(rcid)) return skip("bad-value", `rcid ${JSON.stringify(get("rcid"))} is not a number`);
      let year: number | { skip: SkipReason; message: string };
      if (hasYear) year = yearOf(hasYear === "date" ? get("date").slice(0, 4) : get("year"));
      else {
        const y = years!.get(Number(rcid));
        if (y === undefined) return skip("unknown-roll-call", `roll call ${rcid} is not in the roll-call file`);
        year = y;
      }
      if (isSkip(year)) return year;
      const vote = VOTES[get("vote").trim().toLowerCase()];
      if (!vote) return skip("bad-value", `vote ${JSON.stringify(get("vote"))} is not yes, abstain or no`);
      const m = cw.un(get("country_code").trim(), get("country"), year);
      if (unmapped(m)) return skip(m.reason, m.message);
      return { rcid: Number(rcid), year, state: m.iso, vote, row };
    },
    atop(get, row) {
      const p = dyadOf(get);
      if (isSkip(p)) return p;
      const { year, a, b } = p;
      const f = ["atop_defense", "atop_offense", "atop_neutral", "atop_nonagg", "atop_consul"].map((c) => flag(get(c), c));
      const bad = f.find((x): x is { skip: SkipReason; message: string } => isSkip(x));
      if (bad) return bad;
      const [defense, offense, neutrality, nonAggression, consultation] = f as boolean[];
      return { year, from: a.iso, to: b.iso, defense: defense!, offense: offense!, neutrality: neutrality!, nonAggression: nonAggression!, consultation: consultation!, row };
    },
    sipri(get, row) {
      const st = get("supplier_type").trim();
      const rt = get("recipient_type").trim();
      if (st !== "state" || rt !== "state") return skip("not-a-state");
      const year = yearOf(get("year"));
      if (isSkip(year)) return year;
      const tiv = amount(get("tiv"), "tiv", "refuse");
      if (isSkip(tiv)) return tiv;
      const name = (col: string) => `${col} ${JSON.stringify(get(col.replace("_cown", "")))}`;
      const s = get("supplier_cown").trim() === "" ? ({ reason: "unknown-code", message: `${name("supplier_cown")} has no COW code` } as Mapped) : cowOf(cw, get("supplier_cown"), year, "supplier_cown");
      if (unmapped(s)) return skip(s.reason, s.message);
      const r = get("recipient_cown").trim() === "" ? ({ reason: "unknown-code", message: `${name("recipient_cown")} has no COW code` } as Mapped) : cowOf(cw, get("recipient_cown"), year, "recipient_cown");
      if (unmapped(r)) return skip(r.reason, r.message);
      if (s.iso === r.iso) return skip("self-pair", `supplier and recipient are both ${s.iso} in ${year}`);
      return { year, supplier: s.iso, recipient: r.iso, tiv: tiv!, row };
    },
    "cow-trade"(get, row) {
      const p = dyadOf(get);
      if (isSkip(p)) return p;
      const { year, a, b } = p;
      const f1 = amount(get("flow1"), "flow1", "null");
      if (isSkip(f1)) return f1;
      const f2 = amount(get("flow2"), "flow2", "null");
      if (isSkip(f2)) return f2;
      // stored with a < b, as the pair's key
      return a.iso < b.iso ? { year, a: a.iso, b: b.iso, aFromB: f1, bFromA: f2, row } : { year, a: b.iso, b: a.iso, aFromB: f2, bFromA: f1, row };
    },
    "cow-trade-totals"(get, row) {
      const year = yearOf(get("year"));
      if (isSkip(year)) return year;
      const s = cowOf(cw, get("ccode"), year, "ccode");
      if (unmapped(s)) return skip(s.reason, s.message);
      const imports = amount(get("imports"), "imports", "null");
      if (isSkip(imports)) return imports;
      const exports = amount(get("exports"), "exports", "null");
      if (isSkip(exports)) return exports;
      return { year, state: s.iso, imports, exports, row };
    },
  };
}

/** The states of a record, for transition years, and its key (what two rows must not share). */
function statesOf(kind: PriorKind, r: PriorRow<PriorKind>): { states: string[]; key: string } {
  const x = r as unknown as Record<string, unknown>;
  switch (kind) {
    case "unvotes":
      return { states: [String(x.state)], key: `${x.rcid}|${x.state}` };
    case "atop":
      return { states: [String(x.from), String(x.to)], key: `${x.year}|${x.from}|${x.to}` };
    case "sipri":
      return { states: [String(x.supplier), String(x.recipient)], key: `${x.year}|${x.supplier}|${x.recipient}` };
    case "cow-trade":
      return { states: [String(x.a), String(x.b)], key: `${x.year}|${x.a}|${x.b}` };
    default:
      return { states: [String(x.state)], key: `${x.year}|${x.state}` };
  }
}

/** Reads the roll calls' years: rcid → calendar year of `date`. */
async function rollCallYears(file: string): Promise<Map<number, number>> {
  const years = new Map<number, number>();
  let cols: Map<string, number> | null = null;
  for await (const b of csvBatches(file, 20_000)) {
    for (let i = 0; i < b.records.length; i++) {
      const r = b.records[i]!;
      if (!cols) {
        cols = new Map(r.map((c, j) => [c.trim(), j]));
        const missing = ["rcid", "date"].filter((c) => !cols!.has(c));
        if (missing.length) throw new InputError("INPUT_UNREADABLE", file, `not a UN roll-call file: no ${missing.join(", ")} column${missing.length > 1 ? "s" : ""}`);
        continue;
      }
      const rcid = r[cols.get("rcid")!]?.trim() ?? "";
      const y = yearOf((r[cols.get("date")!] ?? "").slice(0, 4));
      if (INT.test(rcid) && !isSkip(y)) years.set(Number(rcid), y);
    }
  }
  if (!cols) throw new InputError("INPUT_EMPTY", file, "holds no lines");
  return years;
}

/**
 * Imports one prior dataset file, replacing what the store held of that dataset. Throws
 * InputError for a file it cannot use at all (unreadable, missing columns, no usable row in its
 * first batch); nothing is stored then.
 */
export async function importPriors(store: EventStore, kind: PriorKind, file: string, cw: Crosswalk, opts: PriorImportOptions = {}): Promise<PriorImportSummary> {
  const { size } = sniffFile(file);
  const maxProblems = opts.maxProblems ?? 1000;
  const s: PriorImportSummary = { kind, file, ...(opts.rollCalls ? { rollCalls: opts.rollCalls } : {}), rows: 0, imported: 0, replaced: 0, skipped: 0, skippedBy: {}, years: null, problems: [] };
  const count = (reason: SkipReason, row: number, message?: string) => {
    s.skipped++;
    s.skippedBy[reason] = (s.skippedBy[reason] ?? 0) + 1;
    if (message !== undefined && s.problems.length < maxProblems) s.problems.push({ file, row, message });
  };

  const it = csvBatches(file, opts.batch ?? 20_000)[Symbol.asyncIterator]();
  let first = await it.next();
  while (!first.done && first.value.records.length === 0) first = await it.next();
  if (first.done) throw new InputError("INPUT_EMPTY", file, "holds no lines");
  const header = first.value.records[0]!.map((c) => c.trim());
  const cols = new Map(header.map((c, j) => [c, j]));
  const missing = REQUIRED[kind].filter((c) => !cols.has(c));
  if (missing.length) throw new InputError("INPUT_UNREADABLE", file, `not a ${kind} file: missing column${missing.length > 1 ? "s" : ""} ${missing.join(", ")} (has ${header.slice(0, 12).join(", ")}${header.length > 12 ? ", …" : ""})`);
  let years: Map<number, number> | null = null;
  const ownYear = kind === "unvotes" ? (cols.has("year") ? "year" : cols.has("date") ? "date" : null) : null;
  if (kind === "unvotes" && !ownYear) {
    if (!opts.rollCalls) throw new InputError("INPUT_UNREADABLE", file, "UN votes have no year column: give the roll-call file (rcid, date) with --roll-calls FILE");
    years = await rollCallYears(opts.rollCalls);
  }
  // the crosswalk as the parsers see it: it adds up the first years of the spans it maps with
  const ranked = { rank: 0 };
  const rankingCw: Crosswalk = {
    contested: (iso, year) => cw.contested(iso, year),
    un: (code, name, year) => cw.un(code, name, year),
    cow(code, year) {
      const m = cw.cow(code, year);
      if ("iso" in m && Number.isFinite(m.since)) ranked.rank += m.since;
      return m;
    },
  };
  const parse = parsers(rankingCw, years, ownYear)[kind] as RowParser<PriorKind>;
  const width = header.length;
  /** records in a transition year, kept until the end: the successor's row wins */
  const contested = new Map<string, { r: PriorRow<PriorKind>; rank: number }>();
  let checked = false;

  function* mapBatch(b: CsvBatch, skipHeader: boolean): Generator<PriorRow<PriorKind>> {
    let usable = 0;
    let problems = 0;
    for (let i = skipHeader ? 1 : 0; i < b.records.length; i++) {
      const rec = b.records[i]!;
      const row = b.lines[i]!;
      s.rows++;
      if (rec.length !== width) {
        count("malformed", row, `${rec.length} fields, the header has ${width}`);
        problems++;
        continue;
      }
      ranked.rank = 0;
      const r = parse((c) => rec[cols.get(c)!]!, row);
      if (isSkip(r)) {
        count(r.skip, row, r.message);
        if (r.message !== undefined) problems++;
        continue;
      }
      usable++;
      const { states } = statesOf(kind, r);
      if (states.some((st) => cw.contested(st, r.year))) {
        const { key } = statesOf(kind, r);
        // the rank of a record is the sum of its codes' first years: the successor code's is later
        const rank = ranked.rank;
        const old = contested.get(key);
        if (old) count("superseded", old.rank >= rank ? row : old.r.row);
        if (!old || rank > old.rank) contested.set(key, { r, rank });
        continue;
      }
      yield r;
    }
    if (!checked && s.rows > 0) {
      // nothing usable in the whole first batch: the wrong file, refused before anything is stored
      if (usable === 0 && problems > 0) throw new InputError("INPUT_UNREADABLE", file, `no usable row in the first ${s.rows.toLocaleString("en-US")} (row ${s.problems[0]!.row}: ${s.problems[0]!.message})`);
      checked = true;
    }
  }
  const batches = async function* (): AsyncGenerator<PriorRow<PriorKind>[]> {
    yield [...mapBatch(first.value as CsvBatch, true)];
    opts.onProgress?.(first.value!.bytesRead, size);
    for (let n = await it.next(); !n.done; n = await it.next()) {
      yield [...mapBatch(n.value, false)];
      opts.onProgress?.(n.value.bytesRead, size);
    }
    yield [...contested.values()].sort((x, y) => x.r.row - y.r.row).map((x) => x.r);
  };
  const r = await store.putPriors(kind, path.resolve(file), batches());
  s.imported = r.stored;
  s.replaced = r.replaced;
  if (r.duplicates) ((s.skipped += r.duplicates), (s.skippedBy.duplicate = r.duplicates));
  const ds = (await store.priorDatasets()).find((d) => d.kind === kind);
  s.years = ds && ds.from !== null && ds.to !== null ? [ds.from, ds.to] : null;
  return s;
}
