/**
 * Loads gazetteer files (YAML or JSON) from `data/gazetteer` and from users' own dictionaries,
 * checks every entry against the schema, and reports the first problem with the file, line and
 * entry. Users' entries replace ours with the same id; everything else is merged.
 */
import { readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { LineCounter, parseAllDocuments, isMap, isSeq, type Node } from "yaml";
import { DataError } from "../core/errors.js";
import { ENTRY_SCHEMA, GazetteerFile, type FileKind, type GazetteerData } from "../core/gazetteer-schema.js";

/** Where our own data lives (the package's `data/` folder). */
export const DATA_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../data");

export interface LoadedEntry {
  readonly kind: FileKind;
  readonly entry: Record<string, unknown> & { id: string };
  /** `file:line`, for messages about this entry */
  readonly where: string;
}

function lineOf(counter: LineCounter, node: Node | null | undefined): number {
  const at = node?.range?.[0];
  return at === undefined ? 0 : counter.linePos(at).line;
}

/** The text of a data file, or a {@link DataError} naming it. */
export function readDataFile(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (e) {
    throw new DataError(file, `cannot read it (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
}

/** Parses one gazetteer file; throws a {@link DataError} naming the file, line and entry. */
export function loadGazetteerFile(file: string): LoadedEntry[] {
  const text = readDataFile(file);
  const counter = new LineCounter();
  // a file may hold several YAML documents (separated by ---), one kind each
  const list = parseAllDocuments(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  if (!Array.isArray(list)) throw new DataError(`${file}:1`, "bad YAML: not a document");
  const out: LoadedEntry[] = [];
  for (const doc of list) {
    if (doc.errors.length) {
      const err = doc.errors[0]!;
      const line = err.linePos?.[0]?.line ?? 0;
      const kind = /\.json$/i.test(file) ? "JSON" : "YAML";
      throw new DataError(`${file}:${line}`, `bad ${kind}: ${err.message.split("\n")[0]}`);
    }
    const top = GazetteerFile.safeParse(doc.toJS());
    if (!top.success) {
      const i = top.error.issues[0]!;
      const line = lineOf(counter, doc.contents) || 1;
      throw new DataError(`${file}:${line}`, `not a gazetteer file: ${i.path.join(".") || "(top level)"}: ${i.message} (expected { kind: states|persons|organizations|media|places|sectors, entries: [...] })`);
    }
    const kind = top.data.kind;
    const schema = ENTRY_SCHEMA[kind];
    const seq = isMap(doc.contents) ? doc.contents.get("entries", true) : null;
    const items = isSeq(seq) ? seq.items : [];
    top.data.entries.forEach((raw, i) => {
      const line = lineOf(counter, items[i] as Node | undefined);
      const label = typeof (raw as { id?: unknown })?.id === "string" ? (raw as { id: string }).id : `#${i + 1}`;
      const r = schema.safeParse(raw);
      if (!r.success) {
        const issue = r.error.issues[0]!;
        throw new DataError(`${file}:${line}`, `entry ${label}: ${issue.path.join(".") || "(entry)"}: ${issue.message}`);
      }
      out.push({ kind, entry: r.data as LoadedEntry["entry"], where: `${file}:${line}` });
    });
  }
  if (list.length === 0) throw new DataError(`${file}:1`, "empty dictionary file");
  return out;
}

/** Gazetteer files in a folder, sorted, or the file itself. */
function filesOf(p: string): string[] {
  let st;
  try {
    st = statSync(p);
  } catch (e) {
    throw new DataError(p, `no such dictionary file or folder (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  if (!st.isDirectory()) return [p];
  return readdirSync(p)
    .filter((f) => /\.(ya?ml|json)$/i.test(f))
    .sort()
    .map((f) => path.join(p, f));
}

/**
 * Loads our gazetteer and then the users' files over it: a user entry with an id we have
 * replaces ours; a duplicate id within one layer is an error.
 */
export function loadGazetteer(
  userPaths: readonly string[] = [],
  ourDir = path.join(DATA_DIR, "gazetteer"),
  opts: { cache?: boolean } = {},
): { data: GazetteerData; where: Map<string, string> } {
  const cached = userPaths.length === 0 && opts.cache !== false ? readCache(ourDir) : null;
  if (cached) return cached;
  const layers = [filesOf(ourDir), ...userPaths.map(filesOf)];
  const byKey = new Map<string, LoadedEntry>();
  layers.forEach((files) => {
    const seen = new Map<string, string>();
    for (const f of files) {
      for (const le of loadGazetteerFile(f)) {
        const key = `${le.kind}:${le.entry.id}`;
        const before = seen.get(key);
        if (before) throw new DataError(le.where, `duplicate id ${le.entry.id} (already at ${before})`);
        seen.set(key, le.where);
        byKey.set(key, le);
      }
    }
  });
  const data: GazetteerData = { states: [], persons: [], organizations: [], media: [], places: [], sectors: [] };
  const where = new Map<string, string>();
  for (const le of byKey.values()) {
    (data[le.kind] as unknown[]).push(le.entry);
    where.set(`${le.kind}:${le.entry.id}`, le.where);
  }
  return { data, where };
}

/** Where the checked copy of our gazetteer is kept (written by `npm run build`). */
export const CACHE_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../gazetteer.cache.json");

interface Cache {
  stamp: string;
  data: GazetteerData;
  where: [string, string][];
}

/** Sizes and modification times of the files a cache was made from. */
function stampOf(dir: string): string {
  return [path.resolve(dir)]
    .concat(filesOf(dir).map((f) => {
      const st = statSync(f);
      return `${path.basename(f)}:${st.size}:${Math.floor(st.mtimeMs)}`;
    }))
    .join("|");
}

/**
 * The checked gazetteer from the cache, when it was made from the files as they are now.
 * YAML parsing of the whole gazetteer takes most of a second; the cache takes milliseconds.
 */
function readCache(dir: string): { data: GazetteerData; where: Map<string, string> } | null {
  let text: string;
  try {
    text = readFileSync(CACHE_FILE, "utf8");
  } catch (e) {
    // no cache yet (a build makes it): read the YAML instead
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw e;
  }
  const c = JSON.parse(text) as Cache;
  if (c.stamp !== stampOf(dir)) return null;
  return { data: c.data, where: new Map(c.where) };
}

/** Loads and checks our gazetteer from YAML and writes the cache; returns the entry count. */
export function writeCache(dir = path.join(DATA_DIR, "gazetteer")): number {
  const { data, where } = loadGazetteer([], dir, { cache: false });
  const cache: Cache = { stamp: stampOf(dir), data, where: [...where] };
  writeFileSync(CACHE_FILE, JSON.stringify(cache));
  return Object.values(data).reduce((n, list) => n + list.length, 0);
}
