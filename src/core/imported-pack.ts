/**
 * The compact form of imported events and their dyad reports: flat tuples, which is what an
 * import's parse worker sends to the writing thread (a tuple of primitives crosses threads at a
 * fraction of the cost of an object, whose property names are copied with every record) and what
 * the SQLite store writes (its key columns and the rest as one JSON text: one bound value instead
 * of twenty, and each bound value costs the writer more than the bytes it holds). Lossless:
 * `unpackImported(packImported(e))` equals `e`.
 */
import type { DyadReport } from "./dyad.js";
import { arenaBits, arenasOf } from "./dyad.js";
import type { Dataset, ImportedDetail, ImportedEvent } from "./imported.js";

/**
 * [dataset, key, file, row, rest]; rest: the JSON text of {@link Rest}. `file` is null for the
 * file of the batch's {@link ImportSource} (a parse worker sends the name once, not with each of
 * millions of rows).
 */
export type PackedImported = [dataset: Dataset, key: string, file: string | null, row: number, rest: string];

/** The fields in `rest`, in order. */
type Rest = [
  url: string | null,
  sourceName: string | null,
  sourceCode: string | null,
  targetName: string | null,
  targetCode: string | null,
  cameo: string | null,
  type: string,
  mode: string | null,
  polarity: ImportedEvent["polarity"],
  intensity: number,
  arenas: number,
  modality: ImportedEvent["modality"],
  location: string | null,
  mentions: number | null,
  detail: ImportedDetail | null,
  day: string | null,
  sourceId: string | null,
  sourceCountry: string | null,
  targetId: string | null,
  targetCountry: string | null,
];

/** Where the actors' ids and countries are in {@link Rest} (the SQLite store filters on them). */
export const REST_ACTOR_FIELDS = { sourceId: 16, sourceCountry: 17, targetId: 18, targetCountry: 19 } as const;

/** `sourceFile`: the file of the batch's source; an event read from it is packed with a null file */
export function packImported(e: ImportedEvent, sourceFile?: string): PackedImported {
  const s = e.source;
  const t = e.target;
  const rest: Rest = [
    e.url, s.name, s.code, t.name, t.code, e.cameo, e.type, e.mode, e.polarity, e.intensity, arenaBits(e.arena), e.modality, e.location, e.mentions,
    e.detail ?? null, e.date, s.id, s.country, t.id, t.country,
  ];
  return [e.dataset, e.key, e.file === sourceFile ? null : e.file, e.row, JSON.stringify(rest)];
}

/** `sourceFile`: the file of the batch's source, for an event packed with a null file */
export function unpackImported(p: Readonly<PackedImported>, sourceFile?: string): ImportedEvent {
  const [url, sName, sCode, tName, tCode, cameo, type, mode, polarity, intensity, arenas, modality, location, mentions, detail, day, sId, sCountry, tId, tCountry] =
    JSON.parse(p[4]) as Rest;
  return {
    dataset: p[0], key: p[1], file: p[2] ?? sourceFile ?? "", row: p[3], url, date: day,
    source: { name: sName, code: sCode, country: sCountry, id: sId },
    target: { name: tName, code: tCode, country: tCountry, id: tId },
    cameo, type, mode, polarity, intensity, arena: arenasOf(arenas), modality, location, mentions,
    ...(detail === null ? {} : { detail }),
  };
}

/**
 * A dyad report of an imported event: [event (its index in the batch), a, b, mutual, type,
 * polarity, intensity, modality, confidence, arenas, day, sourceKey, textKey]. Its document is
 * the import's, its event id `dataset:key` of that event; an imported report has no outlet or
 * claim country and no fragility or hedging flag.
 */
export type PackedReport = [
  event: number,
  a: string,
  b: string,
  mutual: 0 | 1,
  type: string,
  polarity: DyadReport["polarity"],
  intensity: number,
  modality: DyadReport["modality"],
  confidence: number,
  arenas: number,
  day: string | null,
  sourceKey: string,
  textKey: string,
];

export function packReport(r: DyadReport, event: number): PackedReport {
  return [event, r.a, r.b, r.mutual ? 1 : 0, r.type, r.polarity, r.intensity, r.modality, r.confidence, r.arenas, r.day, r.sourceKey, r.textKey];
}

/** The event id (`dataset:key`) of a packed event, as its reports name it. */
export const packedEventId = (e: Readonly<PackedImported>): string => `${e[0]}:${e[1]}`;

/**
 * Each event id's first index in a batch: a key given twice is stored once, as its first copy,
 * and the reports that count are that copy's.
 */
export function firstIndexOfIds(ids: readonly string[]): Map<string, number> {
  const first = new Map<string, number>();
  ids.forEach((id, i) => {
    if (!first.has(id)) first.set(id, i);
  });
  return first;
}

export function unpackReport(p: Readonly<PackedReport>, docId: string, events: readonly Readonly<PackedImported>[]): DyadReport {
  const e = events[p[0]]!;
  return {
    docId, eventId: packedEventId(e), a: p[1], b: p[2], mutual: p[3] === 1, type: p[4], polarity: p[5], intensity: p[6], modality: p[7],
    confidence: p[8], arenas: p[9], day: p[10], sourceKey: p[11], sourceCountry: null, claimCountry: null, textKey: p[12], fragility: false, hedging: false,
  };
}

/**
 * Reports as tuples against a batch of events: each report whose event is in the batch and which
 * hangs on the import's document and carries no outlet or claim country or flag. Returns null
 * when some report does not fit that shape (the caller then stores it as it is).
 */
export function packReports(reports: readonly DyadReport[], docId: string, events: readonly ImportedEvent[]): PackedReport[] | null {
  if (!reports.length) return [];
  const index = firstIndexOfIds(events.map((e) => `${e.dataset}:${e.key}`));
  const out: PackedReport[] = [];
  for (const r of reports) {
    const i = index.get(r.eventId);
    if (i === undefined || r.docId !== docId || r.sourceCountry !== null || r.claimCountry !== null || r.fragility || r.hedging) return null;
    out.push(packReport(r, i));
  }
  return out;
}
