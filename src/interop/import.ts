/**
 * Imports a dataset file into a store: streams its lines in batches, parses each row, writes
 * each batch's new events and their dyad reports in one transaction, and reports every row it
 * could not use as a {@link RowProblem}. A file whose first batch holds no usable row at all is
 * refused as the wrong format before anything is written. Rows become events and dyad reports
 * in batches.ts; the reports hang on one document row per file (see {@link fingerprint}).
 */
import { createHash } from "node:crypto";
import { closeSync, fstatSync, openSync, readFileSync, readSync } from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { DataError, InputError, type ErrorCode } from "../core/errors.js";
import type { PackedImported, PackedReport } from "../core/imported-pack.js";
import { workerEntry } from "../data/worker-entry.js";
import type { Dataset, ImportedEvent, ImportSource, RowProblem } from "../core/imported.js";
import type { EventStore } from "../store/contract.js";
import { BatchParser, HUNGRY, SENT, hostOf, parseBatches, pushEvent, reportKeys, type LineKind, type ParsedBatch } from "./batches.js";
import { compileTableInputs, type InteropTables, type TableInputs } from "./compile-tables.js";
import { readLines, sniffFile } from "./lines.js";
import { parsePlover, ploverTerms } from "./plover.js";

export { hostOf, importedReports, stateOf, type ParsedBatch, type ReportKeys } from "./batches.js";

/** What `entente import` reads. */
export type ImportKind = LineKind | "plover";
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
  /**
   * With a worker, which batches the writing thread parses itself (see {@link Lend}); default
   * "idle". The stored result is the same whichever thread parses a batch.
   */
  lend?: Lend;
}

/**
 * Which of its batches the parse worker hands to the writing thread to parse, as lines: "idle",
 * its next batch each time the writer has waited with none on its way (the flag stays set until
 * the worker takes it, so the writer may be busy again by then; on two cores this evens out the
 * two threads' work); "all", every batch after the header; "none". Both threads parse with
 * tables compiled from the same inputs.
 */
export type Lend = "idle" | "all" | "none";

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

const TITLE: Record<ImportKind, string> = { gdelt: "GDELT events", "gdelt-mentions": "GDELT 2.0 mentions", icews: "ICEWS events", polecat: "POLECAT events", plover: "PLOVER JSON" };

/** Files smaller than this are parsed in the writing thread: a worker costs more to start than they take to parse. */
const WORKER_MIN_BYTES = 8 << 20;

/**
 * Imports one file; see the module comment. Throws InputError for a file it cannot read at all.
 *
 * Large event files (GDELT, ICEWS, POLECAT; not mentions, which are resolved against the store,
 * nor PLOVER JSON) are read, parsed and mapped on a worker thread while this thread writes
 * (`opts.worker`, on by default for tables built by compileInteropTables, whose inputs the
 * worker compiles again): on two cores the import runs at the speed of the store's inserts
 * instead of the sum of parsing and inserting.
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

  const useWorker = (opts.worker ?? size >= WORKER_MIN_BYTES) && kind !== "gdelt-mentions" && t.inputs !== undefined;
  const batches = useWorker ? workerBatches(kind, file, t, docId, opts.batch ?? 4_000, opts.lend ?? "idle") : parseBatches(kind, file, t, docId, opts.batch ?? 4_000);
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

/** What the parse worker is given (import-worker.ts). */
export interface ParseJob {
  kind: LineKind;
  file: string;
  /** what the writer's tables were compiled from: the worker compiles the same */
  tables: TableInputs;
  docId: string;
  batch: number;
  /** batches it may send ahead of the writer: memory stays flat however large the file */
  ahead: number;
  lend: Lend;
  /**
   * Two Int32s shared by the two threads: [HUNGRY] the writer sets to 1 when it waits for a batch
   * and none is on its way, the worker back to 0 when it lends one; [SENT] counts the worker's
   * messages, which the writer compares with those delivered to it (a message sent while the
   * writer was busy is only delivered when it waits).
   */
  shared: SharedArrayBuffer;
}


/** What the parse worker sends: a batch, the end, or why it stopped. */
export type ParseReply =
  | { kind: "batch"; batch: ParsedBatch }
  /** a batch's lines lent to the writer to parse, with the file's header line */
  | { kind: "lines"; lines: readonly string[]; first: number; bytesRead: number; header: string | null }
  | { kind: "done" }
  | { kind: "failed"; typed: { name: "InputError" | "DataError"; code: ErrorCode; input: string; message: string } | null; message: string };

/** the parse worker's young generation (see workerBatches); 16 MB, V8's default, took 15% longer on 1 M GDELT rows */
const YOUNG_MB = 128;

/** {@link parseBatches} on a worker thread; the worker stops when the caller stops reading. */
async function* workerBatches(kind: LineKind, file: string, t: InteropTables, docId: string, batch: number, lend: Lend): AsyncGenerator<ParsedBatch> {
  const entry = workerEntry(import.meta.url, "import-worker");
  const shared = new Int32Array(new SharedArrayBuffer(8));
  const job: ParseJob = { kind, file, tables: t.inputs!, docId, batch, ahead: 4, lend, shared: shared.buffer as SharedArrayBuffer };
  // a young generation big enough for a few batches: their objects die young instead of being
  // copied into the old generation and collected there (a third of the worker's time otherwise)
  const worker = new Worker(entry.source, { workerData: job, eval: entry.eval, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_MB } });
  const inbox: ParseReply[] = [];
  let delivered = 0;
  let wake: (() => void) | null = null;
  const deliver = (m: ParseReply) => {
    inbox.push(m);
    wake?.();
    wake = null;
  };
  worker.on("message", (m: ParseReply) => {
    delivered++;
    deliver(m);
  });
  worker.on("error", (e) => deliver({ kind: "failed", typed: null, message: `the parse worker failed: ${e.message}` }));
  worker.on("exit", (code) => deliver({ kind: "failed", typed: null, message: `the parse worker stopped (exit code ${code})` }));
  // the batches lent to this thread are parsed by a parser of its own
  let here: BatchParser | null = null;
  try {
    for (;;) {
      if (!inbox.length) {
        // nothing sent that this thread has not had: it waits for the worker, which lends it its next batch
        if (Atomics.load(shared, SENT) === delivered) Atomics.store(shared, HUNGRY, 1);
        while (!inbox.length) await new Promise<void>((r) => (wake = r));
      }
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
      if (m.kind === "lines") {
        // with the tables the worker compiled, from the same inputs: both threads parse alike
        here ??= BatchParser.resume(kind, file, compileTableInputs(t.inputs!), docId, m.header);
        yield here.parse(m);
      } else yield m.batch;
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
