/**
 * Importers for PETRARCH/TABARI dictionaries, so users can bring the dictionaries they have:
 *  - agents files (`NOUN_PHRASE [~GOV]`, with `!SET! = A, B` substitution sets and `{PLURAL}`
 *    irregular plurals) become sector entries;
 *  - actors files (`NAME_ [CODE]`, `+SYNONYM_` lines, `[CODE yymmdd-yymmdd]` dated codes) become
 *    persons (when they hold dated roles) and organisations.
 * The output is a gazetteer file (YAML) that `--dict` accepts.
 */
import { stringify } from "yaml";
import { DataError } from "../core/errors.js";
import type { ActorType } from "../core/output.js";

export interface ImportResult {
  readonly yaml: string;
  readonly entries: number;
  readonly skipped: { line: number; text: string; why: string }[];
}

const SECTOR_TYPE: Record<string, ActorType> = { GOV: "government", MIL: "military", MED: "media", SPY: "government", COP: "government", JUD: "government", LEG: "government", BUS: "organization", IGO: "igo", NGO: "organization" };

function phrase(raw: string): string {
  return raw.replace(/_+$/, "").replace(/_/g, " ").replace(/\s+/g, " ").trim().toLowerCase();
}

function plural(noun: string): string {
  const words = noun.split(" ");
  const last = words[words.length - 1]!;
  const p = /(s|x|z|ch|sh)$/.test(last) ? last + "es" : /[^aeiou]y$/.test(last) ? last.slice(0, -1) + "ies" : last + "s";
  return [...words.slice(0, -1), p].join(" ");
}

/**
 * Converts a PETRARCH agents file. `known` holds sector nouns that already exist (ours), which
 * are left out rather than reported as conflicts.
 */
export function importAgents(text: string, file: string, known: ReadonlySet<string> = new Set()): ImportResult {
  const sets = new Map<string, string[]>();
  const bySector = new Map<string, Set<string>>();
  const skipped: ImportResult["skipped"] = [];
  const owner = new Map<string, string>();
  text.split(/\r?\n/).forEach((rawLine, idx) => {
    const line = rawLine.replace(/#.*$/, "").trim();
    if (!line) return;
    const set = /^!([A-Z]+)!\s*=\s*(.+)$/.exec(line);
    if (set) {
      sets.set(set[1]!, set[2]!.split(",").map((s) => s.trim()).filter(Boolean));
      return;
    }
    const m = /^(.+?)\s*(?:\{([^}]*)\})?\s*\[~?([A-Z]{3}(?:[A-Z]{3})*)\]\s*$/.exec(line);
    if (!m) {
      skipped.push({ line: idx + 1, text: rawLine, why: "not NOUN [~CODE]" });
      return;
    }
    const code = m[3]!.slice(0, 6);
    let forms = [m[1]!.trim()];
    // expand substitution sets: CATTLE!PERSON! → CATTLEMAN, CATTLEMEN…
    for (;;) {
      const withSet = forms.find((f) => /!([A-Z]+)!/.test(f));
      if (!withSet) break;
      const name = /!([A-Z]+)!/.exec(withSet)![1]!;
      const values = sets.get(name);
      if (!values) {
        skipped.push({ line: idx + 1, text: rawLine, why: `unknown substitution set !${name}!` });
        return;
      }
      forms = forms.flatMap((f) => (f === withSet ? values.map((v) => f.replace(`!${name}!`, v)) : [f]));
    }
    const nouns = new Set<string>();
    for (const f of forms) {
      const n = phrase(f);
      if (!n) continue;
      nouns.add(n);
      if (m[2] === undefined) nouns.add(plural(n));
      else if (m[2].trim()) nouns.add(phrase(m[2]));
    }
    for (const n of nouns) {
      if (!/^[a-z0-9 .'’-]+$/.test(n)) {
        skipped.push({ line: idx + 1, text: rawLine, why: `"${n}" has characters a sector noun may not have` });
        continue;
      }
      if (known.has(n)) continue;
      const prev = owner.get(n);
      if (prev && prev !== code) {
        skipped.push({ line: idx + 1, text: rawLine, why: `"${n}" is already ${prev}` });
        continue;
      }
      owner.set(n, code);
      let s = bySector.get(code);
      if (!s) bySector.set(code, (s = new Set()));
      s.add(n);
    }
  });
  const entries = [...bySector].sort(([a], [b]) => a.localeCompare(b)).map(([code, nouns]) => ({
    id: `PETRARCH_${code}`,
    sector: code,
    type: SECTOR_TYPE[code.slice(0, 3)] ?? "group",
    nouns: [...nouns].sort(),
    example: `Imported from ${file.split("/").pop()}: ${[...nouns][0]}.`,
  }));
  if (entries.length === 0) throw new DataError(file, "no agent entries found (expected lines like DEFENSE_MINISTER [~GOVMIL])");
  return { yaml: header(file, "sectors") + stringify({ kind: "sectors", entries }), entries: entries.length, skipped };
}

function yyToIso(d: string): string {
  const yy = Number(d.slice(0, 2));
  const y = yy >= 50 ? 1900 + yy : 2000 + yy;
  return `${y}-${d.slice(2, 4)}-${d.slice(4, 6)}`;
}

function titleCase(s: string): string {
  return s.replace(/\b([a-z])([a-z'’]*)/g, (_, a: string, b: string) => a.toUpperCase() + b);
}

/** Converts a PETRARCH actors file into persons and organisations. */
export function importActors(text: string, file: string): ImportResult {
  interface Raw {
    name: string;
    line: number;
    synonyms: string[];
    codes: { code: string; from: string | null; to: string | null }[];
  }
  const raws: Raw[] = [];
  const skipped: ImportResult["skipped"] = [];
  let cur: Raw | null = null;
  text.split(/\r?\n/).forEach((rawLine, idx) => {
    const line = rawLine.replace(/#.*$/, "").trim();
    if (!line) return;
    if (line.startsWith("+")) {
      if (cur) cur.synonyms.push(phrase(line.slice(1)));
      else skipped.push({ line: idx + 1, text: rawLine, why: "synonym before any actor" });
      return;
    }
    const codes = [...line.matchAll(/\[([A-Z]{3,12})(?:\s+([<>]?\d{6})(?:-(\d{6}))?)?\]/g)];
    const name = line.replace(/\[[^\]]*\]/g, "").trim();
    if (name) {
      cur = { name: phrase(name), line: idx + 1, synonyms: [], codes: [] };
      raws.push(cur);
    } else if (!cur) {
      skipped.push({ line: idx + 1, text: rawLine, why: "code before any actor" });
      return;
    }
    for (const c of codes) {
      let from: string | null = null;
      let to: string | null = null;
      const a = c[2];
      if (a?.startsWith(">")) from = yyToIso(a.slice(1));
      else if (a?.startsWith("<")) to = yyToIso(a.slice(1));
      else if (a) {
        from = yyToIso(a);
        to = c[3] ? yyToIso(c[3]) : null;
      }
      cur!.codes.push({ code: c[1]!, from, to });
    }
  });
  const persons: unknown[] = [];
  const orgs: unknown[] = [];
  const ids = new Set<string>();
  for (const r of raws) {
    if (r.codes.length === 0) {
      skipped.push({ line: r.line, text: r.name, why: "no code" });
      continue;
    }
    let id = r.name.toUpperCase().replace(/[^A-Z0-9]+/g, "_").replace(/^_|_$/g, "").slice(0, 40);
    if (!/^[A-Z]/.test(id)) id = "X_" + id;
    while (ids.has(id)) id = id.slice(0, 37) + "_" + ids.size;
    ids.add(id);
    const name = titleCase(r.name);
    const aliases = [...new Set(r.synonyms.map(titleCase))].filter((a) => a !== name);
    const country = r.codes.map((c) => c.code.slice(0, 3)).find((c) => !["IGO", "NGO", "MNC", "UAF"].includes(c)) ?? null;
    const dated = r.codes.filter((c) => c.from || c.to);
    if (dated.length && country) {
      persons.push({
        id,
        name,
        aliases,
        country,
        roles: dated.map((c) => ({ role: (c.code.slice(3) || "GOV").toLowerCase(), sector: (c.code.slice(3, 9) || "GOV").padEnd(3, "V").slice(0, 6), from: c.from ?? "1900", to: c.to })),
      });
    } else {
      const code = r.codes[0]!.code;
      const type = code.startsWith("IGO") ? "igo" : code.slice(3, 6) === "MIL" ? "military" : code.slice(3, 6) === "GOV" ? "government" : "organization";
      orgs.push({ id, type, name, aliases, ...(country && /^[A-Z]{3}$/.test(country) ? { country } : {}), code: code.slice(0, 12) });
    }
  }
  if (persons.length + orgs.length === 0) throw new DataError(file, "no actor entries found (expected lines like NAME_ [CODE] with +SYNONYM_ lines)");
  const docs = [];
  if (persons.length) docs.push(header(file, "persons") + stringify({ kind: "persons", entries: persons }));
  if (orgs.length) docs.push(header(file, "organizations") + stringify({ kind: "organizations", entries: orgs }));
  return { yaml: docs.join("---\n"), entries: persons.length + orgs.length, skipped };
}

function header(file: string, kind: string): string {
  return `# ${kind} imported by \`entente dict import\` from ${file.split("/").pop()}\n`;
}
