/**
 * Plain text to a document: normalisation, optional front matter, and the unwrapping of
 * hard-wrapped text (as PDF extraction leaves it) into real paragraphs. Pure functions.
 */
import type { DocMeta, DocSource, Span, ContentKind } from "../core/doc.js";

/** The fields a reader found, before the document is made. */
export interface ReadText {
  readonly text: string;
  readonly paragraphs: readonly Span[];
  readonly title: string | null;
  readonly author: string | null;
  readonly outlet: string | null;
  readonly published: string | null;
  readonly contentType: ContentKind;
}

/**
 * Normalises text the same way for every reader: NFC, LF line ends, no BOM, no control
 * characters, no-break and other odd spaces as plain spaces. Typographic quotes stay.
 */
export function normaliseText(raw: string): string {
  return raw
    .replace(/^\uFEFF/, "")
    .replace(/\r\n?/g, "\n")
    .normalize("NFC")
    .replace(/[\u00A0\u2000-\u200A\u202F\u205F\u3000]/g, " ")
    .replace(/[\u200B\u200C\u200D\u2060\uFEFF\u00AD]/g, "")
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, "")
    .replace(/\u2028|\u2029/g, "\n");
}

/** Front matter: a first block `---` … `---` of `key: value` lines. */
export function splitFrontMatter(text: string): { fields: Record<string, string>; body: string } {
  const m = /^---[ \t]*\n([\s\S]*?)\n---[ \t]*(?:\n|$)/.exec(text);
  if (!m) return { fields: {}, body: text };
  const fields: Record<string, string> = {};
  for (const line of m[1]!.split("\n")) {
    const kv = /^([A-Za-z][\w-]*)\s*:\s*(.*)$/.exec(line);
    if (!kv) return { fields: {}, body: text };
    fields[kv[1]!.toLowerCase()] = kv[2]!.trim().replace(/^["'](.*)["']$/, "$1");
  }
  return { fields, body: text.slice(m[0].length) };
}

const TERMINAL = /[.!?:;"'”’»)\]]$/;
const CONNECTOR_END = /\b(the|a|an|and|or|of|to|in|on|for|with|by|from|at|as|that|but|its|their|his|her)$/i;

/** Whether lines look hard-wrapped: short, even lines that often end mid-sentence. */
export function looksHardWrapped(lines: readonly string[]): boolean {
  const text = lines.map((l) => l.trim()).filter((l) => l.length > 0);
  if (text.length < 5) return false;
  const short = text.filter((l) => l.length <= 110).length / text.length;
  const open = text.filter((l) => !TERMINAL.test(l)).length / text.length;
  return short >= 0.8 && open >= 0.3;
}

/**
 * Double-spaced text (a blank line after every line, as some PDF extractors write): true when
 * most text lines are followed by exactly one empty line.
 */
function looksDoubleSpaced(lines: readonly string[]): boolean {
  let textLines = 0;
  let followedByOneBlank = 0;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.trim() === "") continue;
    textLines++;
    if (lines[i + 1] === "" && (i + 2 >= lines.length || lines[i + 2] !== "")) followedByOneBlank++;
  }
  return textLines >= 5 && followedByOneBlank / textLines >= 0.8;
}

/**
 * Splits lines into paragraphs (arrays of lines). In double-spaced text a single empty line is
 * a line break, and a whitespace-only line or two empty lines end a paragraph; otherwise any
 * blank line ends one.
 */
function paragraphsOfLines(lines: readonly string[], doubleSpaced: boolean): string[][] {
  const paras: string[][] = [];
  let cur: string[] = [];
  const flush = () => {
    if (cur.length) paras.push(cur);
    cur = [];
  };
  let emptyRun = 0;
  for (const line of lines) {
    if (line.trim() !== "") {
      if (emptyRun >= 2) flush();
      emptyRun = 0;
      cur.push(line);
    } else if (!doubleSpaced || line !== "") {
      flush();
    } else {
      emptyRun++;
    }
  }
  flush();
  return paras;
}

/** Joins the lines of one wrapped paragraph, mending words hyphenated across lines. */
function joinWrapped(lines: readonly string[], vocabulary: ReadonlySet<string>): string {
  let out = "";
  for (const raw of lines) {
    const line = raw.trim().replace(/[ \t]+/g, " ");
    if (!out) {
      out = line;
      continue;
    }
    if (out.endsWith("-")) {
      // a pure word fragment before the hyphen and a lower-case word after it: a hyphen set by
      // the typesetter, dropped unless the text writes the compound with a hyphen elsewhere;
      // anything else ("U.S.-enforced", "Iranian-Russian") keeps its hyphen
      const left = /(?:^|[^A-Za-z0-9.'’-])([A-Za-z]+)-$/.exec(out)?.[1];
      const right = /^[a-z]+/.exec(line)?.[0];
      const soft =
        left !== undefined &&
        right !== undefined &&
        !vocabulary.has(`${left}-${right}`.toLowerCase()) &&
        (vocabulary.has((left + right).toLowerCase()) || /^[a-z]+$/.test(left));
      out = soft ? out.slice(0, -1) + line : out + line;
      continue;
    }
    out += " " + line;
  }
  return out;
}

/** Lower-cased words and hyphenated compounds of a text, to decide line-end hyphens. */
function vocabularyOf(text: string): Set<string> {
  const v = new Set<string>();
  for (const m of text.matchAll(/[A-Za-z]+(?:-[A-Za-z]+)*/g)) {
    const w = m[0].toLowerCase();
    // words hyphenated at a line end are not evidence for themselves
    if (text[m.index + m[0].length] === "-" && text[m.index + m[0].length + 1] === "\n") continue;
    v.add(w);
  }
  return v;
}

/** Whether the first line of a text is a headline rather than the start of a paragraph. */
function isHeadline(first: string, next: string | undefined): boolean {
  const t = first.trim();
  if (t.length === 0 || t.length > 150) return false;
  if (/[.,;]$/.test(t) || CONNECTOR_END.test(t)) return false;
  if (next === undefined) return false;
  const n = next.trim();
  return /^[A-Z0-9“"‘'(]/.test(n);
}

/** Standfirst bylines: "Jane Doe writes about …", "By Jane Doe". */
export function bylineOf(paragraph: string): string | null {
  const m =
    /^By\s+([A-Z][\p{L}'’.-]+(?:\s+[A-Z][\p{L}'’.-]+){1,3})\b/u.exec(paragraph) ??
    /^([A-Z][\p{L}'’-]+(?:\s+[A-Z][\p{L}'’-]+){1,2})\s+(?:writes|argues|reports|explains|asks|examines|looks at)\b/u.exec(paragraph);
  return m ? m[1]!.trim() : null;
}

/**
 * Reads a plain text: front matter fields, and hard-wrapped or double-spaced text rebuilt
 * into paragraphs with a first-line headline taken as the title.
 */
export function readPlainText(raw: string, kind: ContentKind = "text"): ReadText {
  const norm = normaliseText(raw);
  const { fields, body } = splitFrontMatter(norm);
  const lines = body.split("\n");
  const doubleSpaced = looksDoubleSpaced(lines);
  const paraLines = paragraphsOfLines(lines, doubleSpaced);
  const wrapped = doubleSpaced || looksHardWrapped(lines);
  let title: string | null = fields.title ?? null;
  let author: string | null = fields.author ?? null;
  const paragraphs: string[] = [];
  if (wrapped) {
    const vocab = vocabularyOf(body);
    paraLines.forEach((pl, i) => {
      if (i === 0 && title === null && isHeadline(pl[0]!, pl[1] ?? paraLines[1]?.[0])) {
        title = pl[0]!.trim();
        paragraphs.push(title);
        pl = pl.slice(1);
      }
      if (pl.length) paragraphs.push(joinWrapped(pl, vocab));
    });
  } else {
    for (const pl of paraLines) for (const l of pl) paragraphs.push(l.trim().replace(/[ \t]+/g, " "));
    if (title === null && paragraphs.length > 1 && isHeadline(paragraphs[0]!, paragraphs[1]) && !/[.!?]["”]?$/.test(paragraphs[0]!)) {
      title = paragraphs[0]!;
    }
  }
  if (author === null) {
    const standfirst = title !== null && paragraphs[0] === title ? paragraphs[1] : paragraphs[0];
    if (standfirst && standfirst.length < 400) author = bylineOf(standfirst);
  }
  return {
    ...joinParagraphs(paragraphs),
    title,
    author,
    outlet: fields.outlet ?? fields.source ?? null,
    published: isoDate(fields.published ?? fields.date ?? null),
    contentType: wrapped ? "pdf-text" : kind,
  };
}

/** Text of paragraphs separated by blank lines, with the paragraph layer pointing into it. */
export function joinParagraphs(paragraphs: readonly string[]): { text: string; paragraphs: Span[] } {
  const spans: Span[] = [];
  let text = "";
  for (const p of paragraphs) {
    if (!p) continue;
    if (text) text += "\n\n";
    spans.push({ start: text.length, end: text.length + p.length });
    text += p;
  }
  return { text, paragraphs: spans };
}

/** An ISO date prefix (`2020`, `2020-01`, `2020-01-15`) from common date strings, or null. */
export function isoDate(s: string | null | undefined): string | null {
  if (!s) return null;
  const t = s.trim();
  const iso = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(t);
  if (iso) return [iso[1], iso[2], iso[3]].filter(Boolean).join("-");
  const ms = Date.parse(t);
  if (!Number.isNaN(ms)) return new Date(ms).toISOString().slice(0, 10);
  return null;
}

/** Metadata of a text document read from `source`. */
export function metaOf(r: ReadText, source: DocSource, encoding?: string): DocMeta {
  return {
    title: r.title,
    author: r.author,
    outlet: r.outlet,
    published: r.published,
    source,
    contentType: r.contentType,
    encoding,
  };
}
