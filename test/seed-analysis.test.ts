/**
 * Acceptance for the analysis on the seed article: the reference scorer's dyad checks, and from
 * the store (clusters, signals, network) at least three fragility signals on Iran–Russia, hedging
 * toward China, and the Iran–Russia–China triad balanced against the United States.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { assess, dyadTable, networkOf } from "../src/analysis/assess.js";
import { ingestInputs } from "../src/app/batch.js";
import { createIndexer } from "../src/app/index.js";
import { displayInfo } from "../src/app/relations.js";
import { loadAnalyzer } from "../src/app/setup.js";
import { loadIndexConfig } from "../src/data/coding.js";
import { DEFAULT_INGEST, readInput } from "../src/ingest/sources.js";
import { SqliteStore } from "../src/store/sqlite/store.js";
import { HAS_SHARED, SKIP_SHARED, shared } from "../src/test-support/shared.js";

describe.skipIf(!HAS_SHARED)(`analysis of the seed article ${SKIP_SHARED}`, async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "entente-seed-analysis-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const analyzer = loadAnalyzer();
  const cfg = loadIndexConfig();

  it("passes the reference scorer's five dyad checks", async () => {
    const out = analyzer.analyze((await readInput({ kind: "file", path: shared("seed/iran-russia-ties.txt"), fromFolder: false }))[0]!);
    const file = path.join(dir, "seed.json");
    writeFileSync(file, JSON.stringify(out));
    const printed = execFileSync(process.execPath, [shared("tools/score-gold.mjs"), shared("gold/iran-russia-ties.gold.json"), file], { encoding: "utf8" });
    expect(printed).toMatch(/^dyads 5\/5/m);
  });

  it("finds fragility, hedging toward China and the bloc against the US in the store", async () => {
    const store = SqliteStore.open(path.join(dir, "seed.db"));
    try {
      await ingestInputs([shared("seed/iran-russia-ties.txt")], analyzer, store, DEFAULT_INGEST, {}, { indexer: createIndexer(analyzer.lexicon, cfg) });
      const a = await assess(store, "RUS", "IRN", cfg, displayInfo(analyzer.lexicon));
      expect(a.pair).toEqual(["IRN", "RUS"]);
      expect(a.overall?.polarity).toBe("cooperation");
      expect(a.fragility.length).toBeGreaterThanOrEqual(3);
      expect(a.fragility.every((s) => s.refs.length > 0 && s.evidence.length > 0)).toBe(true);
      expect(a.hedging.some((h) => h.side === "IRN" && h.toward === "CHN")).toBe(true);
      const bloc = a.triads.find((t) => t.members.join() === "CHN,IRN,RUS");
      expect(bloc).toMatchObject({ balanced: true, against: ["USA"] });
      expect(a.verdict).toMatch(/^Iran–Russia: .*cooperation/);
      const net = networkOf(await dyadTable(store, {}, cfg), cfg);
      expect(net.triads.find((t) => t.members.join() === "CHN,IRN,RUS")?.against).toContain("USA");
    } finally {
      await store.close();
    }
  });
});
