import { describe, expect, it } from "vitest";
import { decodeText, decodeXml } from "./encoding.js";

const utf16le = (s: string) => Buffer.from(s, "utf16le");
const utf16be = (s: string) => {
  const b = Buffer.from(s, "utf16le");
  for (let i = 0; i < b.length; i += 2) [b[i], b[i + 1]] = [b[i + 1]!, b[i]!];
  return b;
};
const SAMPLE = "Iran and Russia signed a “strategic” treaty in Moscow — café.";

describe("decodeText: detected, not assumed", () => {
  const ok: [string, Buffer, string, string][] = [
    ["UTF-8 without BOM", Buffer.from(SAMPLE, "utf8"), "utf-8", SAMPLE],
    ["UTF-8 with BOM", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SAMPLE)]), "utf-8", SAMPLE],
    ["UTF-16LE with BOM", Buffer.concat([Buffer.from([0xff, 0xfe]), utf16le(SAMPLE)]), "utf-16le", SAMPLE],
    ["UTF-16BE with BOM", Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(SAMPLE)]), "utf-16be", SAMPLE],
    ["UTF-16LE without BOM", utf16le("Tehran and Moscow met again."), "utf-16le", "Tehran and Moscow met again."],
    ["UTF-16BE without BOM", utf16be("Tehran and Moscow met again."), "utf-16be", "Tehran and Moscow met again."],
    ["Windows-1252 curly quotes and dash", Buffer.from([0x93, 0x41, 0x94, 0x20, 0x96, 0x20, 0x63, 0x61, 0x66, 0xe9]), "windows-1252", "“A” – café"],
    ["Latin-1 with a byte 1252 leaves undefined", Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x81]), "iso-8859-1", "café \u0081"],
    ["plain ASCII", Buffer.from("Plain words."), "utf-8", "Plain words."],
  ];
  it.each(ok)("%s", (_, bytes, enc, text) => {
    const d = decodeText(bytes, "x.txt");
    expect(d.encoding).toBe(enc);
    expect(d.text).toBe(text);
  });

  const bad: [string, Buffer, string, RegExp][] = [
    ["empty", Buffer.alloc(0), "INPUT_EMPTY", /empty/],
    ["PNG", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), "INPUT_BINARY", /PNG image/],
    ["zip", Buffer.from([0x50, 0x4b, 0x03, 0x04, 20, 0, 0, 0]), "INPUT_BINARY", /zip archive/],
    ["PDF", Buffer.from("%PDF-1.7\n%\xe2\xe3"), "INPUT_BINARY", /PDF file/],
    ["NUL bytes", Buffer.from([0x41, 0x00, 0x00, 0x00, 0x42, 0x00, 0x00, 0x00, 0x43]), "INPUT_BINARY", /binary/],
    ["UTF-8 with a broken sequence", Buffer.concat([Buffer.from("café "), Buffer.from([0xc3, 0x28]), Buffer.from(" naïve")]), "INPUT_ENCODING", /invalid UTF-8 at byte 6/],
    ["UTF-8 BOM then Latin-1", Buffer.from([0xef, 0xbb, 0xbf, 0x63, 0x61, 0x66, 0xe9]), "INPUT_ENCODING", /byte-order mark/],
  ];
  it.each(bad)("refuses %s", (_, bytes, code, msg) => {
    expect(() => decodeText(bytes, "x")).toThrow(msg);
    try {
      decodeText(bytes, "x");
    } catch (e) {
      expect((e as { code: string }).code).toBe(code);
    }
  });
});

describe("decodeXml", () => {
  it("honours a declared ISO-8859-1 encoding", () => {
    const b = Buffer.concat([Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><rss><t>'), Buffer.from([0x4e, 0x6f, 0x74, 0xed, 0x63, 0x69, 0x61, 0x73]), Buffer.from("</t></rss>")]);
    expect(decodeXml(b, "f").text).toContain("Notícias");
  });
  it("detects Latin-1 when nothing is declared", () => {
    const b = Buffer.concat([Buffer.from("<rss><t>"), Buffer.from([0xdf, 0x6c, 0x74, 0x69, 0x6d, 0x61, 0x73]), Buffer.from("</t></rss>")]);
    expect(decodeXml(b, "f").text).toContain("ßltimas");
  });
});
