import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { applySidecar, readSidecar } from "./sidecar.js";
import type { DocMeta } from "../core/doc.js";

const dir = mkdtempSync(path.join(os.tmpdir(), "entente-sidecar-"));
const file = (name: string, text: string) => {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
};
const blank: DocMeta = { title: null, author: null, outlet: null, published: null, source: { path: "x" }, contentType: "text" };

describe("metadata sidecars", () => {
  it.each([
    ["TSV with the corpus's column names", "m.tsv", "id\ttitle\tdate_if_known\toutlet_if_known\nlima-1\tPeru and Chile sign\t2014-01-27\tExample Wire\n", { title: "Peru and Chile sign", published: "2014-01-27", outlet: "Example Wire" }],
    ["CSV with quotes and commas", "m.csv", 'id,title,published,outlet\nlima-1,"Peru, Chile ""sign""",2014-01,Example Wire\n', { title: 'Peru, Chile "sign"', published: "2014-01", outlet: "Example Wire" }],
    ["JSON records", "m.json", JSON.stringify([{ id: "lima-1", date: "2014-01-27", source: "Example Wire", author: "A. Writer" }]), { published: "2014-01-27", outlet: "Example Wire", author: "A. Writer" }],
    ["a year range is not a date", "r.tsv", "id\tdate\nlima-1\t2004-2005 (exact date not in dataset)\n", {}],
    ["a written-out date is read", "w.tsv", "id\tdate\nlima-1\tMarch 22, 2013\n", { published: "2013-03-22" }],
  ])("%s", (_what, name, text, want) => {
    expect(readSidecar(file(name, text)).get("lima-1")).toEqual(want);
  });

  it.each([
    ["no id column", "x.tsv", "title\tdate\nA\t2014\n", /no "id" column/],
    ["bad JSON", "x.json", "[{", /bad JSON/],
    ["JSON that is not a list", "y.json", "{}", /JSON array/],
    ["empty file", "e.tsv", "", /empty/],
    ["a missing file", "absent.tsv", null, /cannot read/],
  ])("refuses %s with one line", (_what, name, text, re) => {
    const p = text === null ? path.join(dir, name) : file(name, text);
    expect(() => readSidecar(p)).toThrow(re);
  });

  it("fills only what the document lacks, matched by file name without extension", () => {
    const side = readSidecar(file("s.tsv", "id\ttitle\toutlet\ndoc-a\tSidecar title\tExample Wire\n"));
    expect(applySidecar({ ...blank, title: "Own title" }, "/any/where/doc-a.txt", side)).toMatchObject({ title: "Own title", outlet: "Example Wire" });
    // must not match another file whose name merely starts the same
    expect(applySidecar(blank, "/any/where/doc-ab.txt", side)).toBe(blank);
    expect(applySidecar(blank, null, side)).toBe(blank);
  });
});
