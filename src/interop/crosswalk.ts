/**
 * The country-code crosswalk of the structural priors (`data/interop/cow-iso3.yaml`, our data):
 * COW numeric codes → ISO 3166-1 alpha-3 with year ranges, and the UN votes' alpha-2 codes (and
 * the three rows with no code) → alpha-3. Compiled once into a frozen lookup and passed to the
 * importers. A code it cannot map is never guessed: the answer says why (unknown, a state with
 * no ISO code, a year outside the code's range), and the importer counts the row as a problem.
 */
import path from "node:path";
import countries from "i18n-iso-countries";
import { z } from "zod";
import { DataError } from "../core/errors.js";
import { DATA_DIR } from "../data/load.js";
import { checked, readYaml } from "./tables.js";

const Iso3 = z.string().regex(/^[A-Z]{3}$/, "an ISO 3166-1 alpha-3 code");
const Year = z.number().int().min(1800).max(2100);
const Range = { from: Year.optional(), to: Year.optional() };

export const CrosswalkFile = z.strictObject({
  kind: z.literal("cow-iso3"),
  historic: z.array(Iso3),
  cow: z.array(z.strictObject({ cow: z.number().int().positive(), iso: Iso3, name: z.string().min(1), ...Range })).min(150),
  noIso: z.array(z.strictObject({ cow: z.number().int().positive(), name: z.string().min(1) })),
  alpha2: z.array(z.strictObject({ code: z.string().regex(/^[A-Z]{2}$/), iso: Iso3, name: z.string().min(1), ...Range })),
  names: z.array(z.strictObject({ name: z.string().min(1), iso: Iso3.nullable(), ...Range })),
});
export type CrosswalkFile = z.infer<typeof CrosswalkFile>;

/** Why a code does not map. */
export type UnmappedReason = "unknown-code" | "no-iso" | "out-of-range";

/** A code's ISO alpha-3 in a year, or why there is none. `since` (the first year of the mapping) ranks successors in a transition year. */
export type Mapped = { iso: string; since: number } | { reason: UnmappedReason; message: string };

export interface Crosswalk {
  /** a COW numeric code in a year */
  cow(code: number, year: number): Mapped;
  /** a UN votes row: its ISO alpha-2 code (or "" with the country's name) in a year */
  un(alpha2: string, name: string, year: number): Mapped;
  /** whether two COW codes give this ISO code in this year (a transition year, such as DEU and YEM in 1990) */
  contested(iso: string, year: number): boolean;
}

interface Span {
  iso: string | null;
  from: number;
  to: number;
  name: string;
}

const OPEN_FROM = -Infinity;
const OPEN_TO = Infinity;

function spansOf<K>(file: string, rows: readonly { key: K; iso: string | null; name: string; from?: number | undefined; to?: number | undefined }[], label: (k: K) => string): Map<K, Span[]> {
  const m = new Map<K, Span[]>();
  for (const r of rows) {
    const from = r.from ?? OPEN_FROM;
    const to = r.to ?? OPEN_TO;
    if (from > to) throw new DataError(file, `${label(r.key)}: from ${from} is after to ${to}`);
    const spans = m.get(r.key) ?? [];
    const clash = spans.find((s) => s.from <= to && from <= s.to);
    if (clash) throw new DataError(file, `${label(r.key)} is listed twice for overlapping years (${r.name}; ${clash.name})`);
    spans.push({ iso: r.iso, from, to, name: r.name });
    m.set(r.key, spans);
  }
  return m;
}

function lookup(spans: readonly Span[] | undefined, year: number, what: string): Mapped | undefined {
  if (!spans) return undefined;
  const s = spans.find((x) => x.from <= year && year <= x.to);
  if (!s) {
    const ranges = spans.map((x) => `${x.from === OPEN_FROM ? "…" : x.from}–${x.to === OPEN_TO ? "…" : x.to}`).join(", ");
    return { reason: "out-of-range", message: `${what} (${spans[0]!.name}) does not map in ${year} (years ${ranges})` };
  }
  if (s.iso === null) return { reason: "no-iso", message: `${what} (${s.name}) has no ISO 3166 code` };
  return { iso: s.iso, since: s.from };
}

/** Checks and compiles a crosswalk; throws DataError naming the file and the first problem. */
export function compileCrosswalk(data: CrosswalkFile, file = "cow-iso3.yaml"): Crosswalk {
  const historic = new Set(data.historic);
  const known = (iso: string | null, where: string) => {
    if (iso !== null && !historic.has(iso) && !countries.isValid(iso)) throw new DataError(file, `${where}: ${iso} is neither an ISO 3166-1 alpha-3 code nor listed under historic`);
  };
  for (const r of data.cow) known(r.iso, `cow ${r.cow}`);
  for (const r of data.alpha2) known(r.iso, `alpha2 ${r.code}`);
  for (const r of data.names) known(r.iso, `names ${r.name}`);
  const cow = spansOf(file, [...data.cow.map((r) => ({ ...r, key: r.cow })), ...data.noIso.map((r) => ({ key: r.cow, iso: null, name: r.name }))], (k) => `cow ${k}`);
  const alpha2 = spansOf(file, data.alpha2.map((r) => ({ ...r, key: r.code })), (k) => `alpha2 ${k}`);
  const names = spansOf(file, data.names.map((r) => ({ ...r, key: r.name.toLowerCase() })), (k) => `names ${k}`);
  const contested = new Set<string>();
  const byIso = new Map<string, { code: number; s: Span }[]>();
  for (const [code, spans] of cow) for (const sp of spans) if (sp.iso) byIso.set(sp.iso, [...(byIso.get(sp.iso) ?? []), { code, s: sp }]);
  for (const [iso, list] of byIso)
    for (const x of list)
      for (const y of list) {
        if (x.code >= y.code) continue;
        const lo = Math.max(x.s.from, y.s.from);
        const hi = Math.min(x.s.to, y.s.to);
        if (lo > hi) continue;
        if (!Number.isFinite(lo) || !Number.isFinite(hi) || hi - lo > 1) throw new DataError(file, `cow ${x.code} and cow ${y.code} both give ${iso} in ${Number.isFinite(lo) ? lo : "…"}–${Number.isFinite(hi) ? hi : "…"}: only a transition year may be shared`);
        for (let yr = lo; yr <= hi; yr++) contested.add(`${iso}|${yr}`);
      }
  return Object.freeze({
    contested(iso: string, year: number): boolean {
      return contested.has(`${iso}|${year}`);
    },
    cow(code: number, year: number): Mapped {
      return lookup(cow.get(code), year, `COW code ${code}`) ?? { reason: "unknown-code", message: `COW code ${code} is not in the crosswalk` };
    },
    un(code: string, name: string, year: number): Mapped {
      if (code === "") return lookup(names.get(name.trim().toLowerCase()), year, "a row with no country code") ?? { reason: "unknown-code", message: `no country code, and the name "${name}" is not in the crosswalk` };
      const own = lookup(alpha2.get(code), year, `country code ${code}`);
      if (own) return own;
      const iso = /^[A-Z]{2}$/.test(code) ? countries.alpha2ToAlpha3(code) : undefined;
      return iso ? { iso, since: OPEN_FROM } : { reason: "unknown-code", message: `country code ${JSON.stringify(code)} is not an ISO 3166-1 alpha-2 code we know` };
    },
  });
}

/** The crosswalk file we ship. */
export const CROSSWALK_FILE = path.join(DATA_DIR, "interop", "cow-iso3.yaml");

/** Reads, checks and compiles the crosswalk (ours by default). */
export function loadCrosswalk(file = CROSSWALK_FILE): Crosswalk {
  return compileCrosswalk(checked(file, CrosswalkFile, readYaml(file)), file);
}
