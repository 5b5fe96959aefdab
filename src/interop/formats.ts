/**
 * Row parsers of the field's event datasets. Each turns one line of its file into an
 * {@link ImportedEvent}, a problem message (the row is reported and skipped), or `null` for a
 * row whose CAMEO code has no PLOVER equivalent (counted as uncoded). Column layouts:
 *
 * - GDELT 1.0 events: 57 columns (historical backfile) or 58 (daily files, SOURCEURL last), no
 *   header; GDELT 2.0 events: 61 columns. The `gdelt` importer sniffs each row's count.
 * - GDELT 2.0 mentions: 16 columns; rows name an event by its GLOBALEVENTID (see import.ts).
 * - ICEWS: tab-separated with a header of 20 named columns.
 * - POLECAT: tab-separated with a header (Event ID, Event Date, Event Type, Event Mode,
 *   Intensity, Quad Code, Contexts, Actor Name, Actor Country, …, Source, …, Version).
 */
import type { Dataset, ImportedActor, ImportedEvent } from "../core/imported.js";
import { InputError } from "../core/errors.js";
import type { Arena } from "../core/output.js";
import type { InteropTables } from "./tables.js";

export type RowResult = ImportedEvent | string | null;

/** A dataset's row parser. `header` reads the first line when the format has one. */
export interface RowFormat {
  readonly name: string;
  /** called with the first line when the format has a header; throws InputError if it is not this format's */
  header?(line: string): void;
  row(line: string, row: number): RowResult;
}

/** The number written by `n` ASCII digits of `s` from `from`, or -1 when one is not a digit. */
function digits(s: string, from: number, n: number): number {
  let v = 0;
  for (let i = from; i < from + n; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/** YYYYMMDD or YYYY-MM-DD → YYYY-MM-DD, or null when it is not a calendar date. */
export function isoDay(s: string): string | null {
  const dash = s.length === 10;
  if (!(s.length === 8 || (dash && s.charCodeAt(4) === 45 && s.charCodeAt(7) === 45))) return null;
  // read digit by digit: one call per imported row, so no slices or arrays
  const y = digits(s, 0, 4);
  const m = digits(s, dash ? 5 : 4, 2);
  const d = digits(s, dash ? 8 : 6, 2);
  if (y < 0 || m < 1 || m > 12 || d < 1) return null;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  const days = m === 2 ? (leap ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
  if (d > days) return null;
  return dash ? s : `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
}

/**
 * A tab-separated line's field boundaries, kept in one reused array: field i is
 * `line.slice(at[i] + 1, at[i + 1])`. Cutting only the fields a parser reads, instead of
 * String#split's 61 strings and an array per GDELT row, halves the parsing time and the garbage.
 */
class TabFields {
  private readonly at = new Int32Array(256);
  private line = "";
  /** reads a line; returns how many fields it has */
  read(line: string): number {
    const at = this.at;
    this.line = line;
    at[0] = -1;
    let n = 1;
    for (let p = line.indexOf("\t"); p !== -1; p = line.indexOf("\t", p + 1)) {
      if (n < at.length - 1) at[n] = p;
      n++;
    }
    if (n < at.length) at[n] = line.length;
    return n;
  }
  get(i: number): string {
    return this.line.slice(this.at[i]! + 1, this.at[i + 1]!);
  }
}

const blank = (s: string | undefined): string | null => (s === undefined || s === "" || s === "NA" ? null : s);

/** The arenas of an event, from its mapping, widened by the actors' sectors (a military actor's act is military too). */
function arenasWith(base: readonly Arena[], s1: string | null, s2: string | null): Arena[] {
  if (s1 !== "MIL" && s2 !== "MIL") return base as Arena[];
  return base.includes("military") ? (base as Arena[]) : [...base, "military"];
}

function sectorOf(a: ImportedActor): string | null {
  return a.id && a.country && a.id.length === 6 && a.id.startsWith(a.country) ? a.id.slice(3) : null;
}

/** A CAMEO actor (GDELT): country code, role codes. */
function cameoActor(t: InteropTables, code: string, name: string, country: string, type1: string, type2: string, type3: string): ImportedActor {
  const iso = country ? t.country(country) : null;
  let id: string | null = null;
  if (iso) {
    const role = (type1 && t.role(type1)) || (type2 && t.role(type2)) || (type3 && t.role(type3)) || undefined;
    if (role) id = iso + role.sector;
    else if (code === country) id = iso;
  }
  return { name: name || null, code: code || null, country: iso, id };
}

// GDELT columns shared by 1.0 and 2.0 (0-based)
const G = { id: 0, day: 1, a1: 5, a2: 15, code: 26, goldstein: 30, mentions: 31 } as const;

/** GDELT 1.0 (57/58 columns) and 2.0 (61 columns) events, sniffed per row. */
export function gdeltFormat(t: InteropTables, file: string, only?: "gdelt1" | "gdelt2"): RowFormat {
  const name = only === "gdelt2" ? "GDELT 2.0 events" : only === "gdelt1" ? "GDELT 1.0 events" : "GDELT events";
  const f = new TabFields();
  return {
    name,
    row(line, row) {
      const n = f.read(line);
      let dataset: Dataset;
      let url: string | null;
      let place: string;
      if (n === 61) (dataset = "gdelt2"), (url = f.get(60)), (place = f.get(52));
      else if (n === 58 || n === 57) (dataset = "gdelt1"), (url = n === 58 ? f.get(57) : null), (place = f.get(50));
      else return `${n} fields, where a GDELT 1.0 row has 57 or 58 and a 2.0 row 61`;
      if (only && dataset !== only) return `${n} fields: a ${dataset === "gdelt1" ? "GDELT 1.0" : "GDELT 2.0"} row in a ${name} file`;
      const key = f.get(G.id);
      if (!/^\d+$/.test(key)) return row === 1 && key === "GLOBALEVENTID" ? null : `GLOBALEVENTID "${key.slice(0, 20)}" is not a number`;
      const day = f.get(G.day);
      const date = isoDay(day);
      if (!date) return `bad date "${day.slice(0, 20)}" (expected YYYYMMDD)`;
      const cameo = f.get(G.code);
      const m = t.cameo(cameo);
      if (m === undefined) return `unknown CAMEO event code "${cameo.slice(0, 10)}"`;
      if (m === null) return null;
      const g = f.get(G.goldstein);
      const intensity = g === "" ? NaN : Number(g);
      if (!Number.isFinite(intensity) || intensity < -10 || intensity > 10) return `bad GoldsteinScale "${g.slice(0, 20)}"`;
      const source = cameoActor(t, f.get(G.a1), f.get(G.a1 + 1), f.get(G.a1 + 2), f.get(G.a1 + 7), f.get(G.a1 + 8), f.get(G.a1 + 9));
      const target = cameoActor(t, f.get(G.a2), f.get(G.a2 + 1), f.get(G.a2 + 2), f.get(G.a2 + 7), f.get(G.a2 + 8), f.get(G.a2 + 9));
      const mentions = Number(f.get(G.mentions));
      return {
        dataset, key, file, row, url: url || null, date, source, target, cameo,
        type: m.type, mode: m.mode, polarity: m.polarity, intensity,
        arena: arenasWith(m.arena, sectorOf(source), sectorOf(target)),
        modality: "asserted", location: place || null,
        mentions: Number.isInteger(mentions) ? mentions : null,
      };
    },
  };
}

/**
 * A header of named columns, read from a file's first line: each row must have as many fields
 * (a tab or line break inside a text field breaks that). Throws InputError naming the first
 * required column the header lacks.
 */
class Columns {
  private cols = new Map<string, number>();
  private width = 0;
  read(file: string, what: string, line: string, required: readonly string[]): void {
    const names = line.split("\t").map((c) => c.trim().replace(/^"|"$/g, ""));
    this.cols = new Map(names.map((c, i) => [c, i] as const));
    this.width = names.length;
    const missing = required.filter((c) => !this.cols.has(c));
    if (missing.length) throw new InputError("INPUT_UNREADABLE", file, `not an ${what} file: its first line lacks the column${missing.length > 1 ? "s" : ""} ${missing.slice(0, 3).map((c) => `"${c}"`).join(", ")}`);
  }
  has(name: string): boolean {
    return this.cols.has(name);
  }
  /** the row's fields, or a problem message when it has too many or too few */
  split(line: string): string[] | string {
    const f = line.split("\t");
    return f.length === this.width ? f : `${f.length} fields, expected ${this.width} (a tab or line break inside a text field?)`;
  }
  /** a field by column name ("" when the file has no such column) */
  get(f: readonly string[], name: string): string {
    const i = this.cols.get(name);
    return i === undefined ? "" : (f[i] ?? "");
  }
  index(name: string): number {
    return this.cols.get(name) ?? -1;
  }
}

const ICEWS_COLUMNS = ["Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text", "CAMEO Code", "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID", "Sentence Number", "Publisher"] as const;

/** Where an ICEWS row came from, for the dyad index's independence keys. */
export interface IcewsExtra {
  story: string;
  sentence: string;
  publisher: string;
}

/** ICEWS events (tab-separated, header of named columns). */
export function icewsFormat(t: InteropTables, file: string, extra?: Map<ImportedEvent, IcewsExtra>): RowFormat {
  const col = new Columns();
  const actor = (name: string, sectors: string, country: string): ImportedActor => {
    const iso = t.countryNamed(country);
    let id: string | null = null;
    if (iso) {
      const role = sectors && sectors !== "NA" ? t.icewsSector(sectors) : null;
      if (role) id = iso + role.sector;
      else if (name === country && (!sectors || sectors === "NA")) id = iso;
    }
    return { name: blank(name), code: blank(sectors), country: iso, id };
  };
  return {
    name: "ICEWS events",
    header(line) {
      col.read(file, "ICEWS events", line, ICEWS_COLUMNS);
    },
    row(line, row) {
      const f = col.split(line);
      if (typeof f === "string") return f;
      const c = (name: string) => col.get(f, name);
      const key = c("Event ID");
      if (!key) return "no Event ID";
      const date = isoDay(c("Event Date"));
      if (!date) return `bad date "${c("Event Date").slice(0, 20)}" (expected YYYY-MM-DD)`;
      const cameo = c("CAMEO Code");
      const m = t.cameo(cameo);
      if (m === undefined) return `unknown CAMEO event code "${cameo.slice(0, 10)}"`;
      if (m === null) return null;
      const g = c("Intensity");
      const intensity = g === "" ? NaN : Number(g);
      if (!Number.isFinite(intensity) || intensity < -10 || intensity > 10) return `bad Intensity "${g.slice(0, 20)}"`;
      const source = actor(c("Source Name"), c("Source Sectors"), c("Source Country"));
      const target = actor(c("Target Name"), c("Target Sectors"), c("Target Country"));
      const place = ["City", "Province", "Country"].map((k) => blank(c(k))).filter((x): x is string => !!x);
      const e: ImportedEvent = {
        dataset: "icews", key, file, row, url: null, date, source, target, cameo,
        type: m.type, mode: m.mode, polarity: m.polarity, intensity,
        arena: arenasWith(m.arena, sectorOf(source), sectorOf(target)),
        modality: "asserted", location: place.length ? place.join(", ") : null, mentions: null,
      };
      extra?.set(e, { story: c("Story ID"), sentence: c("Sentence Number"), publisher: c("Publisher") });
      return e;
    },
  };
}

const POLECAT_COLUMNS = ["Event ID", "Event Date", "Event Type", "Event Mode", "Contexts", "Actor Name", "Actor Country", "Recipient Name", "Recipient Country"] as const;

/** PLOVER contexts that name an arena; the others leave the event political. */
const CONTEXT_ARENA: Readonly<Record<string, Arena>> = { military: "military", economic: "economic", intelligence: "security", cyber: "security", terrorism: "security", cbrn: "security", crime: "security" };

/** POLECAT events (tab-separated, header of named columns, PLOVER-coded). */
export function polecatFormat(t: InteropTables, file: string, publisher?: Map<ImportedEvent, string>): RowFormat {
  const col = new Columns();
  let intensityCol = -1;
  const get = (f: string[], name: string) => col.get(f, name);
  const actor = (name: string, country: string, sector: string): ImportedActor => {
    const c = country.trim();
    const iso = /^[A-Z]{3}$/.test(c) ? t.country(c) : c ? t.countryNamed(c) : null;
    let id: string | null = null;
    if (iso) {
      const role = sector ? t.role(sector.trim().toUpperCase()) : undefined;
      if (role) id = iso + role.sector;
      else if (!sector || sector === "STATE") id = iso;
    }
    return { name: blank(name), code: blank(sector), country: iso, id };
  };
  return {
    name: "POLECAT events",
    header(line) {
      col.read(file, "POLECAT events", line, POLECAT_COLUMNS);
      intensityCol = col.has("Intensity") ? col.index("Intensity") : col.index("Event Intensity");
    },
    row(line, row) {
      const f = col.split(line);
      if (typeof f === "string") return f;
      const key = get(f, "Event ID");
      if (!key) return "no Event ID";
      const date = isoDay(get(f, "Event Date").slice(0, 10));
      if (!date) return `bad date "${get(f, "Event Date").slice(0, 20)}" (expected YYYY-MM-DD)`;
      const type = get(f, "Event Type").trim().toUpperCase();
      const polarity = t.polarityOf(type);
      if (!polarity) return `event type "${type.slice(0, 20)}" is not a PLOVER type of our ontology`;
      const rawMode = get(f, "Event Mode").trim().toLowerCase();
      const mode = rawMode && t.hasMode(type, rawMode) ? rawMode : null;
      let intensity = 0;
      if (intensityCol >= 0 && f[intensityCol] !== "") {
        intensity = Number(f[intensityCol]);
        if (!Number.isFinite(intensity) || intensity < -10 || intensity > 10) return `bad Intensity "${f[intensityCol]!.slice(0, 20)}"`;
      }
      const arenas = new Set<Arena>();
      for (const x of get(f, "Contexts").split(/[;,|]/)) {
        const a = CONTEXT_ARENA[x.trim().toLowerCase()];
        if (a) arenas.add(a);
      }
      if (type === "MOBILIZE" || type === "ASSAULT") arenas.add("military");
      if (!arenas.size) arenas.add("political");
      const source = actor(get(f, "Actor Name"), get(f, "Actor Country"), get(f, "Primary Actor Sector"));
      const target = actor(get(f, "Recipient Name"), get(f, "Recipient Country"), get(f, "Primary Recipient Sector"));
      const place = blank(get(f, "Placename")) ?? blank(get(f, "Country"));
      const e: ImportedEvent = {
        dataset: "polecat", key, file, row, url: null, date, source, target, cameo: null,
        type, mode, polarity, intensity, arena: [...arenas].sort(), modality: "asserted", location: place, mentions: null,
      };
      publisher?.set(e, get(f, "Source"));
      return e;
    },
  };
}

/** A GDELT 2.0 mentions row: which event, which article. */
export interface MentionRow {
  event: string;
  key: string;
  url: string | null;
  source: string;
  day: string | null;
  row: number;
}

/** GDELT 2.0 mentions (16 columns): GLOBALEVENTID, EventTimeDate, MentionTimeDate, MentionType, MentionSourceName, MentionIdentifier, … */
export function mentionRow(line: string, row: number): MentionRow | string {
  const f = line.split("\t");
  if (f.length !== 16) return `${f.length} fields (a GDELT 2.0 mentions row has 16)`;
  const event = f[0]!;
  if (!/^\d+$/.test(event)) return `GLOBALEVENTID "${event.slice(0, 20)}" is not a number`;
  const time = f[2]!;
  if (!/^\d{14}$/.test(time)) return `bad MentionTimeDate "${time.slice(0, 20)}" (expected YYYYMMDDhhmmss)`;
  const day = isoDay(time.slice(0, 8));
  if (!day) return `bad MentionTimeDate "${time.slice(0, 20)}"`;
  const id = f[5]!;
  if (!id) return "no MentionIdentifier";
  // type 1 is the web (the identifier is a URL); others are citations and archive ids
  return { event, key: `${event}:${id}`, url: f[3] === "1" ? id : null, source: f[4]!, day, row };
}
