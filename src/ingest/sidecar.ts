/**
 * Metadata sidecars: a TSV or CSV file (first row names the columns) or a JSON array giving
 * title, date and outlet for documents whose text files carry none, matched by file name
 * without its extension (`id` column). Recognised columns: id; title; published, date or
 * date_if_known; outlet, source or outlet_if_known; author. Dates that are not ISO dates
 * (e.g. "2004-2005 (exact date not in dataset)") are left out.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { InputError, messageOf } from "../core/errors.js";
import type { DocMeta } from "../core/doc.js";
import { isoDate } from "./text.js";

export type SidecarMeta = Partial<Pick<DocMeta, "title" | "author" | "outlet" | "published">>;

const COLUMNS: Record<string, keyof SidecarMeta> = {
  title: "title",
  published: "published",
  date: "published",
  date_if_known: "published",
  outlet: "outlet",
  source: "outlet",
  outlet_if_known: "outlet",
  author: "author",
};

/** Splits one CSV line (quotes with doubled quotes inside). */
function csvLine(line: string): string[] {
  const out: string[] = [];
  let cur = "";
  let q = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (q) {
      if (c === '"' && line[i + 1] === '"') (cur += '"', i++);
      else if (c === '"') q = false;
      else cur += c;
    } else if (c === '"') q = true;
    else if (c === ",") (out.push(cur), (cur = ""));
    else cur += c;
  }
  out.push(cur);
  return out;
}

/** Reads a sidecar into a map from id (file name without extension) to metadata. */
export function readSidecar(file: string): Map<string, SidecarMeta> {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new InputError("INPUT_UNREADABLE", file, `cannot read the metadata file (${messageOf(e)})`);
  }
  const map = new Map<string, SidecarMeta>();
  const put = (rec: Record<string, unknown>, where: string) => {
    const id = typeof rec.id === "string" ? rec.id.trim() : "";
    if (!id) throw new InputError("INPUT_UNREADABLE", file, `${where}: no id`);
    const m: { -readonly [K in keyof SidecarMeta]: SidecarMeta[K] } = {};
    for (const [col, v] of Object.entries(rec)) {
      const field = COLUMNS[col.trim().toLowerCase()];
      if (!field || typeof v !== "string" || !v.trim()) continue;
      if (field === "published") {
        const t = v.trim();
        // a year range or a note is not a date
        const d = /^\d{4}(-\d{2}(-\d{2})?)?$/.test(t) ? t : /^\d{4}\s*[-–]\s*\d{4}/.test(t) ? null : isoDate(t);
        if (d) m.published = d;
        continue;
      }
      m[field] = v.trim();
    }
    map.set(id, m);
  };
  if (/\.json$/i.test(file)) {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (e) {
      throw new InputError("INPUT_UNREADABLE", file, `bad JSON (${messageOf(e)})`);
    }
    if (!Array.isArray(data)) throw new InputError("INPUT_UNREADABLE", file, "expected a JSON array of records with an id");
    data.forEach((r, i) => put(r && typeof r === "object" ? (r as Record<string, unknown>) : {}, `record ${i + 1}`));
    return map;
  }
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== "");
  if (!lines.length) throw new InputError("INPUT_UNREADABLE", file, "empty metadata file");
  const tsv = /\.tsv$/i.test(file) || lines[0]!.includes("\t");
  const split = (l: string) => (tsv ? l.split("\t") : csvLine(l));
  const head = split(lines[0]!).map((h) => h.trim().toLowerCase());
  if (!head.includes("id")) throw new InputError("INPUT_UNREADABLE", file, `line 1: no "id" column (columns: ${head.join(", ")})`);
  for (let i = 1; i < lines.length; i++) {
    const cells = split(lines[i]!);
    put(Object.fromEntries(head.map((h, k) => [h, cells[k] ?? ""])), `line ${i + 1}`);
  }
  return map;
}

/** The sidecar's metadata for a document read from `file`, filling only what the document lacks. */
export function applySidecar(meta: DocMeta, file: string | null, sidecar: ReadonlyMap<string, SidecarMeta>): DocMeta {
  if (!file) return meta;
  const id = path.basename(file).replace(/\.[^.]+$/, "");
  const m = sidecar.get(id);
  if (!m) return meta;
  return { ...meta, title: meta.title ?? m.title ?? null, author: meta.author ?? m.author ?? null, outlet: meta.outlet ?? m.outlet ?? null, published: meta.published ?? m.published ?? null };
}
