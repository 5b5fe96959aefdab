/**
 * PLOVER JSON, written and read. `toPlover` writes stored document events and imported dataset
 * events as PLOVER v0.8 records (the manual's field names, plus the `event_type`,
 * `event_intensity` spelling later PLOVER data uses), with everything PLOVER has no field for
 * under one `entente` key, so that our own exports re-import without loss. `parsePlover` reads
 * them back, and reads other coders' records too: v0.8 (`actor`/`recipient`, `country_name`,
 * `sector_code`) and the older gold-standard records (`source`/`target`, `code`, `sector`,
 * `eventText`), a JSON array or one record per line. A record it cannot use is a `RowProblem`
 * with its record number, never a crash and never a silent drop.
 */
import countries from "i18n-iso-countries";
import type { OntologyFile, WeightsFile } from "../core/coding-schema.js";
import type { Dataset, EventOrigin, ImportedActor, ImportedDetail, ImportedEvent, RowProblem } from "../core/imported.js";
import { DATASETS } from "../core/imported.js";
import { ARENAS, MODALITIES, type Arena, type Modality, type OutActor, type OutDate, type Polarity } from "../core/output.js";
import type { StoredDocument, StoredEvent, CitedEvent } from "../store/contract.js";
import { loadOntology, loadWeights } from "../data/coding.js";

/** Marks the `entente` block of a record, so that a reader knows which of our layouts it holds. */
export const PLOVER_EXTENSION = "entente-plover/1";

/** What the ontology and intensity tables say about PLOVER types, for writing and reading. */
export interface PloverTerms {
  /** the type's default polarity, or undefined for a type we do not use */
  polarityOf(type: string): Polarity | undefined;
  /** PLOVER's quad category: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict */
  quadOf(type: string): 1 | 2 | 3 | 4 | null;
  /** the type's nearest CAMEO root code */
  cameoOf(type: string): string | null;
  /** PLOVER v0.8 intensity of a type (and mode, where the table scores it) */
  intensityOf(type: string, mode: string | null): number;
  hasMode(type: string, mode: string): boolean;
  /** a country code (ISO alpha-3, or a dataset's own code) → ISO alpha-3, or null */
  country(code: string): string | null;
  /** a country name → ISO alpha-3, or null */
  countryNamed(name: string): string | null;
}

const QUAD: Readonly<Record<string, 1 | 2 | 3 | 4>> = { "verbal-cooperation": 1, "material-cooperation": 2, "verbal-conflict": 3, "material-conflict": 4 };

/**
 * Compiles the terms once from the ontology and the PLOVER intensity table. `country` may be
 * given to map a dataset's own country codes (CAMEO's ROM, KSV…); by default a code counts
 * when it is an ISO alpha-3 code.
 */
export function ploverTerms(
  ontology: OntologyFile = loadOntology(),
  weights: WeightsFile = loadWeights(),
  country?: (code: string) => string | null,
): PloverTerms {
  const table = weights.tables["plover-0.8"] ?? {};
  const modes = new Set(ontology.modes.map((m) => `${m.type}:${m.mode}`));
  const iso = (code: string) => (/^[A-Z]{3}$/.test(code) && countries.isValid(code) ? code : null);
  return Object.freeze({
    polarityOf: (t: string) => ontology.types[t]?.polarity,
    quadOf: (t: string) => QUAD[ontology.types[t]?.quad ?? ""] ?? null,
    cameoOf: (t: string) => ontology.types[t]?.cameo ?? null,
    intensityOf: (t: string, m: string | null) => (m !== null ? table.modes?.[`${t}:${m}`] : undefined) ?? table.types?.[t] ?? 0,
    hasMode: (t: string, m: string) => modes.has(`${t}:${m}`),
    country: (code: string) => (country ? country(code) : iso(code)),
    countryNamed: (name: string) => {
      const n = name.trim();
      if (!n) return null;
      return iso(n.toUpperCase()) ?? countries.getAlpha3Code(n, "en") ?? null;
    },
  });
}

/* ------------------------------------------------------------------------------------------ */
/* Writing                                                                                     */
/* ------------------------------------------------------------------------------------------ */

/** One side of a PLOVER record: v0.8's entity object, with our id and type. */
export interface PloverEntity {
  entity_name: string | null;
  code: string | null;
  country_name: string | null;
  /** ISO alpha-3 of `country_name` (the manual allows either; we give both) */
  country_code: string | null;
  sector_code: string | null;
  other_sector_codes: string;
  entente_id: string | null;
  entente_type?: string;
}

/** The `entente` block: what PLOVER has no field for. */
export interface PloverExtension {
  format: typeof PLOVER_EXTENSION;
  polarity: Polarity;
  modality: Modality;
  negated: boolean;
  mutual: boolean;
  arena: Arena[];
  attributedTo: string | null;
  /** the event's own date as the text gave it; null when the text gave none */
  date: OutDate | null;
  confidence: number | null;
  cameo: string | null;
  location: string | null;
  mentions: number | null;
  origin: EventOrigin | null;
}

/** A PLOVER v0.8 record as `toPlover` writes it. */
export interface PloverRecord {
  id: string;
  /** the day the event is counted on: its own date when precise to a month, else its document's */
  date: string | null;
  enddate?: string;
  event: string[];
  event_type: string;
  mode: string[] | null;
  context: string[] | null;
  actor: PloverEntity[];
  recipient: PloverEntity[];
  event_intensity: number;
  quad_code: number | null;
  event_text: string[] | null;
  text: string | null;
  event_loc: { name: string } | null;
  cite_info: { url: string | null; path?: string; title: string | null; publication: string | null; date: string | null; doc_id: string | null } | null;
  coder: string;
  entente: PloverExtension;
}

/** What writing needs beside the events: actors by id and documents by id. */
export interface PloverContext {
  actors: ReadonlyMap<string, OutActor>;
  documents: ReadonlyMap<string, StoredDocument>;
  terms: PloverTerms;
}

/** An event to export: a stored document's event, or an imported dataset event. */
export type ExportEvent = StoredEvent | CitedEvent | ImportedEvent;

export function isImported(e: ExportEvent): e is ImportedEvent {
  return "dataset" in e;
}

/** Our arenas as PLOVER contexts; security has no one PLOVER context, so it stays in `entente.arena`. */
const ARENA_CONTEXT: Readonly<Partial<Record<Arena, string>>> = { political: "diplomatic", economic: "economic", military: "military" };
/** PLOVER contexts that tell an arena, for other coders' records. */
const CONTEXT_ARENA: Readonly<Record<string, Arena>> = {
  diplomatic: "political",
  executive: "political",
  legislative: "political",
  election: "political",
  economic: "economic",
  reparations: "economic",
  natural_resource: "economic",
  resource: "economic",
  military: "military",
  peacekeeping: "military",
  intelligence: "security",
  terrorism: "security",
  cyber: "security",
  cbrn: "security",
  trafficking: "security",
};
/** Our actor types that PLOVER has a sector for when the actor code does not carry one. */
const TYPE_SECTOR: Readonly<Record<string, string>> = { government: "GOV", official: "GOV", military: "MIL", media: "JRN" };

/** YYYY, YYYY-MM or YYYY-MM-DD → the first (or last) day of it. */
export function padDay(d: string | null | undefined, end = false): string | null {
  if (!d) return null;
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(d);
  if (!m) return null;
  const [, y, mo, da] = m;
  if (da) return `${y}-${mo}-${da}`;
  if (mo) return end ? `${y}-${mo}-${String(new Date(Date.UTC(Number(y), Number(mo), 0)).getUTCDate()).padStart(2, "0")}` : `${y}-${mo}-01`;
  return end ? `${y}-12-31` : `${y}-01-01`;
}

const countryName = (iso: string | null) => (iso ? (countries.getName(iso, "en") ?? iso) : null);

function entityOfActor(id: string, actors: ReadonlyMap<string, OutActor>): PloverEntity {
  const a = actors.get(id);
  const country = a?.country ?? (/^[A-Z]{3}$/.test(id) ? id : null);
  const code = a?.code ?? null;
  const sector = code && country && code.length === 6 && code.startsWith(country) ? code.slice(3) : a ? (TYPE_SECTOR[a.type] ?? null) : null;
  return {
    entity_name: a?.name ?? null,
    code,
    country_name: countryName(country),
    country_code: country,
    sector_code: sector === "MED" ? "JRN" : sector,
    other_sector_codes: "",
    entente_id: id,
    ...(a ? { entente_type: a.type } : {}),
  };
}

function entityOfImported(x: ImportedActor): PloverEntity {
  const sector = x.id && x.country && x.id.length === 6 && x.id.startsWith(x.country) ? x.id.slice(3) : null;
  return {
    entity_name: x.name,
    code: x.code,
    country_name: countryName(x.country),
    country_code: x.country,
    sector_code: sector === "MED" ? "JRN" : sector,
    other_sector_codes: "",
    entente_id: x.id,
  };
}

const blankActor = (x: ImportedActor) => x.name === null && x.code === null && x.country === null && x.id === null;

/** The day a stored event is counted on, as the dyad index takes it. */
function dayOf(date: OutDate | null, published: string | null): string | null {
  if (date && /^\d{4}-\d{2}/.test(date.from)) return padDay(date.from);
  return padDay(published) ?? padDay(date?.from);
}

/** One event as a PLOVER record. */
export function ploverRecord(e: ExportEvent, ctx: PloverContext): PloverRecord {
  const t = ctx.terms;
  if (isImported(e)) {
    const d = e.detail;
    const origin: EventOrigin = d?.origin ?? { kind: "dataset", dataset: e.dataset, key: e.key, file: e.file, row: e.row, cameo: e.cameo };
    const sources = d?.sources ?? (blankActor(e.source) ? [] : [e.source]);
    const targets = d?.targets ?? (blankActor(e.target) ? [] : [e.target]);
    const id = origin.kind === "dataset" ? `${origin.dataset}:${origin.key}` : `entente:${origin.docId}#${origin.eventId}`;
    return {
      id,
      date: e.date,
      ...(d?.when && padDay(d.when.to, true) !== e.date ? { enddate: padDay(d.when.to, true)! } : {}),
      event: [e.type],
      event_type: e.type,
      mode: e.mode ? [e.mode] : null,
      context: d?.context.length ? d.context : contextOf(e.arena),
      actor: sources.map(entityOfImported),
      recipient: targets.map(entityOfImported),
      event_intensity: e.intensity,
      quad_code: t.quadOf(e.type),
      event_text: d?.trigger ? [d.trigger] : null,
      text: d?.text ?? null,
      event_loc: e.location ? { name: e.location } : null,
      cite_info: { url: e.url, title: origin.kind === "document" ? origin.title : null, publication: origin.kind === "document" ? origin.outlet : null, date: origin.kind === "document" ? origin.published : null, doc_id: origin.kind === "document" ? origin.docId : null },
      coder: "entente",
      entente: {
        format: PLOVER_EXTENSION,
        polarity: e.polarity,
        modality: e.modality,
        negated: d?.negated ?? false,
        mutual: d?.mutual ?? false,
        arena: [...e.arena],
        attributedTo: d?.attributedTo ?? null,
        date: d?.when ?? null,
        confidence: d?.confidence ?? null,
        cameo: e.cameo,
        location: e.location,
        mentions: e.mentions,
        origin,
      },
    };
  }
  const doc = ctx.documents.get(e.docId);
  const cited = "title" in e ? e : null;
  const published = cited?.published ?? doc?.published ?? null;
  const date = dayOf(e.date, published);
  const end = e.date ? padDay(e.date.to, true) : null;
  const src = doc?.source;
  const url = src && "url" in src && src.url ? src.url : null;
  const path = src && "path" in src ? src.path : undefined;
  return {
    id: `entente:${e.docId}#${e.id}`,
    date,
    ...(end && end !== date ? { enddate: end } : {}),
    event: [e.type],
    event_type: e.type,
    mode: e.mode ? [e.mode] : null,
    context: contextOf(e.arena),
    actor: e.source.map((id) => entityOfActor(id, ctx.actors)),
    recipient: e.target.map((id) => entityOfActor(id, ctx.actors)),
    event_intensity: e.intensity,
    quad_code: t.quadOf(e.type),
    event_text: e.trigger ? [e.trigger.text] : null,
    text: e.evidence.text,
    event_loc: e.location ? { name: e.location.name } : null,
    cite_info: {
      url,
      ...(path !== undefined ? { path } : {}),
      title: cited?.title ?? doc?.title ?? null,
      publication: cited?.outlet ?? doc?.outlet ?? null,
      date: published,
      doc_id: e.docId,
    },
    coder: "entente",
    entente: {
      format: PLOVER_EXTENSION,
      polarity: e.polarity,
      modality: e.modality,
      negated: e.negated,
      mutual: e.mutual,
      arena: [...e.arena],
      attributedTo: e.attributedTo,
      date: e.date,
      confidence: e.confidence,
      cameo: e.cameo,
      location: e.location?.name ?? null,
      mentions: null,
      origin: {
        kind: "document",
        docId: e.docId,
        eventId: e.id,
        rule: e.rule,
        evidence: { start: e.evidence.start, end: e.evidence.end },
        title: cited?.title ?? doc?.title ?? null,
        outlet: cited?.outlet ?? doc?.outlet ?? null,
        published,
        fragility: e.fragility ?? false,
        hedging: e.hedging ?? false,
      },
    },
  };
}

function contextOf(arena: readonly Arena[]): string[] | null {
  const c = [...new Set(arena.map((a) => ARENA_CONTEXT[a]).filter((x): x is string => x !== undefined))];
  return c.length ? c : null;
}

/** Events as PLOVER records, in the order given. */
export function toPlover(events: Iterable<ExportEvent>, ctx: PloverContext): PloverRecord[] {
  return [...events].map((e) => ploverRecord(e, ctx));
}

/** Records as JSON lines (the manual's suggested layout), one record per line. */
export function ploverLines(records: Iterable<PloverRecord>): string {
  let s = "";
  for (const r of records) s += JSON.stringify(r) + "\n";
  return s;
}

/* ------------------------------------------------------------------------------------------ */
/* Reading                                                                                     */
/* ------------------------------------------------------------------------------------------ */

/** Labels of earlier PLOVER versions (the gold-standard records use them) → v0.8. */
const OLD_LABELS: Readonly<Record<string, string>> = { DEMAND: "REQUEST", FIGHT: "ASSAULT", DISAPPROVE: "ACCUSE", INVESTIGATE: "ACCUSE" };
/** PLOVER's journalist sector is what our ids (and CAMEO) call MED. */
const SECTOR_ID: Readonly<Record<string, string>> = { GOV: "GOV", MIL: "MIL", COP: "COP", SPY: "SPY", LEG: "LEG", JUD: "JUD", BUS: "BUS", OPP: "OPP", JRN: "MED" };

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = { [k: string]: Json };

const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: Json | undefined): string | null => (typeof v === "string" && v.trim() !== "" ? v.trim() : typeof v === "number" ? String(v) : null);
const strs = (v: Json | undefined): string[] => (Array.isArray(v) ? v.map((x) => str(x)).filter((x): x is string => x !== null) : str(v) ? [str(v)!] : []);
const num = (v: Json | undefined): number | null => (typeof v === "number" && Number.isFinite(v) ? v : typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v)) ? Number(v) : null);
const first = (o: Obj, ...keys: string[]): Json | undefined => {
  for (const k of keys) if (o[k] !== undefined && o[k] !== null && o[k] !== "") return o[k];
  return undefined;
};

class RecordProblem extends Error {}

/** A date as YYYY-MM-DD: ISO dates (with a time after them) or YYYYMMDD. */
function dayIn(v: Json | undefined, what: string): string | null {
  if (v === undefined || v === null || v === "") return null;
  const s = String(v).trim();
  const m = /^(\d{4})-?(\d{2})-?(\d{2})(?:$|[T ])/.exec(s);
  if (!m) throw new RecordProblem(`${what} "${s.slice(0, 40)}" is not a date (YYYY-MM-DD)`);
  const [, y, mo, d] = m;
  const t = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (t.getUTCMonth() !== Number(mo) - 1 || t.getUTCDate() !== Number(d)) throw new RecordProblem(`${what} "${s}" is not a real day`);
  return `${y}-${mo}-${d}`;
}

function actorsIn(v: Json | undefined, terms: PloverTerms): ImportedActor[] {
  const list = Array.isArray(v) ? v : isObj(v) ? [v] : typeof v === "string" && v.trim() ? [{ code: v }] : [];
  const out: ImportedActor[] = [];
  for (const a of list) {
    if (!isObj(a)) continue;
    const code = str(first(a, "code", "actor_code"));
    const codeCountry = code ? terms.country(code.slice(0, 3).toUpperCase()) : null;
    const given = str(a.country_code);
    const named = str(first(a, "country_name", "country"));
    let country: string | null;
    // our own records say null when they mean it; other coders' give a code, a name or neither
    if ("entente_id" in a) country = given;
    else if (given) country = terms.country(given.toUpperCase());
    else country = (named ? terms.countryNamed(named) : null) ?? codeCountry;
    const name = str(first(a, "entity_name", "actorText", "raw_text", "name", "actor_name"));
    const sector = (str(first(a, "sector_code", "sector")) ?? "").slice(0, 3).toUpperCase();
    let id: string | null;
    if ("entente_id" in a) id = str(a.entente_id);
    else if (!country) id = null;
    else if (!sector) id = country;
    else id = SECTOR_ID[sector] ? country + SECTOR_ID[sector] : null;
    if (name === null && code === null && country === null && id === null) continue;
    out.push({ name, code, country, id });
  }
  return out;
}

const NO_ACTOR: ImportedActor = Object.freeze({ name: null, code: null, country: null, id: null }) as ImportedActor;

function originIn(v: Json | undefined): EventOrigin | null {
  if (!isObj(v)) return null;
  if (v.kind === "document" && typeof v.docId === "string" && typeof v.eventId === "string") {
    const ev = isObj(v.evidence) && typeof v.evidence.start === "number" && typeof v.evidence.end === "number" ? { start: v.evidence.start, end: v.evidence.end } : null;
    return { kind: "document", docId: v.docId, eventId: v.eventId, rule: str(v.rule) ?? "", evidence: ev, title: str(v.title), outlet: str(v.outlet), published: str(v.published), fragility: v.fragility === true, hedging: v.hedging === true };
  }
  if (v.kind === "dataset" && typeof v.dataset === "string" && (DATASETS as readonly string[]).includes(v.dataset) && str(v.key)) {
    return { kind: "dataset", dataset: v.dataset as Dataset, key: str(v.key)!, file: str(v.file) ?? "", row: num(v.row) ?? 0, cameo: str(v.cameo) };
  }
  return null;
}

function dateIn(v: Json | undefined): OutDate | null {
  if (!isObj(v) || typeof v.from !== "string") return null;
  return { from: v.from, to: typeof v.to === "string" ? v.to : v.from, text: typeof v.text === "string" ? v.text : "" };
}

/** One record → its events (one per event type it lists). */
function eventsOf(rec: Obj, file: string, row: number, terms: PloverTerms): ImportedEvent[] {
  const id = str(first(rec, "id", "event_id"));
  if (!id) throw new RecordProblem("has no id");
  const labels = strs(first(rec, "event_type", "event", "eventType"));
  if (!labels.length) throw new RecordProblem(`${id}: has no event type`);
  const ext = isObj(rec.entente) && rec.entente.format === PLOVER_EXTENSION ? rec.entente : null;
  const sources = actorsIn(first(rec, "actor", "source", "actors"), terms);
  const targets = actorsIn(first(rec, "recipient", "target", "recipients"), terms);
  if (!sources.length && !targets.length) throw new RecordProblem(`${id}: names no actor or recipient`);
  const date = dayIn(first(rec, "date", "event_date", "story_date"), "date");
  const context = strs(rec.context);
  const modes = strs(first(rec, "mode", "event_mode"));
  const locV = first(rec, "event_loc", "eventLoc", "location");
  const location = ext ? str(ext.location) : isObj(locV) ? str(first(locV, "name", "place_name", "geonames_name")) : str(locV);
  const cite = isObj(rec.cite_info) ? rec.cite_info : {};
  const url = str(first(cite, "url")) ?? str(first(rec, "url", "source_url", "sourceUrl"));
  const origin = ext ? originIn(ext.origin) : null;
  const trigger = strs(first(rec, "event_text", "eventText"));
  const out: ImportedEvent[] = [];
  for (const [i, label] of labels.entries()) {
    const type = OLD_LABELS[label.toUpperCase()] ?? label.toUpperCase();
    const defaultPolarity = terms.polarityOf(type);
    if (!defaultPolarity) throw new RecordProblem(`${id}: event type "${label}" is not a PLOVER type we use`);
    const mode = modes.find((m) => terms.hasMode(type, m)) ?? (ext && modes[0] ? modes[0] : null);
    const polarity = ext && (ext.polarity === "cooperation" || ext.polarity === "conflict") ? ext.polarity : defaultPolarity;
    const modality = ext && typeof ext.modality === "string" && (MODALITIES as readonly string[]).includes(ext.modality) ? (ext.modality as Modality) : "asserted";
    const extArena = ext && Array.isArray(ext.arena) ? ext.arena.filter((a): a is Arena => typeof a === "string" && (ARENAS as readonly string[]).includes(a)) : [];
    const ctxArena = [...new Set(context.map((c) => CONTEXT_ARENA[c.toLowerCase().replace(/[\s-]+/g, "_")]).filter((a): a is Arena => a !== undefined))];
    const arena = extArena.length ? extArena : ctxArena.length ? ctxArena : (["political"] as Arena[]);
    const intensity = num(first(rec, "event_intensity", "event_scale", "intensity")) ?? terms.intensityOf(type, mode);
    const detail: ImportedDetail = {
      sources,
      targets,
      mutual: ext?.mutual === true,
      negated: ext?.negated === true,
      text: str(rec.text) === null ? null : String(rec.text),
      trigger: trigger.length ? trigger.join(" … ") : null,
      attributedTo: ext ? str(ext.attributedTo) : null,
      when: ext ? dateIn(ext.date) : date ? { from: date, to: dayIn(rec.enddate, "enddate") ?? date, text: "" } : null,
      confidence: ext ? num(ext.confidence) : null,
      context,
      origin,
    };
    out.push({
      dataset: origin?.kind === "dataset" ? origin.dataset : "plover",
      key: (origin?.kind === "dataset" ? origin.key : id) + (i ? `#${i + 1}` : ""),
      file,
      row,
      url,
      date,
      source: sources[0] ?? NO_ACTOR,
      target: targets[0] ?? NO_ACTOR,
      cameo: ext ? str(ext.cameo) : str(first(rec, "cameo", "cameo_code")),
      type,
      mode,
      polarity,
      intensity,
      arena,
      modality,
      location,
      mentions: ext ? num(ext.mentions) : null,
      detail,
    });
  }
  return out;
}

/**
 * Reads PLOVER JSON: an array of records, one record, or JSON lines. Records are numbered from 1
 * in the order they stand (for JSON lines, the line number). A record without an id, an event
 * type we know or any actor, or with a date that is not a day, is a problem and is skipped;
 * documentation records (event `DOCUMENT`) are problems too, with that reason.
 */
export function parsePlover(text: string, file: string, terms: PloverTerms = ploverTerms()): { events: ImportedEvent[]; problems: RowProblem[] } {
  const events: ImportedEvent[] = [];
  const problems: RowProblem[] = [];
  const body = text.replace(/^\uFEFF/, "");
  const trimmed = body.trimStart();
  let items: { row: number; value: unknown }[];
  if (trimmed.startsWith("[")) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch (e) {
      return { events, problems: [{ file, row: 0, message: `not valid JSON (${e instanceof Error ? e.message : String(e)})` }] };
    }
    items = (parsed as unknown[]).map((value, i) => ({ row: i + 1, value }));
  } else {
    items = [];
    const lines = body.split(/\r?\n/);
    // one pretty-printed record is JSON too, though not JSON lines
    if (trimmed.startsWith("{") && lines.length > 1 && !isWholeLine(lines.find((l) => l.trim()) ?? "")) {
      try {
        items.push({ row: 1, value: JSON.parse(body) });
      } catch (e) {
        return { events, problems: [{ file, row: 0, message: `not valid JSON (${e instanceof Error ? e.message : String(e)})` }] };
      }
    } else {
      lines.forEach((line, i) => {
        if (!line.trim()) return;
        try {
          items.push({ row: i + 1, value: JSON.parse(line) });
        } catch (e) {
          problems.push({ file, row: i + 1, message: `not a JSON record (${e instanceof Error ? e.message : String(e)})` });
        }
      });
    }
  }
  for (const { row, value } of items) {
    if (!isObj(value)) {
      problems.push({ file, row, message: "not a JSON object" });
      continue;
    }
    const label = str(first(value, "event_type", "event"));
    if (label === "DOCUMENT") {
      problems.push({ file, row, message: `${str(value.id) ?? "record"}: a documentation record, not an event` });
      continue;
    }
    try {
      events.push(...eventsOf(value, file, row, terms));
    } catch (e) {
      if (!(e instanceof RecordProblem)) throw e;
      problems.push({ file, row, message: e.message });
    }
  }
  return { events, problems };
}

function isWholeLine(line: string): boolean {
  try {
    return isObj(JSON.parse(line));
  } catch {
    // a line that is not JSON on its own: the file is one pretty-printed record
    return false;
  }
}
