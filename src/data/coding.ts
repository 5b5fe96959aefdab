/**
 * Loads the event ontology, the intensity tables and the event patterns, each checked against
 * its schema, with the file, line and entry of the first problem.
 */
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { LineCounter, isMap, isSeq, parseDocument, type Node } from "yaml";
import { OntologyFile, PatternEntry, PatternFile, WeightsFile } from "../core/coding-schema.js";
import { IndexConfig } from "../core/index-config.js";
import { StructuralConfig } from "../core/structural-config.js";
import { DataError } from "../core/errors.js";
import { DATA_DIR, readDataFile } from "./load.js";

export interface LoadedPattern {
  readonly pattern: PatternEntry;
  readonly where: string;
}

function readYaml(file: string): { value: unknown; counter: LineCounter; doc: ReturnType<typeof parseDocument> } {
  const text = readDataFile(file);
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    const err = doc.errors[0]!;
    throw new DataError(`${file}:${err.linePos?.[0]?.line ?? 0}`, `bad YAML: ${err.message.split("\n")[0]}`);
  }
  return { value: doc.toJS(), counter, doc };
}

function checked<T>(file: string, schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } }, value: unknown): T {
  const r = schema.safeParse(value);
  if (!r.success) {
    const i = r.error.issues[0]!;
    throw new DataError(file, `${i.path.join(".") || "(top level)"}: ${i.message}`);
  }
  return r.data;
}

export function loadOntology(file = path.join(DATA_DIR, "ontology/plover.yaml")): OntologyFile {
  return checked(file, OntologyFile, readYaml(file).value);
}

export function loadWeights(file = path.join(DATA_DIR, "ontology/weights.yaml")): WeightsFile {
  return checked(file, WeightsFile, readYaml(file).value);
}

/** Loads pattern files (ours, then any extra ones); a duplicate id is an error. */
export function loadPatterns(extra: readonly string[] = [], dir = path.join(DATA_DIR, "patterns")): LoadedPattern[] {
  const files = [dir, ...extra].flatMap((p) => {
    const st = statSync(p, { throwIfNoEntry: false });
    if (!st) throw new DataError(p, "no such pattern file or folder");
    return st.isDirectory() ? readdirSync(p).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => path.join(p, f)) : [p];
  });
  const out: LoadedPattern[] = [];
  const seen = new Map<string, string>();
  for (const f of files) {
    const { value, counter, doc } = readYaml(f);
    const top = checked(f, PatternFile, value);
    const seq = isMap(doc.contents) ? doc.contents.get("entries", true) : null;
    const items = isSeq(seq) ? seq.items : [];
    top.entries.forEach((raw, i) => {
      const at = (items[i] as Node | undefined)?.range?.[0];
      const where = `${f}:${at === undefined ? 0 : counter.linePos(at).line}`;
      const label = typeof (raw as { id?: unknown })?.id === "string" ? (raw as { id: string }).id : `#${i + 1}`;
      const r = PatternEntry.safeParse(raw);
      if (!r.success) {
        const issue = r.error.issues[0]!;
        throw new DataError(where, `pattern ${label}: ${issue.path.join(".") || "(entry)"}: ${issue.message}`);
      }
      const prev = seen.get(r.data.id);
      if (prev) throw new DataError(where, `duplicate pattern id ${r.data.id} (already at ${prev})`);
      seen.set(r.data.id, where);
      out.push({ pattern: r.data, where });
    });
  }
  return out;
}

/** Ours, then the user's file over it, field by field (one level of nested mappings merged), checked against the schema. */
function loadMerged<T>(schema: Parameters<typeof checked<T>>[1], what: string, file: string, user?: string): T {
  const base = readYaml(file).value as Record<string, unknown>;
  if (!user) return checked(file, schema, base);
  const over = readYaml(user).value;
  if (!over || typeof over !== "object" || Array.isArray(over)) throw new DataError(user, `(top level): expected a mapping of ${what}`);
  const merged: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over as Record<string, unknown>)) {
    const b = base[k];
    merged[k] = v && typeof v === "object" && !Array.isArray(v) && b && typeof b === "object" ? { ...(b as object), ...(v as object) } : v;
  }
  return checked(user, schema, merged);
}

/** The dyad index's weights: ours, then the user's file over them, field by field. */
export function loadIndexConfig(user?: string, file = path.join(DATA_DIR, "analysis/index.yaml")): IndexConfig {
  return loadMerged<IndexConfig>(IndexConfig, "index settings", file, user);
}

/** The structural index's weights and thresholds (`data/analysis/structural.yaml`), then the user's file over them. */
export function loadStructuralConfig(user?: string, file = path.join(DATA_DIR, "analysis/structural.yaml")): StructuralConfig {
  return loadMerged<StructuralConfig>(StructuralConfig, "structural settings", file, user);
}
