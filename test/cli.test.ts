/**
 * End-to-end: the built `entente` command as a user runs it, on bad inputs above all. Every bad
 * input gets one line naming it, a non-zero exit and no stack trace; a batch goes on without it.
 */
import { closeSync, mkdtempSync, openSync, ftruncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { entente } from "../src/test-support/cli.js";

const dir = mkdtempSync(path.join(tmpdir(), "entente-cli-"));
const f = (name: string) => path.join(dir, name);
const GOOD = "Iran and Russia held talks in Moscow on Monday. Both sides praised the meeting.\n";
const GOOD2 = "China and Russia signed a gas agreement in Beijing. The deal runs for thirty years.\n";

beforeAll(() => {
  writeFileSync(f("good.txt"), GOOD);
  writeFileSync(f("good2.txt"), GOOD2);
  writeFileSync(f("empty.txt"), "");
  writeFileSync(f("image.png"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]));
  writeFileSync(f("archive.zip"), Buffer.from([0x50, 0x4b, 0x03, 0x04, 20, 0, 0, 0, 8, 0]));
  writeFileSync(f("broken.txt"), Buffer.concat([Buffer.from("Talks in Genève went well, "), Buffer.from([0xe2, 0x28, 0xa1]), Buffer.from(" said the minister.")]));
  const fd = openSync(f("huge.txt"), "w");
  ftruncateSync(fd, 100 * 1024 * 1024); // sparse: 100 MB on paper, nothing on disk
  closeSync(fd);
  writeFileSync(f("notxml.rss"), "This is not a feed at all, just words.\n");
  writeFileSync(f("broken.rss"), "<rss version='2.0'><channel><title>Wire</title><item><title>Half");
  writeFileSync(f("noarticle.html"), "<!doctype html><html><head><title>Home</title></head><body><nav><a href='/'>Home</a> <a href='/a'>About</a></nav><footer>© 2020</footer></body></html>");
});

const BAD: [string, string, RegExp][] = [
  ["a missing path", "nope/missing.txt", /no such file or folder/],
  ["an empty file", "empty.txt", /is empty/],
  ["a PNG", "image.png", /PNG image, not text/],
  ["a zip", "archive.zip", /zip archive, not text/],
  ["invalid UTF-8", "broken.txt", /invalid UTF-8 at byte 28/],
  ["a 100 MB file", "huge.txt", /100\.0 MB, over the limit of 16\.0 MB/],
  ["a feed that is not XML", "notxml.rss", /not an RSS or Atom feed/],
  ["a feed that is broken XML", "broken.rss", /not well-formed XML/],
  ["an HTML page with no article", "noarticle.html", /no article/],
];

describe.each(["analyze", "ingest"])("entente %s on bad input", (cmd) => {
  it.each(BAD)("%s: one line naming it, exit 1, no stack trace", (_, name, msg) => {
    const args = cmd === "ingest" ? ["ingest", f(name), "--db", f(`bad-${name.replace(/\W/g, "_")}.db`)] : ["analyze", f(name)];
    const r = entente(args);
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split("\n");
    const line = lines.find((l) => l.startsWith("entente: error:"));
    expect(line).toBeDefined();
    expect(line).toContain(name.split("/").pop());
    expect(line).toMatch(msg);
    expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
  });
});

describe("batches", () => {
  it("ingest: the other inputs go through, failures are counted, nothing stored is lost or duplicated", () => {
    const db = f("batch.db");
    const first = entente(["ingest", f("good.txt"), "--db", db]);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ added: 1, failed: 0 });
    const r = entente(["ingest", f("image.png"), f("good.txt"), f("empty.txt"), f("good2.txt"), f("huge.txt"), "--db", db]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ inputs: 5, documents: 2, added: 1, existing: 1, failed: 3 });
    expect(r.stderr).toMatch(/2 documents: 1 added, 1 already stored, 3 failed/);
    const stats = JSON.parse(entente(["stats", "--db", db]).stdout);
    expect(stats.documents).toBe(2);
  });
  it("analyze: prints the good outputs and fails for the bad ones", () => {
    const r = entente(["analyze", f("good.txt"), f("empty.txt"), f("good2.txt")]);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out).toHaveLength(2);
    expect(r.stderr).toMatch(/empty\.txt: the file is empty/);
  });
});

describe("usage", () => {
  it.each([["analyze"], ["ingest"], ["search"], ["eval"], ["stats"]])("%s --help", (cmd) => {
    const r = entente([cmd, "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: entente /);
  });
  it("an unknown command is a usage error (exit 2)", () => {
    const r = entente(["frobnicate"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown command/);
  });
  it("a bad option value is a usage error", () => {
    const r = entente(["analyze", f("good.txt"), "--max-bytes", "lots"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/size such as/);
  });
  it("a database that is not one gets one line", () => {
    writeFileSync(f("fake.db"), "plain text ".repeat(200));
    const r = entente(["stats", "--db", f("fake.db")]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/fake\.db/);
  });
});

describe("analyze", () => {
  it("reads stdin and keeps every span true to the text", () => {
    const r = entente(["analyze", "-"], { input: GOOD });
    expect(r.code).toBe(0);
    const o = JSON.parse(r.stdout);
    expect(o.format).toBe("entente/1");
    expect(o.document.text).toBe(GOOD.trim());
    expect(o.document.source).toEqual({ path: "<stdin>" });
    for (const a of o.actors) for (const m of a.mentions) expect(o.document.text.slice(m.start, m.end).length).toBe(m.end - m.start);
    for (const e of o.events) expect(o.document.text.slice(e.evidence.start, e.evidence.end)).toBe(e.evidence.text);
  });
  it("prints JSON lines and tables", () => {
    const jl = entente(["analyze", f("good.txt"), f("good2.txt"), "--format", "jsonl"]);
    expect(jl.stdout.trim().split("\n").map((l) => JSON.parse(l).format)).toEqual(["entente/1", "entente/1"]);
    const t = entente(["analyze", f("good.txt"), "--format", "table"]);
    expect(t.code).toBe(0);
    expect(t.stdout).toContain("sha256:");
  });
  it("search finds ingested text", () => {
    const db = f("search.db");
    entente(["ingest", f("good.txt"), f("good2.txt"), "--db", db]);
    const r = entente(["search", "gas", "agreement", "--db", db]);
    expect(r.code).toBe(0);
    const hits = JSON.parse(r.stdout);
    expect(hits).toHaveLength(1);
    expect(hits[0].snippet).toContain("«gas»");
  });
});
