import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { makeDoc, type Doc } from "../core/doc.js";
import { REPO } from "../test-support/shared.js";
import { loadIndexConfig } from "../data/coding.js";
import { createPool } from "./pool.js";
import { loadAnalyzer } from "./setup.js";
import { createIndexer } from "./index.js";

const dir = path.join(REPO, "examples");
const docs: Doc[] = readdirSync(dir)
  .filter((f) => f.endsWith(".txt"))
  .sort()
  .map((f) => makeDoc(readFileSync(path.join(dir, f), "utf8"), { title: f, author: null, outlet: null, published: null, source: { path: f }, contentType: "text" }));

describe("analysis pool", () => {
  const config = loadIndexConfig();
  const pool = createPool(2, {}, config);
  afterAll(() => pool.close());

  it("gives the same records and reports as analysing in this thread, whatever the order they finish in", async () => {
    expect(docs.length).toBeGreaterThan(2);
    const analyzer = loadAnalyzer();
    const indexer = createIndexer(analyzer.lexicon, config);
    const results = await Promise.all(docs.map((d) => pool.analyze(d)));
    results.forEach((r, i) => {
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      const here = analyzer.analyze(docs[i]!);
      expect(r.out).toEqual(here);
      expect(r.reports).toEqual(indexer.reports(here));
    });
  });

  it("turns a document the analyser cannot read into a failure, and goes on", async () => {
    const bad = { ...docs[0]!, text: undefined } as unknown as Doc;
    const r = await pool.analyze(bad);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message.length).toBeGreaterThan(0);
    expect((await pool.analyze(docs[0]!)).ok).toBe(true);
  });
});
