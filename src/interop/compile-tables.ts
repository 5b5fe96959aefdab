/**
 * The interop tables compiled from checked data into frozen lookups (tables.ts reads and checks
 * the data files). Kept apart from the reading and checking, which need the YAML parser and the
 * schemas: an import's parse worker compiles its own copy from {@link TableInputs} and starts
 * without loading either. The build rejects duplicate codes, unknown PLOVER types and modes,
 * and a missing CAMEO root.
 */
import countries from "i18n-iso-countries";
import type { OntologyFile } from "../core/coding-schema.js";
import { DataError } from "../core/errors.js";
import type { Dataset } from "../core/imported.js";
import type { Arena, Polarity } from "../core/output.js";
import type { ActorsFile, CameoPloverFile } from "./schema.js";

/** A CAMEO code's meaning in our terms. */
export interface CameoMapping {
  /** the table row that decided it (the code itself, its base or its root) */
  readonly row: string;
  readonly type: string;
  readonly mode: string | null;
  readonly polarity: Polarity;
  readonly arena: readonly Arena[];
}

export interface Role {
  readonly sector: string;
  /** an organ of the state (its events are the state's in the dyad index) */
  readonly state: boolean;
}

export interface InteropTables {
  /** a CAMEO event code's mapping; `null` when PLOVER codes no such event, `undefined` when the code is unknown */
  cameo(code: string): CameoMapping | null | undefined;
  /** a CAMEO country code → ISO alpha-3, or null for regions and blocs */
  country(cameo: string): string | null;
  /** a CAMEO role code → our sector */
  role(cameo: string): Role | undefined;
  /** an ICEWS sector list ("Military,Government") → our sector, the first of the table's order */
  icewsSector(sectors: string): Role | null;
  /** an ICEWS (or POLECAT) country name → ISO alpha-3, or null */
  countryNamed(name: string): string | null;
  /** the default polarity of a PLOVER type (from the ontology), or undefined for a type we do not use */
  polarityOf(type: string): Polarity | undefined;
  /** whether a mode belongs to a type in our ontology */
  hasMode(type: string, mode: string): boolean;
  /** whether a sector code is an organ of the state (GOV, MIL…) */
  isStateSector(sector: string): boolean;
  /** states of our gazetteer (ISO alpha-3), for the dyad index */
  isState(iso: string): boolean;
  /** how much an imported event of this dataset counts in the dyad index */
  confidence(dataset: Dataset): number;
  /**
   * what the tables were compiled from (plain data): an import's parse worker is given it to
   * build the same tables in its own thread without reading or checking any file
   */
  readonly inputs?: TableInputs;
}

const ROOTS = Array.from({ length: 20 }, (_, i) => String(i + 1).padStart(2, "0"));

/** What {@link compileInteropTables} builds the tables from: checked data, no files. */
export interface TableInputs {
  readonly cameo: CameoPloverFile;
  readonly actors: ActorsFile;
  readonly ontology: OntologyFile;
  readonly states: readonly string[];
  /** the files' names, for errors */
  readonly where: { readonly cameo: string; readonly actors: string };
}

/** The tables compiled again from what they were compiled from: an import's two threads parse alike. */
export function compileTableInputs(i: TableInputs): InteropTables {
  return compileInteropTables(i.cameo, i.actors, i.ontology, i.states, i.where);
}

export function compileInteropTables(
  cameo: CameoPloverFile,
  actors: ActorsFile,
  ontology: OntologyFile,
  states: Iterable<string>,
  where: { cameo: string; actors: string } = { cameo: "cameo-plover", actors: "actors" },
): InteropTables {
  const stateList = [...states];
  const rows = new Map<string, CameoPloverFile["entries"][number]>();
  for (const r of cameo.entries) {
    if (rows.has(r.cameo)) throw new DataError(where.cameo, `CAMEO code ${r.cameo} is listed twice`);
    if (r.type !== null) {
      const t = ontology.types[r.type];
      if (!t) throw new DataError(where.cameo, `CAMEO ${r.cameo}: ${r.type} is not a type of our ontology`);
      if (r.mode && !ontology.modes.some((m) => m.type === r.type && m.mode === r.mode)) throw new DataError(where.cameo, `CAMEO ${r.cameo}: ${r.type} has no mode "${r.mode}" in our ontology`);
    } else if (r.mode || r.arena || r.polarity) throw new DataError(where.cameo, `CAMEO ${r.cameo}: a row without a PLOVER type takes no mode, arena or polarity`);
    rows.set(r.cameo, r);
  }
  for (const root of ROOTS) if (!rows.has(root)) throw new DataError(where.cameo, `CAMEO root ${root} is missing`);

  const memo = new Map<string, CameoMapping | null | undefined>();
  const lookup = (code: string): CameoMapping | null | undefined => {
    if (memo.has(code)) return memo.get(code);
    let result: CameoMapping | null | undefined;
    if (/^(0[1-9]|1\d|20)\d{0,2}$/.test(code)) {
      // the code, its base, its root: the first row listed decides type and mode; arena comes
      // from the nearest row that gives one
      const chain = [code, code.slice(0, 3), code.slice(0, 2)].filter((c, i, a) => a.indexOf(c) === i).map((c) => rows.get(c)).filter((r) => r !== undefined);
      const row = chain[0]!;
      if (row.type === null) result = null;
      else {
        const type = row.type;
        const arena = chain.find((r) => r.type === type && r.arena)?.arena ?? ["political" as const];
        result = Object.freeze({ row: row.cameo, type, mode: row.mode ?? null, polarity: row.polarity ?? ontology.types[type]!.polarity, arena: Object.freeze([...arena]) });
      }
    }
    memo.set(code, result);
    return result;
  };

  const countryMap = new Map(actors.countries.map((c) => [c.cameo, c.iso]));
  const regions = new Set(actors.regions);
  for (const c of actors.countries) if (regions.has(c.cameo)) throw new DataError(where.actors, `${c.cameo} is both a country exception and a region`);
  const roles = new Map<string, Role>();
  for (const r of actors.roles) {
    if (roles.has(r.cameo)) throw new DataError(where.actors, `role ${r.cameo} is listed twice`);
    roles.set(r.cameo, Object.freeze({ sector: r.sector, state: r.state }));
  }
  const stateSector = new Set(actors.roles.filter((r) => r.state).map((r) => r.sector));
  const icews = new Map<string, { rank: number; role: Role }>();
  actors.icewsSectors.forEach((s, rank) => {
    if (icews.has(s.icews)) throw new DataError(where.actors, `ICEWS sector "${s.icews}" is listed twice`);
    icews.set(s.icews, { rank, role: Object.freeze({ sector: s.sector, state: stateSector.has(s.sector) }) });
  });
  const sectorMemo = new Map<string, Role | null>();
  const named = new Map(actors.icewsCountries.map((c) => [c.name.toLowerCase(), c.iso]));
  const nameMemo = new Map<string, string | null>();
  const stateSet = new Set(stateList);
  const conf = new Map(Object.entries(actors.datasets).map(([k, v]) => [k, v.confidence]));
  const modes = new Set(ontology.modes.map((m) => `${m.type}|${m.mode}`));

  return Object.freeze({
    cameo: lookup,
    country(code: string) {
      if (regions.has(code)) return null;
      const iso = countryMap.get(code) ?? code;
      return /^[A-Z]{3}$/.test(iso) ? iso : null;
    },
    role: (code: string) => roles.get(code),
    icewsSector(list: string) {
      let hit = sectorMemo.get(list);
      if (hit !== undefined) return hit;
      let best: { rank: number; role: Role } | undefined;
      for (const s of list.split(",")) {
        const m = icews.get(s.trim());
        if (m && (!best || m.rank < best.rank)) best = m;
      }
      hit = best?.role ?? null;
      sectorMemo.set(list, hit);
      return hit;
    },
    countryNamed(name: string) {
      let hit = nameMemo.get(name);
      if (hit !== undefined) return hit;
      const n = name.trim();
      hit = n && n !== "NA" ? (named.get(n.toLowerCase()) ?? countries.getAlpha3Code(n, "en") ?? null) : null;
      nameMemo.set(name, hit);
      return hit;
    },
    polarityOf: (type: string) => ontology.types[type]?.polarity,
    hasMode: (type: string, mode: string) => modes.has(`${type}|${mode}`),
    isStateSector: (sector: string) => stateSector.has(sector),
    isState: (iso: string) => stateSet.has(iso),
    confidence: (d: Dataset) => conf.get(d) ?? 0.5,
    inputs: { cameo, actors, ontology, states: stateList, where },
  });
}
