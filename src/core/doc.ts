/**
 * The one document type. The normalised text is stored once; every layer is an array of spans
 * into it. Stages add layers through {@link withLayers} and never rewrite earlier ones.
 */
import { createHash } from "node:crypto";

/** A half-open range `[start, end)` in UTF-16 code units of `Doc.text`. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** A token with its part of speech and lemma (from the tokenizer stage). */
export interface TokenSpan extends Span {
  readonly pos: string;
  readonly lemma: string;
  /** lower-cased surface form */
  readonly norm: string;
  /** `word`, `punctuation`, `number`, `symbol`… as the tokenizer typed it */
  readonly kind: string;
}

export interface SentenceSpan extends Span {
  /** index of the paragraph the sentence lies in */
  readonly paragraph: number;
  /** indexes into the token layer, both inclusive */
  readonly firstToken: number;
  readonly lastToken: number;
}

/** Where a document came from. */
export type DocSource =
  | { readonly path: string }
  | { readonly url: string }
  | { readonly path: string; readonly item: number; readonly url?: string };

/** What produced the text. */
export type ContentKind = "text" | "pdf-text" | "html" | "feed-item" | "stdin";

export interface DocMeta {
  readonly title: string | null;
  readonly author: string | null;
  readonly outlet: string | null;
  /** ISO date, as precise as known: `2020`, `2020-01` or `2020-01-15` */
  readonly published: string | null;
  readonly source: DocSource;
  readonly contentType: ContentKind;
  /** encoding the bytes were decoded from, when they were bytes */
  readonly encoding?: string | undefined;
}

/** A problem found in the data, kept and counted, never thrown. */
export interface Diagnostic {
  readonly code: string;
  readonly message: string;
  readonly start?: number;
  readonly end?: number;
}

/** Layers a stage may add; each is optional until its stage has run. */
export interface DocLayers {
  readonly paragraphs?: readonly Span[];
  readonly sentences?: readonly SentenceSpan[];
  readonly tokens?: readonly TokenSpan[];
  readonly [name: string]: readonly unknown[] | undefined;
}

export interface Doc {
  /** `sha256:` + hex digest of `text` */
  readonly id: string;
  readonly text: string;
  readonly meta: DocMeta;
  readonly layers: DocLayers;
  readonly diagnostics: readonly Diagnostic[];
}

/** Content hash of normalised text: the document's identity. */
export function docId(text: string): string {
  return "sha256:" + createHash("sha256").update(text, "utf8").digest("hex");
}

/** Makes a document from normalised text and metadata, with its paragraph layer. */
export function makeDoc(text: string, meta: DocMeta, paragraphs?: readonly Span[]): Doc {
  const paras = paragraphs ?? paragraphSpans(text);
  return Object.freeze({
    id: docId(text),
    text,
    meta: Object.freeze({ ...meta }),
    layers: Object.freeze({ paragraphs: Object.freeze(paras.map((p) => Object.freeze({ ...p }))) }),
    diagnostics: Object.freeze([]),
  });
}

/** A new document with extra layers and diagnostics; existing layers cannot be replaced. */
export function withLayers(doc: Doc, layers: DocLayers, diagnostics: readonly Diagnostic[] = []): Doc {
  for (const k of Object.keys(layers)) {
    if (doc.layers[k] !== undefined) throw new Error(`layer "${k}" is already set on ${doc.id}`);
  }
  return Object.freeze({
    ...doc,
    layers: Object.freeze({ ...doc.layers, ...layers }),
    diagnostics: Object.freeze([...doc.diagnostics, ...diagnostics]),
  });
}

/** Paragraphs of normalised text: runs of text separated by blank lines. */
export function paragraphSpans(text: string): Span[] {
  const out: Span[] = [];
  const re = /\n[ \t]*\n/g;
  let at = 0;
  const push = (s: number, e: number) => {
    while (s < e && /\s/.test(text[s]!)) s++;
    while (e > s && /\s/.test(text[e - 1]!)) e--;
    if (e > s) out.push({ start: s, end: e });
  };
  for (let m = re.exec(text); m; m = re.exec(text)) {
    push(at, m.index);
    at = m.index + m[0].length;
  }
  push(at, text.length);
  return out;
}

/** The text a span covers. */
export function spanText(doc: Pick<Doc, "text">, s: Span): string {
  return doc.text.slice(s.start, s.end);
}
