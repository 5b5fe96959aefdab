/**
 * Imports a dataset file into a store: streams its lines in batches, parses each row, writes
 * each batch's new events and their dyad reports in one transaction, and reports every row it
 * could not use as a {@link RowProblem}. A file whose first batch holds no usable row at all is
 * refused as the wrong format before anything is written.
 *
 * Dyad reports: an event between two different states (a bare state, or a state organ such as
 * IRNGOV/RUSMIL, per data/interop/actors.yaml) becomes one directed report, with the event's
 * day, its type's polarity, the dataset's intensity signed by that polarity, and the dataset's
 * confidence. Its independence key is the article's web host (GDELT), the publisher (ICEWS,
 * POLECAT) or the file; its text key the article URL, the story and sentence (ICEWS) or the
 * row's key, so that GDELT's several rows coded from one article count as one source.
 * The reports hang on one document row per file (see {@link fingerprint}).
 */
import { createHash } from "node:crypto";
import { closeSync, fstatSync, openSync, readFileSync, readSync } from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { DataError, InputError, type ErrorCode } from "../core/errors.js";
import { packImported, packReport, type PackedImported, type PackedReport } from "../core/imported-pack.js";
import { workerEntry } from "../data/worker-entry.js";
import type { DyadReport } from "../core/dyad.js";
import { arenaBits } from "../core/dyad.js";
import type { Dataset, ImportedActor, ImportedEvent, ImportSource, RowProblem } from "../core/imported.js";
import type { EventStore } from "../store/contract.js";
import { gdeltFormat, icewsFormat, mentionRow, polecatFormat, type IcewsExtra, type MentionRow, type RowFormat } from "./formats.js";
import { readLines, sniffFile } from "./lines.js";
import { parsePlover, ploverTerms } from "./plover.js";
import type { InteropTables } from "./tables.js";

/** What `entente import` reads. */
export type ImportKind = "gdelt" | "gdelt-mentions" | "icews" | "polecat" | "plover";
export const IMPORT_KINDS: readonly ImportKind[] = ["gdelt", "gdelt-mentions", "icews", "polecat", "plover"];

export interface ImportSummary {
  file: string;
  kind: ImportKind;
  /** the document row the file's reports hang on */
  docId: string;
  /** data rows read (not counting a header or blank lines) */
  rows: number;
  /** events stored now */
  added: number;
  /** events already stored (same dataset and key) */
  existing: number;
  /** rows whose CAMEO code has no PLOVER event (public statements) */
  uncoded: number;
  /** rows reported as problems and skipped */
  skipped: number;
  /** dyad reports stored with the new events */
  reports: number;
  /** the first problems (at most `maxProblems`), in file order */
  problems: RowProblem[];
}

export interface ImportOptions {
  /** lines per batch (one transaction each); default 4,000 (bigger batches live long enough to be promoted by the garbage collector, which costs more than the extra commits) */
  batch?: number;
  /** problems kept for the summary; default 1,000 (all are counted) */
  maxProblems?: number;
  /** called after each batch with the bytes read and the file's size */
  onProgress?: (bytes: number, total: number) => void;
  /** parse on a worker thread (see {@link importFile}); default: for files of 8 MB and more */
  worker?: boolean;
}

/**
 * A file's fingerprint: SHA-256 over its size, its first MiB and its last MiB. It names the
 * file's document row, so that a re-import of the same file finds the same row without reading
 * gigabytes twice (hashing every byte cost a second full read, a fifth of an import's time).
 * Two different files with the same fingerprint would share a document row, which is harmless:
 * events are deduplicated by their dataset and key, and the row only holds their reports.
 */
export function fingerprint(file: string): string {
  const h = createHash("sha256");
  const fd = openSync(file, "r");
  try {
    const size = fstatSync(fd).size;
    h.update(`${size}:`);
    const part = Buffer.alloc(Math.min(size, 1 << 20));
    h.update(part.subarray(0, readSync(fd, part, 0, part.length, 0)));
    if (size > part.length) h.update(part.subarray(0, readSync(fd, part, 0, part.length, Math.max(part.length, size - part.length))));
  } finally {
    closeSync(fd);
  }
  return h.digest("hex");
}

/** The web host of a URL, without "www.", or null. */
export function hostOf(url: string | null): string | null {
  if (!url) return null;
  const m = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?([^/:?#]+)/i.exec(url);
  return m ? m[1]!.toLowerCase().replace(/^www\./, "") : null;
}

/** The state an actor speaks for in the dyad index: a bare state of ours, or one of its organs. */
export function stateOf(a: ImportedActor, t: InteropTables): string | null {
  const c = a.country;
  if (!c || !a.id || !t.isState(c)) return null;
  if (a.id === c) return c;
  return a.id.length === 6 && a.id.startsWith(c) && t.isStateSector(a.id.slice(3)) ? c : null;
}

/**
 * The dyad reports of an imported event: one per pair of different states it joins. CAMEO rows
 * have one actor a side and a direction; a PLOVER record may name several and be mutual (one
 * report per unordered pair, a < b), as text-coded events are.
 */
export function importedReports(e: ImportedEvent, docId: string, t: InteropTables, keysOf: ReportKeys | ((e: ImportedEvent) => ReportKeys)): DyadReport[] {
  // the keys are worked out only for the events between states (a quarter of GDELT's)
  const keys = () => (typeof keysOf === "function" ? keysOf(e) : keysOf);
  const d = e.detail;
  if (!d) {
    const a = stateOf(e.source, t);
    const b = stateOf(e.target, t);
    return a && b && a !== b ? [report(e, docId, t, keys(), a, b, false)] : [];
  }
  const states = (xs: readonly ImportedActor[]) => [...new Set(xs.map((x) => stateOf(x, t)).filter((x): x is string => x !== null))];
  const src = states(d.sources.length ? d.sources : [e.source]);
  const tgt = states(d.targets.length ? d.targets : [e.target]);
  const out: DyadReport[] = [];
  if (src.length + tgt.length < 2) return out;
  const k = keys();
  if (d.mutual) {
    const all = [...new Set([...src, ...tgt])].sort();
    for (let i = 0; i < all.length; i++) for (let j = i + 1; j < all.length; j++) out.push(report(e, docId, t, k, all[i]!, all[j]!, true));
  } else for (const a of src) for (const b of tgt) if (a !== b) out.push(report(e, docId, t, k, a, b, false));
  return out;
}

/** A report's independence key (who published it) and text key (what a copy shares). */
export interface ReportKeys {
  sourceKey: string;
  textKey: string;
}

function report(e: ImportedEvent, docId: string, t: InteropTables, keys: ReportKeys, a: string, b: string, mutual: boolean): DyadReport {
  const size = Math.abs(e.intensity);
  return {
    docId, eventId: `${e.dataset}:${e.key}`, a, b, mutual, type: e.type, polarity: e.polarity,
    intensity: e.polarity === "conflict" ? -size : size, modality: e.modality, confidence: e.detail?.confidence ?? t.confidence(e.dataset),
    arenas: arenaBits(e.arena), day: e.date, sourceKey: keys.sourceKey, sourceCountry: null, claimCountry: null,
    textKey: keys.textKey, fragility: false, hedging: false,
  };
}

const TITLE: Record<ImportKind, string> = { gdelt: "GDELT events", "gdelt-mentions": "GDELT 2.0 mentions", icews: "ICEWS events", polecat: "POLECAT events", plover: "PLOVER JSON" };

/**
 * One batch of a file's lines, parsed and mapped, in the compact form (src/core/imported-pack.ts):
 * what {@link parseBatches} yields and what the parse worker sends to the writing thread.
 */
export interface ParsedBatch {
  events: PackedImported[];
  /** the reports of `events` (their `event` is an index into it) */
  reports: PackedReport[];
  /** GDELT 2.0 mentions rows, resolved against the store by the writer */
  mentions: MentionRow[];
  /** data rows read (not counting a header or blank lines) */
  rows: number;
  uncoded: number;
  /** rows the parser refused, in file order */
  problems: { row: number; message: string }[];
  bytesRead: number;
}

/** The keys of a file's dyad reports (who published it, what a copy shares), per dataset. */
function reportKeys(docId: string, icewsExtra: Map<ImportedEvent, IcewsExtra>, publisher: Map<ImportedEvent, string>): (e: ImportedEvent) => ReportKeys {
  const fileKey = `file:${docId}`;
  return (e) => {
    if (e.dataset === "icews") {
      const x = icewsExtra.get(e);
      return { sourceKey: x?.publisher ? `outlet:${x.publisher.toLowerCase()}` : fileKey, textKey: x ? `icews:${x.story}:${x.sentence}` : `icews:${e.key}` };
    }
    if (e.dataset === "polecat") {
      const p = publisher.get(e);
      return { sourceKey: p ? `outlet:${p.toLowerCase()}` : fileKey, textKey: `polecat:${e.key}` };
    }
    const host = hostOf(e.url);
    // a PLOVER record's sentence, when it gives one, is what a wire copy shares
    const text = e.detail?.text ? `text:${createHash("sha1").update(e.detail.text.toLowerCase().replace(/\s+/g, " ").trim()).digest("hex").slice(0, 16)}` : null;
    return { sourceKey: host ? `web:${host}` : fileKey, textKey: text ?? e.url ?? `${e.dataset}:${e.key}` };
  };
}

/** Adds an event and its dyad reports to a batch. */
function pushEvent(b: ParsedBatch, e: ImportedEvent, docId: string, t: InteropTables, keys: ReportKeys | ((e: ImportedEvent) => ReportKeys)): void {
  const i = b.events.length;
  b.events.push(packImported(e, e.file));
  for (const r of importedReports(e, docId, t, keys)) b.reports.push(packReport(r, i));
}

/**
 * A line-based file (every kind but PLOVER JSON) in parsed batches. Throws InputError for a
 * header that is not the format's and for a file with no lines; rows it cannot use are problems.
 */
export async function* parseBatches(kind: Exclude<ImportKind, "plover">, file: string, t: InteropTables, docId: string, batch = 4_000): AsyncGenerator<ParsedBatch> {
  const icewsExtra = new Map<ImportedEvent, IcewsExtra>();
  const publisher = new Map<ImportedEvent, string>();
  const format: RowFormat | null =
    kind === "gdelt" ? gdeltFormat(t, file) : kind === "icews" ? icewsFormat(t, file, icewsExtra) : kind === "polecat" ? polecatFormat(t, file, publisher) : null;
  const keysOf = reportKeys(docId, icewsExtra, publisher);
  let header = format?.header !== undefined;
  for await (const lb of readLines(file, { batch })) {
    const b: ParsedBatch = { events: [], reports: [], mentions: [], rows: 0, uncoded: 0, problems: [], bytesRead: lb.bytesRead };
    for (let i = 0; i < lb.lines.length; i++) {
      const line = lb.lines[i]!;
      const row = lb.first + i;
      if (line === "" || (line.length < 3 && line.trim() === "")) continue;
      if (header) {
        format!.header!(line);
        header = false;
        continue;
      }
      b.rows++;
      const r = format ? format.row(line, row) : mentionRow(line, row);
      if (typeof r === "string") b.problems.push({ row, message: r });
      else if (r === null) b.uncoded++;
      else if ("event" in r) b.mentions.push(r);
      else pushEvent(b, r, docId, t, keysOf);
    }
    icewsExtra.clear();
    publisher.clear();
    yield b;
  }
  if (header) throw new InputError("INPUT_EMPTY", file, "holds no lines");
}

/** Files smaller than this are parsed in the writing thread: a worker costs more to start than they take to parse. */
const WORKER_MIN_BYTES = 8 << 20;

/**
 * Imports one file; see the module comment. Throws InputError for a file it cannot read at all.
 *
 * Large event files (GDELT, ICEWS, POLECAT; not mentions, which are resolved against the store,
 * nor PLOVER JSON) are read, parsed and mapped on a worker thread while this thread writes
 * (`opts.worker`, on by default when the tables were read from files): on two cores the import
 * runs at the speed of the store's inserts instead of the sum of parsing and inserting.
 */
export async function importFile(store: EventStore, kind: ImportKind, file: string, t: InteropTables, opts: ImportOptions = {}): Promise<ImportSummary> {
  const { size } = sniffFile(file);
  // 128 bits of the fingerprint: the id is part of every report's key, so shorter is faster
  const docId = `import:${kind}:${fingerprint(file).slice(0, 32)}`;
  const source: ImportSource = { id: docId, title: `${TITLE[kind]}: ${path.basename(file)}`, file };
  const maxProblems = opts.maxProblems ?? 1000;
  const s: ImportSummary = { file, kind, docId, rows: 0, added: 0, existing: 0, uncoded: 0, skipped: 0, reports: 0, problems: [] };
  const problem = (row: number, message: string) => {
    s.skipped++;
    if (s.problems.length < maxProblems) s.problems.push({ file, row, message });
  };
  const store1 = async (events: PackedImported[], reports: PackedReport[]) => {
    if (!events.length) return;
    const r = await store.putImportedBatch(source, events, reports);
    s.added += r.added;
    s.existing += r.existing;
    s.reports += r.reports;
  };

  if (kind === "plover") {
    let checkedPlover = false;
    const keysOf = reportKeys(docId, new Map(), new Map());
    for await (const b of ploverBatches(file, size, opts.batch ?? 4_000)) {
      const rows = new Set(b.events.map((e) => e.row)).size + b.problems.length;
      s.rows += rows;
      for (const p of b.problems) problem(p.row, p.message);
      // nothing usable in the whole first batch: the wrong kind of file, refused before writing
      if (!checkedPlover && rows > 0) {
        if (!b.events.length) throw new InputError("INPUT_UNREADABLE", file, `not PLOVER JSON (record ${b.problems[0]!.row}: ${b.problems[0]!.message})`);
        checkedPlover = true;
      }
      const out: ParsedBatch = { events: [], reports: [], mentions: [], rows, uncoded: 0, problems: [], bytesRead: b.bytesRead };
      for (const e of b.events) pushEvent(out, e, docId, t, keysOf);
      await store1(out.events, out.reports);
      opts.onProgress?.(b.bytesRead, size);
    }
    return s;
  }

  const useWorker = (opts.worker ?? size >= WORKER_MIN_BYTES) && kind !== "gdelt-mentions" && t.sources !== undefined;
  const batches = useWorker ? workerBatches(kind, file, t.sources!, docId, opts.batch ?? 4_000) : parseBatches(kind, file, t, docId, opts.batch ?? 4_000);
  let checked = false;
  let formatProblems = 0;
  for await (const b of batches) {
    s.rows += b.rows;
    formatProblems += b.problems.length;
    for (const p of b.problems) problem(p.row, p.message);
    if (!checked && s.rows > 0) {
      // nothing usable in the whole first batch: the wrong kind of file, refused before writing
      if (formatProblems === s.rows) throw new InputError("INPUT_UNREADABLE", file, `not a ${TITLE[kind]} file (line ${s.problems[0]!.row}: ${s.problems[0]!.message})`);
      checked = true;
    }
    s.uncoded += b.uncoded;
    if (b.mentions.length) await resolveMentions(store, b, file, docId, t, problem);
    await store1(b.events, b.reports);
    opts.onProgress?.(b.bytesRead, size);
  }
  return s;
}

type TableFiles = NonNullable<InteropTables["sources"]>;

/** What the parse worker is given (import-worker.ts). */
export interface ParseJob {
  kind: Exclude<ImportKind, "plover">;
  file: string;
  tables: TableFiles;
  docId: string;
  batch: number;
  /** batches it may send ahead of the writer: memory stays flat however large the file */
  ahead: number;
}

/** What the parse worker sends: a batch, the end, or why it stopped. */
export type ParseReply =
  | { kind: "batch"; batch: ParsedBatch }
  | { kind: "done" }
  | { kind: "failed"; typed: { name: "InputError" | "DataError"; code: ErrorCode; input: string; message: string } | null; message: string };

/** the parse worker's young generation (see workerBatches); 16 MB, V8's default, took 15% longer on 1 M GDELT rows */
const YOUNG_MB = 128;

/** {@link parseBatches} on a worker thread; the worker stops when the caller stops reading. */
async function* workerBatches(kind: Exclude<ImportKind, "plover">, file: string, tables: TableFiles, docId: string, batch: number): AsyncGenerator<ParsedBatch> {
  const entry = workerEntry(import.meta.url, "import-worker");
  const job: ParseJob = { kind, file, tables, docId, batch, ahead: 2 };
  // a young generation big enough for a few batches: their objects die young instead of being
  // copied into the old generation and collected there (a third of the worker's time otherwise)
  const worker = new Worker(entry.source, { workerData: job, eval: entry.eval, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_MB } });
  const inbox: ParseReply[] = [];
  let wake: (() => void) | null = null;
  const deliver = (m: ParseReply) => {
    inbox.push(m);
    wake?.();
    wake = null;
  };
  worker.on("message", deliver);
  worker.on("error", (e) => deliver({ kind: "failed", typed: null, message: `the parse worker failed: ${e.message}` }));
  worker.on("exit", (code) => deliver({ kind: "failed", typed: null, message: `the parse worker stopped (exit code ${code})` }));
  try {
    for (;;) {
      while (!inbox.length) await new Promise<void>((r) => (wake = r));
      const m = inbox.shift()!;
      if (m.kind === "done") return;
      if (m.kind === "failed") {
        // the worker's typed errors are thrown here as the same errors, for the CLI's one line
        if (m.typed?.name === "InputError") throw new InputError(m.typed.code, m.typed.input, m.typed.message);
        if (m.typed?.name === "DataError") throw new DataError(m.typed.input, m.typed.message);
        throw new Error(m.message);
      }
      // the writer has taken one: the worker may parse one more
      worker.postMessage("next");
      yield m.batch;
    }
  } finally {
    worker.removeAllListeners("exit");
    await worker.terminate();
  }
}

/** Mentions name events by GLOBALEVENTID: each becomes a copy of its stored GDELT 2.0 event, with the mentioning article as its source. */
async function resolveMentions(store: EventStore, b: ParsedBatch, file: string, docId: string, t: InteropTables, problem: (row: number, message: string) => void): Promise<void> {
  const mentions = b.mentions;
  const stored = await store.importedEvents({ dataset: "gdelt2", keys: [...new Set(mentions.map((m) => m.event))] });
  const byKey = new Map(stored.map((e) => [e.key, e]));
  for (const m of mentions) {
    const ev = byKey.get(m.event);
    if (!ev) {
      problem(m.row, `event ${m.event} is not in the store (import its GDELT 2.0 events file first)`);
      continue;
    }
    const e: ImportedEvent = { ...ev, dataset: "gdelt2-mentions" satisfies Dataset, key: m.key, file, row: m.row, url: m.url, mentions: null };
    const host = hostOf(m.url) ?? (m.source ? m.source.toLowerCase().replace(/^www\./, "") : null);
    pushEvent(b, e, docId, t, { sourceKey: host ? `web:${host}` : `file:${docId}`, textKey: m.url ?? `gdelt2-mentions:${m.key}` });
  }
}

/** a JSON array or one pretty-printed record is parsed whole; JSON lines are streamed */
const MAX_WHOLE_JSON = 512 << 20;

/**
 * PLOVER JSON in batches for {@link parsePlover}: JSON lines a batch of lines at a time (record
 * numbers are line numbers), an array or a single pretty-printed record whole, up to 512 MB.
 */
async function* ploverBatches(file: string, size: number, batch: number): AsyncGenerator<{ events: ImportedEvent[]; problems: RowProblem[]; bytesRead: number }> {
  const terms = ploverTerms();
  const head = Buffer.alloc(Math.min(size, 1 << 16));
  const fd = openSync(file, "r");
  try {
    readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  const start = head.toString("utf8").replace(/^\uFEFF/, "");
  const c = start.trimStart()[0];
  const firstLine = start.trimStart().split("\n", 1)[0]!;
  const lines = c === "{" && (firstLine.trimEnd().endsWith("}") || size <= head.length);
  if (c !== "[" && c !== "{") throw new InputError("INPUT_UNREADABLE", file, `not PLOVER JSON (it starts with ${JSON.stringify(start.trimStart().slice(0, 12))}, not [ or {)`);
  if (!lines) {
    if (size > MAX_WHOLE_JSON) throw new InputError("INPUT_TOO_LARGE", file, `a JSON array of ${Math.round(size / 2 ** 20)} MB is too large to read whole: give PLOVER records as JSON lines, one a line`);
    const r = parsePlover(readFileSync(file, "utf8"), file, terms);
    if (r.problems[0]?.row === 0) throw new InputError("INPUT_UNREADABLE", file, r.problems[0].message);
    yield { ...r, bytesRead: size };
    return;
  }
  for await (const b of readLines(file, { batch })) {
    const r = parsePlover(b.lines.join("\n"), file, terms);
    const shift = b.first - 1;
    yield {
      events: shift ? r.events.map((e) => ({ ...e, row: e.row + shift })) : r.events,
      problems: shift ? r.problems.map((p) => ({ ...p, row: p.row + shift })) : r.problems,
      bytesRead: b.bytesRead,
    };
  }
}
