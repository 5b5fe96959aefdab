/**
 * Reads a text file line by line without holding it in memory: chunks from a stream (gunzipped
 * when the file starts with gzip's magic bytes), decoded as UTF-8 and cut at newlines by hand
 * (faster than node:readline), handed out in batches so that callers write in big transactions.
 */
import { createReadStream, openSync, readSync, closeSync, statSync } from "node:fs";
import { createGunzip } from "node:zlib";
import { StringDecoder } from "node:string_decoder";
import { InputError } from "../core/errors.js";

/** A batch of lines: `lines[i]` is line `first + i` of the file (1-based). */
export interface LineBatch {
  readonly first: number;
  readonly lines: readonly string[];
  /** bytes of the file read so far (compressed bytes for .gz) */
  readonly bytesRead: number;
}

/** a longer line means the file is not line-based data (and would fill memory) */
const MAX_LINE = 64 << 20;

const MAGIC: readonly [string, number[]][] = [
  ["a ZIP archive (unzip it first)", [0x50, 0x4b, 0x03, 0x04]],
  ["a PDF", [0x25, 0x50, 0x44, 0x46]],
  ["a SQLite database", [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65]],
  ["a PNG image", [0x89, 0x50, 0x4e, 0x47]],
  ["a JPEG image", [0xff, 0xd8, 0xff]],
  ["a bzip2 file (decompress it first)", [0x42, 0x5a, 0x68]],
  ["an xz file (decompress it first)", [0xfd, 0x37, 0x7a, 0x58, 0x5a]],
];

/** What the file is, from its first bytes: plain text, gzip, or a refusal. Throws InputError. */
export function sniffFile(file: string): { gzip: boolean; size: number } {
  let size: number;
  try {
    const st = statSync(file);
    if (st.isDirectory()) throw new InputError("INPUT_UNREADABLE", file, "is a folder, not a data file");
    size = st.size;
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(code === "ENOENT" ? "INPUT_MISSING" : "INPUT_UNREADABLE", file, code === "ENOENT" ? "no such file" : `cannot read it (${code})`);
  }
  if (size === 0) throw new InputError("INPUT_EMPTY", file, "is empty");
  const head = Buffer.alloc(Math.min(4096, size));
  const fd = openSync(file, "r");
  try {
    readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  if (head[0] === 0x1f && head[1] === 0x8b) return { gzip: true, size };
  for (const [what, magic] of MAGIC) if (magic.every((b, i) => head[i] === b)) throw new InputError("INPUT_BINARY", file, `is ${what}, not a tab-separated or JSON data file`);
  if (head.includes(0)) throw new InputError("INPUT_BINARY", file, "holds binary data (NUL bytes), not a tab-separated or JSON data file");
  return { gzip: false, size };
}

/**
 * Yields the file's lines in batches of about `batch` lines. Line ends are \n or \r\n; a final
 * line without a newline is kept; a UTF-8 BOM is dropped.
 */
export async function* readLines(file: string, opts: { batch?: number } = {}): AsyncGenerator<LineBatch> {
  const { gzip } = sniffFile(file);
  const want = opts.batch ?? 10_000;
  const raw = createReadStream(file, { highWaterMark: 1 << 20 });
  let bytesRead = 0;
  raw.on("data", (b) => (bytesRead += b.length));
  const stream = gzip ? raw.pipe(createGunzip()) : raw;
  raw.on("error", (e) => stream.destroy(e));
  const decoder = new StringDecoder("utf8");
  let rest = "";
  let lineNo = 1;
  let out: string[] = [];
  let first = 1;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      let text = rest + decoder.write(chunk);
      if (lineNo === 1 && out.length === 0 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      let start = 0;
      for (let nl = text.indexOf("\n"); nl !== -1; nl = text.indexOf("\n", start)) {
        out.push(text.charCodeAt(nl - 1) === 13 && nl > start ? text.slice(start, nl - 1) : text.slice(start, nl));
        start = nl + 1;
        lineNo++;
      }
      rest = text.slice(start);
      if (rest.length > MAX_LINE) throw new InputError("INPUT_UNREADABLE", file, `line ${lineNo} is longer than ${MAX_LINE >> 20} MB: not a line-based data file`);
      if (out.length >= want) {
        yield { first, lines: out, bytesRead };
        first = lineNo;
        out = [];
      }
    }
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError("INPUT_UNREADABLE", file, `cannot read it (${(e as Error).message})`, { cause: e });
  }
  rest += decoder.end();
  if (rest.length) out.push(rest.endsWith("\r") ? rest.slice(0, -1) : rest);
  if (out.length) yield { first, lines: out, bytesRead };
}
