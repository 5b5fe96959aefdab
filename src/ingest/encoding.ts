/**
 * Bytes to text, with the encoding detected rather than assumed: BOMs, UTF-16 without BOM,
 * strict UTF-8, and Windows-1252/Latin-1 when the bytes hold no valid multi-byte UTF-8 at all.
 * Bytes that mix valid and broken UTF-8 are refused as corrupt; binary formats are refused by
 * their magic numbers and by NUL bytes.
 */
import { InputError } from "../core/errors.js";

export interface Decoded {
  readonly text: string;
  readonly encoding: "utf-8" | "utf-16le" | "utf-16be" | "windows-1252" | "iso-8859-1";
}

const MAGIC: ReadonlyArray<readonly [string, readonly number[]]> = [
  ["PNG image", [0x89, 0x50, 0x4e, 0x47]],
  ["JPEG image", [0xff, 0xd8, 0xff]],
  ["GIF image", [0x47, 0x49, 0x46, 0x38]],
  ["zip archive", [0x50, 0x4b, 0x03, 0x04]],
  ["zip archive", [0x50, 0x4b, 0x05, 0x06]],
  ["gzip archive", [0x1f, 0x8b]],
  ["PDF file (extract its text first, e.g. with pdftotext)", [0x25, 0x50, 0x44, 0x46, 0x2d]],
  ["ELF executable", [0x7f, 0x45, 0x4c, 0x46]],
  ["SQLite database", [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65, 0x20, 0x66]],
  ["bzip2 archive", [0x42, 0x5a, 0x68]],
  ["7-zip archive", [0x37, 0x7a, 0xbc, 0xaf]],
  ["WebP/RIFF file", [0x52, 0x49, 0x46, 0x46]],
];

function startsWith(b: Uint8Array, sig: readonly number[]): boolean {
  if (b.length < sig.length) return false;
  for (let i = 0; i < sig.length; i++) if (b[i] !== sig[i]) return false;
  return true;
}

/** Names the binary format of `b`, or null when it may be text. */
export function binaryKind(b: Uint8Array): string | null {
  for (const [name, sig] of MAGIC) if (startsWith(b, sig)) return name;
  return null;
}

/** Counts valid multi-byte sequences and invalid bytes in a UTF-8 scan. */
function scanUtf8(b: Uint8Array): { multi: number; invalid: number; firstInvalid: number } {
  let multi = 0;
  let invalid = 0;
  let firstInvalid = -1;
  let i = 0;
  const n = b.length;
  while (i < n) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let need = 0;
    let min = 0;
    if (c >= 0xc2 && c <= 0xdf) (need = 1), (min = 0x80);
    else if (c >= 0xe0 && c <= 0xef) (need = 2), (min = 0x800);
    else if (c >= 0xf0 && c <= 0xf4) (need = 3), (min = 0x10000);
    let ok = need > 0 && i + need < n;
    let cp = need === 1 ? c & 0x1f : need === 2 ? c & 0x0f : c & 0x07;
    for (let k = 1; ok && k <= need; k++) {
      const cc = b[i + k];
      if (cc === undefined || (cc & 0xc0) !== 0x80) ok = false;
      else cp = (cp << 6) | (cc & 0x3f);
    }
    if (ok && (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))) ok = false;
    if (ok) {
      multi++;
      i += need + 1;
    } else {
      if (firstInvalid < 0) firstInvalid = i;
      invalid++;
      i++;
    }
  }
  return { multi, invalid, firstInvalid };
}

/** Guesses UTF-16 without a BOM from the pattern of zero bytes in ASCII-heavy text. */
function utf16Guess(b: Uint8Array): "utf-16le" | "utf-16be" | null {
  const n = Math.min(b.length - (b.length % 2), 4096);
  if (n < 4) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0) evenZero++;
    if (b[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero / pairs > 0.4 && evenZero / pairs < 0.05) return "utf-16le";
  if (evenZero / pairs > 0.4 && oddZero / pairs < 0.05) return "utf-16be";
  return null;
}

// Windows-1252's 0x80–0x9F (Node 20's TextDecoder decodes that label as ISO-8859-1, so we map
// them ourselves); 0 marks the five bytes it leaves undefined.
const CP1252_HIGH = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
  0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
];

/** Decodes single-byte text as Windows-1252 (or, with `latin1`, as ISO-8859-1 proper). */
export function decodeSingleByte(bytes: Uint8Array, latin1 = false): string {
  let out = "";
  const CHUNK = 8192;
  for (let i = 0; i < bytes.length; i += CHUNK) {
    const codes: number[] = [];
    for (const c of bytes.subarray(i, i + CHUNK)) codes.push(!latin1 && c >= 0x80 && c <= 0x9f ? CP1252_HIGH[c - 0x80] || c : c);
    out += String.fromCharCode(...codes);
  }
  return out;
}

// Windows-1252 leaves these five bytes undefined; their presence means ISO-8859-1 proper.
const CP1252_UNDEFINED = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

/** Decodes bytes of a text file; throws an {@link InputError} naming `input` when they are not text. */
export function decodeText(bytes: Uint8Array, input: string): Decoded {
  if (bytes.length === 0) throw new InputError("INPUT_EMPTY", input, "the input is empty");
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: strictUtf8(bytes.subarray(3), input), encoding: "utf-8" };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder("utf-16le").decode(bytes.subarray(2)), encoding: "utf-16le" };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder("utf-16be").decode(bytes.subarray(2)), encoding: "utf-16be" };
  const kind = binaryKind(bytes);
  if (kind) throw new InputError("INPUT_BINARY", input, `this is a ${kind}, not text`);
  const u16 = utf16Guess(bytes);
  if (u16) return { text: new TextDecoder(u16).decode(bytes), encoding: u16 };
  const sample = bytes.subarray(0, 65536);
  let nul = 0;
  let ctrl = 0;
  for (const c of sample) {
    if (c === 0) nul++;
    else if (c < 9 || (c > 13 && c < 32 && c !== 27)) ctrl++;
  }
  if (nul > 0 || ctrl / sample.length > 0.02) {
    throw new InputError("INPUT_BINARY", input, "this looks like binary data (control bytes), not text");
  }
  const scan = scanUtf8(bytes);
  if (scan.invalid === 0) return { text: new TextDecoder("utf-8").decode(bytes), encoding: "utf-8" };
  if (scan.multi > 0) {
    throw new InputError(
      "INPUT_ENCODING",
      input,
      `invalid UTF-8 at byte ${scan.firstInvalid} (${scan.invalid} bad byte${scan.invalid === 1 ? "" : "s"} among valid UTF-8); re-save the file as UTF-8`,
    );
  }
  // No valid multi-byte sequence anywhere: a single-byte Western encoding.
  const latin1 = bytes.some((c) => CP1252_UNDEFINED.has(c));
  return latin1 ? { text: decodeSingleByte(bytes, true), encoding: "iso-8859-1" } : { text: decodeSingleByte(bytes), encoding: "windows-1252" };
}

function strictUtf8(bytes: Uint8Array, input: string): string {
  const scan = scanUtf8(bytes);
  if (scan.invalid > 0) {
    throw new InputError("INPUT_ENCODING", input, `invalid UTF-8 at byte ${scan.firstInvalid + 3} after a UTF-8 byte-order mark`);
  }
  return new TextDecoder("utf-8").decode(bytes);
}

/** The encoding an XML declaration names, if any (`<?xml version="1.0" encoding="…"?>`). */
export function xmlDeclaredEncoding(bytes: Uint8Array): string | null {
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 200));
  const m = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head);
  return m ? m[1]!.toLowerCase() : null;
}

/** Decodes XML bytes, honouring the declared encoding when there is one. */
export function decodeXml(bytes: Uint8Array, input: string): Decoded {
  const declared = xmlDeclaredEncoding(bytes);
  return declared ? decodeDeclared(bytes, declared, input) : decodeText(bytes, input);
}

/**
 * Decodes bytes in an encoding the document declares (XML declaration, HTML meta charset).
 * Western single-byte labels use our Windows-1252 table; UTF-8 and unknown labels go through
 * detection, so a wrong declaration cannot turn text into mojibake unchecked.
 */
export function decodeDeclared(bytes: Uint8Array, label: string, input: string): Decoded {
  const l = label.toLowerCase();
  if (/^(iso-?8859-1|latin-?1|l1|us-ascii|ascii|windows-1252|cp1252|x-cp1252)$/.test(l)) {
    if (scanUtf8(bytes).invalid === 0) return decodeText(bytes, input);
    return { text: decodeSingleByte(bytes), encoding: "windows-1252" };
  }
  return decodeText(bytes, input);
}
