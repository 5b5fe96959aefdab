/**
 * The interop tables, read from our data files, checked and compiled once into frozen lookups
 * (compile-tables.ts) and passed to the importers (no module-level state).
 */
import path from "node:path";
import { parseDocument } from "yaml";
import type { OntologyFile } from "../core/coding-schema.js";
import { DataError } from "../core/errors.js";
import { compileInteropTables, type InteropTables } from "./compile-tables.js";
import { loadOntology } from "../data/coding.js";
import { DATA_DIR, loadGazetteer, readDataFile } from "../data/load.js";
import { ActorsFile, CameoPloverFile } from "./schema.js";

export { compileInteropTables, type CameoMapping, type InteropTables, type Role, type TableInputs } from "./compile-tables.js";

/** Reads one of our YAML data files, with file-and-line errors for bad YAML. */
export function readYaml(file: string): unknown {
  const doc = parseDocument(readDataFile(file), { prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) throw new DataError(`${file}:${doc.errors[0]!.linePos?.[0]?.line ?? 0}`, `bad YAML: ${doc.errors[0]!.message.split("\n")[0]}`);
  return doc.toJS();
}

/** Checks parsed data against a zod schema; the first issue becomes a DataError naming the file and path. */
export function checked<T>(file: string, schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } }, v: unknown): T {
  const r = schema.safeParse(v);
  if (!r.success) {
    const i = r.error.issues[0]!;
    throw new DataError(file, `${i.path.join(".") || "(top level)"}: ${i.message}`);
  }
  return r.data;
}

export interface TableSources {
  cameoFile?: string;
  actorsFile?: string;
  ontology?: OntologyFile;
  /** ISO codes of our states; by default the gazetteer's */
  states?: Iterable<string>;
}

/** Reads, checks and compiles the interop tables. */
export function loadInteropTables(src: TableSources = {}): InteropTables {
  const cameoFile = src.cameoFile ?? path.join(DATA_DIR, "interop/cameo-plover.yaml");
  const actorsFile = src.actorsFile ?? path.join(DATA_DIR, "interop/actors.yaml");
  return compileInteropTables(
    checked(cameoFile, CameoPloverFile, readYaml(cameoFile)),
    checked(actorsFile, ActorsFile, readYaml(actorsFile)),
    src.ontology ?? loadOntology(),
    src.states ?? loadGazetteer().data.states.map((s) => s.id),
    { cameo: cameoFile, actors: actorsFile },
  );
}

