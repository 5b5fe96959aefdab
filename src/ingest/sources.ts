/**
 * From what the user names (paths, folders, `-`, URLs) to documents. Folders are walked
 * recursively in a stable order; each input's kind (text, hard-wrapped text, HTML, feed) is
 * decided from its content, not its name.
 */
import { readFile, readdir, stat } from "node:fs/promises";
import path from "node:path";
import { makeDoc, type Doc, type DocSource } from "../core/doc.js";
import { InputError, messageOf } from "../core/errors.js";
import { binaryKind, decodeDeclared, decodeText, decodeXml, type Decoded } from "./encoding.js";
import { readFeed, looksLikeFeed } from "./feed.js";
import { readHtml } from "./html.js";
import { readPlainText, metaOf, type ReadText } from "./text.js";
import { fetchUrl } from "./url.js";

export interface IngestOptions {
  /** largest input read, in bytes */
  readonly maxBytes: number;
  /** URL fetch timeout */
  readonly timeoutMs: number;
  /** permit URLs that resolve to private or loopback addresses */
  readonly allowPrivate: boolean;
}

export const DEFAULT_INGEST: IngestOptions = { maxBytes: 16 * 1024 * 1024, timeoutMs: 15_000, allowPrivate: false };

/** One thing to read: a file, a URL or standard input. */
export type InputRef =
  | { readonly kind: "file"; readonly path: string; readonly fromFolder: boolean }
  | { readonly kind: "url"; readonly url: string }
  | { readonly kind: "stdin" };

/** Name of an input for messages. */
export function inputName(ref: InputRef): string {
  return ref.kind === "file" ? ref.path : ref.kind === "url" ? ref.url : "<stdin>";
}

const SKIP_DIRS = new Set(["node_modules", ".git", ".hg", ".svn"]);
/** File endings a folder walk passes over: data and media, not documents. */
const SKIP_EXT = new Set([
  ".json", ".tsv", ".csv", ".db", ".sqlite", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg",
  ".ico", ".zip", ".gz", ".tgz", ".bz2", ".xz", ".7z", ".pdf", ".mp3", ".mp4", ".woff", ".woff2",
  ".ttf", ".js", ".mjs", ".ts", ".css", ".map", ".lock", ".exe", ".so", ".dylib", ".wasm",
]);

/** Expands user inputs into things to read; folders become their files, sorted. */
export async function expandInputs(inputs: readonly string[]): Promise<{ refs: InputRef[]; skipped: string[] }> {
  const refs: InputRef[] = [];
  const skipped: string[] = [];
  const walk = async (dir: string) => {
    const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (e.name.startsWith(".")) continue;
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name)) await walk(p);
      } else if (e.isFile()) {
        if (SKIP_EXT.has(path.extname(e.name).toLowerCase()) || e.name.endsWith(".md") && e.name.toUpperCase().startsWith("README")) skipped.push(p);
        else refs.push({ kind: "file", path: p, fromFolder: true });
      }
    }
  };
  for (const input of inputs) {
    if (input === "-") refs.push({ kind: "stdin" });
    else if (/^https?:\/\//i.test(input)) refs.push({ kind: "url", url: input });
    else if (/^[a-z][a-z0-9+.-]*:\/\//i.test(input)) throw new InputError("URL_REFUSED", input, "only http and https URLs are read");
    else {
      // a path that cannot be stat'ed is still queued: reading it reports the problem for this
      // input alone, so one typo does not stop a batch
      const st = await stat(input).catch(() => null);
      if (st?.isDirectory()) await walk(input);
      else refs.push({ kind: "file", path: input, fromFolder: false });
    }
  }
  return { refs, skipped };
}

async function readFileBytes(p: string, maxBytes: number): Promise<Buffer> {
  let st;
  try {
    st = await stat(p);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new InputError("INPUT_MISSING", p, "no such file or folder");
    throw new InputError("INPUT_UNREADABLE", p, `cannot read it (${code ?? messageOf(e)})`, { cause: e });
  }
  if (!st.isFile()) throw new InputError("INPUT_UNREADABLE", p, "not a regular file");
  if (st.size === 0) throw new InputError("INPUT_EMPTY", p, "the file is empty");
  if (st.size > maxBytes) {
    throw new InputError("INPUT_TOO_LARGE", p, `the file is ${mb(st.size)}, over the limit of ${mb(maxBytes)} (--max-bytes)`);
  }
  try {
    return await readFile(p);
  } catch (e) {
    throw new InputError("INPUT_UNREADABLE", p, `cannot read it (${(e as NodeJS.ErrnoException).code ?? messageOf(e)})`, { cause: e });
  }
}

function mb(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${n} bytes`;
}

async function readStdin(maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of process.stdin as AsyncIterable<Buffer>) {
    size += c.length;
    if (size > maxBytes) throw new InputError("INPUT_TOO_LARGE", "<stdin>", `standard input is over the limit of ${mb(maxBytes)} (--max-bytes)`);
    chunks.push(c);
  }
  if (size === 0) throw new InputError("INPUT_EMPTY", "<stdin>", "standard input is empty");
  return Buffer.concat(chunks);
}

/** The kind of content in some bytes, decided from their start. */
export type Sniffed = "feed" | "html" | "text";

export function sniff(bytes: Uint8Array): Sniffed {
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 4096)).replace(/^\uFEFF|^ï»¿/, "").replace(/\u0000/g, "");
  if (looksLikeFeed(head)) return "feed";
  if (/^\s*(<!--[\s\S]*?-->\s*)*(<!doctype\s+html|<html\b|<head\b|<body\b)/i.test(head)) return "html";
  return "text";
}

/** What a file name or a Content-Type header promises, if anything. */
export function promisedKind(name: string, contentType?: string | null): Sniffed | null {
  const ct = (contentType ?? "").toLowerCase();
  if (/rss|atom|[/+]xml/.test(ct) && !/xhtml/.test(ct)) return "feed";
  if (/html/.test(ct)) return "html";
  const ext = path.extname(name.replace(/[?#].*$/, "")).toLowerCase();
  if ([".rss", ".atom", ".xml", ".rdf"].includes(ext)) return "feed";
  if ([".html", ".htm", ".xhtml"].includes(ext)) return "html";
  return null;
}

function htmlDeclaredCharset(bytes: Uint8Array): string | null {
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 4096));
  const m = /<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9._-]+)/i.exec(head);
  return m ? m[1]!.toLowerCase() : null;
}

function decodeHtml(bytes: Uint8Array, input: string): Decoded {
  const cs = htmlDeclaredCharset(bytes);
  return cs ? decodeDeclared(bytes, cs, input) : decodeText(bytes, input);
}

function toDoc(r: ReadText, source: DocSource, encoding?: string): Doc {
  if (!r.text.trim()) throw new InputError("INPUT_EMPTY", "path" in source ? source.path : source.url, "no text left after reading");
  return makeDoc(r.text, metaOf(r, source, encoding), r.paragraphs);
}

/** Reads bytes already in hand into documents (one, or one per feed item). */
export async function docsFromBytes(bytes: Uint8Array, name: string, source: DocSource, contentType?: string | null): Promise<Doc[]> {
  if (bytes.length === 0) throw new InputError("INPUT_EMPTY", name, "the input is empty");
  const bin = binaryKind(bytes);
  if (bin) throw new InputError("INPUT_BINARY", name, `this is a ${bin}, not text`);
  const promised = promisedKind(name, contentType);
  let kind = sniff(bytes);
  if (promised === "feed" && kind !== "feed") {
    throw new InputError("INPUT_NOT_FEED", name, "not an RSS or Atom feed: the content is not XML with an <rss>, <feed> or <rdf:RDF> root");
  }
  if (promised === "html" && kind === "text" && /^\s*</.test(new TextDecoder("latin1").decode(bytes.subarray(0, 200)))) kind = "html";
  if (kind === "feed") {
    const d = decodeXml(bytes, name);
    const feed = await readFeed(d.text, name);
    if (feed.items.length === 0) throw new InputError("INPUT_EMPTY", name, "the feed has no items with text");
    return feed.items.map((it) => {
      const src: DocSource = it.link ? { path: name, item: it.index, url: it.link } : { path: name, item: it.index };
      return toDoc(it, src, d.encoding);
    });
  }
  if (kind === "html") {
    const d = decodeHtml(bytes, name);
    return [toDoc(readHtml(d.text, name), source, d.encoding)];
  }
  const d = decodeText(bytes, name);
  if (/^\s*[{[]/.test(d.text) && /^\s*[{[][\s\S]*[}\]]\s*$/.test(d.text)) {
    throw new InputError("INPUT_UNREADABLE", name, "this is JSON data, not a document (use `entente import` for datasets)");
  }
  if (!d.text.trim()) throw new InputError("INPUT_EMPTY", name, "the input holds only white space");
  return [toDoc(readPlainText(d.text, source && "path" in source && source.path === "<stdin>" ? "stdin" : "text"), source, d.encoding)];
}

/** Reads one input into documents. Throws an {@link InputError} that names it when it cannot. */
export async function readInput(ref: InputRef, opts: IngestOptions = DEFAULT_INGEST): Promise<Doc[]> {
  if (ref.kind === "file") {
    const bytes = await readFileBytes(ref.path, opts.maxBytes);
    return docsFromBytes(bytes, ref.path, { path: ref.path });
  }
  if (ref.kind === "url") {
    const f = await fetchUrl(ref.url, { timeoutMs: opts.timeoutMs, maxBytes: opts.maxBytes, allowPrivate: opts.allowPrivate });
    return docsFromBytes(f.bytes, f.url, { url: f.url }, f.contentType);
  }
  return docsFromBytes(await readStdin(opts.maxBytes), "<stdin>", { path: "<stdin>" });
}
