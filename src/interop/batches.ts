/**
 * A line-based dataset file (every kind `entente import` reads but PLOVER JSON) in parsed
 * batches of events and their dyad reports, in the compact form the store writes. This module
 * is what an import's parse worker loads (see import-worker.ts), so it imports nothing that
 * reads or checks data files: the worker starts in a fraction of the time.
 *
 * Dyad reports: an event between two different states (a bare state, or a state organ such as
 * IRNGOV/RUSMIL, per data/interop/actors.yaml) becomes one directed report, with the event's
 * day, its type's polarity, the dataset's intensity signed by that polarity, and the dataset's
 * confidence. Its independence key is the article's web host (GDELT), the publisher (ICEWS,
 * POLECAT) or the file; its text key the article URL, the story and sentence (ICEWS) or the
 * row's key, so that GDELT's several rows coded from one article count as one source.
 */
import { createHash } from "node:crypto";
import { InputError } from "../core/errors.js";
import { packImported, packReport, type PackedImported, type PackedReport } from "../core/imported-pack.js";
import type { DyadReport } from "../core/dyad.js";
import { arenaBits } from "../core/dyad.js";
import type { ImportedActor, ImportedEvent } from "../core/imported.js";
import type { InteropTables } from "./compile-tables.js";
import { gdeltFormat, icewsFormat, mentionRow, polecatFormat, type IcewsExtra, type MentionRow, type RowFormat } from "./formats.js";
import { readLines, type LineBatch } from "./lines.js";

/** Indexes into the Int32s an import's writer and parse worker share (ParseJob.shared in import.ts). */
export const HUNGRY = 0;
export const SENT = 1;

/** The line-based kinds of file (see ImportKind in import.ts). */
export type LineKind = "gdelt" | "gdelt-mentions" | "icews" | "polecat";

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
export function reportKeys(docId: string, icewsExtra: Map<ImportedEvent, IcewsExtra>, publisher: Map<ImportedEvent, string>): (e: ImportedEvent) => ReportKeys {
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
export function pushEvent(b: ParsedBatch, e: ImportedEvent, docId: string, t: InteropTables, keys: ReportKeys | ((e: ImportedEvent) => ReportKeys)): void {
  const i = b.events.length;
  b.events.push(packImported(e, e.file));
  for (const r of importedReports(e, docId, t, keys)) b.reports.push(packReport(r, i));
}

/**
 * Parses a line-based file one batch of lines at a time, in file order. It keeps the file's
 * header (the named columns of ICEWS and POLECAT), so that the batches after the header can also
 * be parsed by a second parser, in another thread, given that line ({@link BatchParser.resume}).
 */
export class BatchParser {
  private readonly icewsExtra = new Map<ImportedEvent, IcewsExtra>();
  private readonly publisher = new Map<ImportedEvent, string>();
  private readonly format: RowFormat | null;
  private readonly keysOf: (e: ImportedEvent) => ReportKeys;
  /** true while the format's header is still to come */
  private header: boolean;
  /** the header line read, for a second parser */
  headerLine: string | null = null;

  constructor(
    kind: LineKind,
    private readonly file: string,
    private readonly t: InteropTables,
    private readonly docId: string,
  ) {
    this.format = kind === "gdelt" ? gdeltFormat(t, file) : kind === "icews" ? icewsFormat(t, file, this.icewsExtra) : kind === "polecat" ? polecatFormat(t, file, this.publisher) : null;
    this.keysOf = reportKeys(docId, this.icewsExtra, this.publisher);
    this.header = this.format?.header !== undefined;
  }

  /** A parser for the batches after the header, which another parser read (its {@link headerLine}). */
  static resume(kind: LineKind, file: string, t: InteropTables, docId: string, headerLine: string | null): BatchParser {
    const p = new BatchParser(kind, file, t, docId);
    if (p.header && headerLine !== null) {
      p.format!.header!(headerLine);
      p.header = false;
      p.headerLine = headerLine;
    }
    return p;
  }

  /** whether the header, when the format has one, has been read: what follows can be parsed anywhere */
  get pastHeader(): boolean {
    return !this.header;
  }

  parse(lb: LineBatch): ParsedBatch {
    const b: ParsedBatch = { events: [], reports: [], mentions: [], rows: 0, uncoded: 0, problems: [], bytesRead: lb.bytesRead };
    const { format, docId, t } = this;
    for (let i = 0; i < lb.lines.length; i++) {
      const line = lb.lines[i]!;
      const row = lb.first + i;
      if (line === "" || (line.length < 3 && line.trim() === "")) continue;
      if (this.header) {
        format!.header!(line);
        this.header = false;
        this.headerLine = line;
        continue;
      }
      b.rows++;
      const r = format ? format.row(line, row) : mentionRow(line, row);
      if (typeof r === "string") b.problems.push({ row, message: r });
      else if (r === null) b.uncoded++;
      else if ("event" in r) b.mentions.push(r);
      else pushEvent(b, r, docId, t, this.keysOf);
    }
    this.icewsExtra.clear();
    this.publisher.clear();
    return b;
  }

  /** At the end of the file: throws InputError when it held no lines at all (not even a header). */
  finish(): void {
    if (this.header) throw new InputError("INPUT_EMPTY", this.file, "holds no lines");
  }
}

/**
 * A line-based file (every kind but PLOVER JSON) in parsed batches. Throws InputError for a
 * header that is not the format's and for a file with no lines; rows it cannot use are problems.
 */
export async function* parseBatches(kind: LineKind, file: string, t: InteropTables, docId: string, batch = 4_000): AsyncGenerator<ParsedBatch> {
  const p = new BatchParser(kind, file, t, docId);
  for await (const lb of readLines(file, { batch })) yield p.parse(lb);
  p.finish();
}
