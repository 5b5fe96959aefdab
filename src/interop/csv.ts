/**
 * Events as CSV with GDELT-like columns, for tools built around GDELT 1.0's events table: one row
 * per event, the GDELT names for what we have (actor codes, CAMEO codes, quad class, an intensity
 * in the Goldstein column's place, the source URL), our own columns after them. RFC 4180: comma
 * separated, CRLF line ends, a header row, fields with commas, quotes or line breaks quoted and
 * quotes doubled. Rows are written one at a time to a sink, so an export of any size streams.
 */
import type { ImportedActor } from "../core/imported.js";
import { isImported, padDay, type ExportEvent, type PloverContext } from "./plover.js";

/** The columns, in order: GDELT's names first, ours (lower case) after. */
export const CSV_COLUMNS = [
  "GLOBALEVENTID",
  "SQLDATE",
  "Actor1Code",
  "Actor1Name",
  "Actor1CountryCode",
  "Actor2Code",
  "Actor2Name",
  "Actor2CountryCode",
  "IsRootEvent",
  "EventCode",
  "EventBaseCode",
  "EventRootCode",
  "QuadClass",
  "GoldsteinScale",
  "NumMentions",
  "NumSources",
  "NumArticles",
  "AvgTone",
  "SOURCEURL",
  "plover_type",
  "mode",
  "polarity",
  "modality",
  "negated",
  "arena",
  "sources",
  "targets",
  "mutual",
  "attributed_to",
  "event_date",
  "evidence",
  "doc_id",
  "event_id",
  "dataset",
] as const;

export type CsvColumn = (typeof CSV_COLUMNS)[number];
type Cell = string | number | boolean | null;

/** One field, quoted when it must be (RFC 4180 §2.6–2.7). */
export function csvField(v: Cell): string {
  if (v === null) return "";
  const s = typeof v === "boolean" ? (v ? "1" : "0") : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One record, with its CRLF line end. */
export function csvLine(cells: readonly Cell[]): string {
  return cells.map(csvField).join(",") + "\r\n";
}

interface Side {
  code: string | null;
  name: string | null;
  country: string | null;
  id: string | null;
}

const sideOfImported = (a: ImportedActor): Side => ({ code: a.code ?? a.id, name: a.name, country: a.country, id: a.id });

/** An event's values by column. */
export function csvRecord(e: ExportEvent, ctx: PloverContext): Record<CsvColumn, Cell> {
  const side = (id: string): Side => {
    const a = ctx.actors.get(id);
    return { code: a?.code ?? id, name: a?.name ?? null, country: a?.country ?? null, id };
  };
  let sources: Side[];
  let targets: Side[];
  let day: string | null;
  let url: string | null;
  let mentions: number | null;
  let ids: { doc: string | null; event: string | null; global: string };
  let own: { negated: boolean; mutual: boolean; attributedTo: string | null; date: string | null; evidence: string | null };
  if (isImported(e)) {
    const d = e.detail;
    sources = (d?.sources ?? [e.source]).map(sideOfImported);
    targets = (d?.targets ?? [e.target]).map(sideOfImported);
    day = e.date;
    url = e.url;
    mentions = e.mentions;
    const o = d?.origin;
    ids = o?.kind === "document" ? { doc: o.docId, event: o.eventId, global: `${o.docId}#${o.eventId}` } : { doc: null, event: e.key, global: `${e.dataset}:${e.key}` };
    own = { negated: d?.negated ?? false, mutual: d?.mutual ?? false, attributedTo: d?.attributedTo ?? null, date: d?.when ? dateText(d.when) : null, evidence: d?.text ?? null };
  } else {
    const doc = ctx.documents.get(e.docId);
    sources = e.source.map(side);
    targets = e.target.map(side);
    const published = ("published" in e ? e.published : null) ?? doc?.published ?? null;
    day = e.date && /^\d{4}-\d{2}/.test(e.date.from) ? padDay(e.date.from) : (padDay(published) ?? padDay(e.date?.from));
    url = doc && "url" in doc.source && doc.source.url ? doc.source.url : null;
    mentions = 1;
    ids = { doc: e.docId, event: e.id, global: `${e.docId}#${e.id}` };
    own = { negated: e.negated, mutual: e.mutual, attributedTo: e.attributedTo, date: e.date ? dateText(e.date) : null, evidence: e.evidence.text };
  }
  const code = e.cameo ?? ctx.terms.cameoOf(e.type);
  const [a1, a2] = [sources[0], targets[0]];
  return {
    GLOBALEVENTID: ids.global,
    SQLDATE: day ? day.replace(/-/g, "") : null,
    Actor1Code: a1?.code ?? null,
    Actor1Name: a1?.name ?? null,
    Actor1CountryCode: a1?.country ?? null,
    Actor2Code: a2?.code ?? null,
    Actor2Name: a2?.name ?? null,
    Actor2CountryCode: a2?.country ?? null,
    // GDELT marks events from an article's lead paragraph; we do not keep that
    IsRootEvent: null,
    EventCode: code,
    EventBaseCode: code ? code.slice(0, 3) : null,
    EventRootCode: code ? code.slice(0, 2) : null,
    QuadClass: ctx.terms.quadOf(e.type),
    GoldsteinScale: e.intensity,
    NumMentions: mentions,
    NumSources: mentions,
    NumArticles: mentions,
    AvgTone: null,
    SOURCEURL: url,
    plover_type: e.type,
    mode: e.mode,
    polarity: e.polarity,
    modality: e.modality,
    negated: own.negated,
    arena: e.arena.join(";"),
    sources: sources.map((s) => s.id ?? s.code ?? "").join(";"),
    targets: targets.map((s) => s.id ?? s.code ?? "").join(";"),
    mutual: own.mutual,
    attributed_to: own.attributedTo,
    event_date: own.date,
    evidence: own.evidence,
    doc_id: ids.doc,
    event_id: ids.event,
    dataset: isImported(e) ? e.dataset : null,
  };
}

const dateText = (d: { from: string; to: string }) => (d.from === d.to ? d.from : `${d.from}/${d.to}`);

/** Where rows go: a stream, or anything with `write`. */
export interface TextSink {
  /** may return a promise that settles when the sink can take more */
  write(chunk: string): void | Promise<void>;
}

/**
 * Writes the header and one line per event, as the events come (an async source is read one
 * event at a time). Returns the number of rows.
 */
export async function writeCsv(events: Iterable<ExportEvent> | AsyncIterable<ExportEvent>, ctx: PloverContext, sink: TextSink): Promise<number> {
  await sink.write(csvLine(CSV_COLUMNS));
  let n = 0;
  for await (const e of events) {
    const r = csvRecord(e, ctx);
    await sink.write(csvLine(CSV_COLUMNS.map((c) => r[c])));
    n++;
  }
  return n;
}
