/**
 * Patterns and the ontology compiled once: patterns indexed by the lemma of their first anchor
 * word, so a sentence only tries the patterns whose anchors it holds; intensity looked up in the
 * chosen weight table.
 */
import type { OntologyFile, PatternEntry, WeightsFile } from "../core/coding-schema.js";
import { DataError } from "../core/errors.js";

export interface CompiledPattern extends PatternEntry {
  /** each anchor as a sequence of lower-case words */
  readonly anchorWords: readonly (readonly string[])[];
  readonly where: string;
}

export interface PatternIndex {
  readonly byWord: ReadonlyMap<string, readonly CompiledPattern[]>;
  readonly count: number;
  readonly ontology: OntologyFile;
  /** intensity of a type and mode in the chosen table, signed by polarity */
  intensity(type: string, mode: string | null, cameo: string | null, polarity: "cooperation" | "conflict"): number;
  readonly weightsTable: string;
}

/** Compiles loaded patterns against the ontology; unknown types are rejected with the place. */
export function compilePatterns(
  loaded: readonly { pattern: PatternEntry; where: string }[],
  ontology: OntologyFile,
  weights: WeightsFile,
  table = weights.default,
): PatternIndex {
  const t = weights.tables[table];
  if (!t) throw new DataError("weights", `no weight table "${table}" (have: ${Object.keys(weights.tables).join(", ")})`);
  const byWord = new Map<string, CompiledPattern[]>();
  const modes = new Set(ontology.modes.map((m) => `${m.type}:${m.mode}`));
  for (const { pattern: p, where } of loaded) {
    if (!ontology.types[p.type]) throw new DataError(where, `pattern ${p.id}: unknown event type ${p.type}`);
    if (p.mode && !modes.has(`${p.type}:${p.mode}`)) throw new DataError(where, `pattern ${p.id}: mode "${p.mode}" is not listed for ${p.type} in the ontology`);
    const anchorWords = p.anchors.map((a) => a.toLowerCase().split(/\s+/).filter(Boolean));
    const c: CompiledPattern = Object.freeze({ ...p, anchorWords, where });
    for (const w of new Set(anchorWords.map((a) => a[0]!))) {
      let list = byWord.get(w);
      if (!list) byWord.set(w, (list = []));
      list.push(c);
    }
  }
  for (const list of byWord.values()) list.sort((a, b) => b.priority - a.priority);
  const intensity = (type: string, mode: string | null, cameo: string | null, polarity: "cooperation" | "conflict") => {
    let v: number | undefined;
    if (t.modes && mode) v = t.modes[`${type}:${mode}`];
    if (v === undefined && t.types) v = t.types[type];
    const code = cameo ?? ontology.types[type]?.cameo ?? null;
    if (v === undefined && t.cameo && code) v = t.cameo[code] ?? t.cameo[code.slice(0, 2)];
    const mag = Math.abs(v ?? 1);
    return Math.round((polarity === "cooperation" ? mag : -mag) * 10) / 10;
  };
  return Object.freeze({ byWord, count: loaded.length, ontology, intensity, weightsTable: table });
}
