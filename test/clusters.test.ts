/**
 * Clusters across real articles (../shared/news): two outlets' reports of one happening form one
 * cluster with two independent sources, and ingesting everything again changes no figure.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dyadTable, networkOf } from "../src/analysis/assess.js";
import { ingestInputs } from "../src/app/batch.js";
import { createIndexer } from "../src/app/index.js";
import { loadAnalyzer } from "../src/app/setup.js";
import { loadIndexConfig } from "../src/data/coding.js";
import { readSidecar } from "../src/ingest/sidecar.js";
import { DEFAULT_INGEST } from "../src/ingest/sources.js";
import { SqliteStore } from "../src/store/sqlite/store.js";
import { HAS_SHARED, SKIP_SHARED, shared } from "../src/test-support/shared.js";

describe.skipIf(!HAS_SHARED)(`clusters over ../shared/news/articles ${SKIP_SHARED}`, () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "entente-clusters-"));
  const db = path.join(dir, "news.db");
  const cfg = loadIndexConfig();
  let store: SqliteStore;
  let ingest: (inputs: string[]) => ReturnType<typeof ingestInputs>;

  beforeAll(async () => {
    const analyzer = loadAnalyzer();
    const indexer = createIndexer(analyzer.lexicon, cfg);
    const sidecar = readSidecar(shared("news/index.tsv"));
    store = SqliteStore.open(db);
    ingest = (inputs) => ingestInputs(inputs, analyzer, store, DEFAULT_INGEST, {}, { sidecar, indexer });
    const s = await ingest([shared("news/articles")]);
    expect(s.added).toBe(readdirSync(shared("news/articles")).filter((f) => f.endsWith(".txt")).length);
  }, 120_000);
  afterAll(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("puts CNN's and the BBC's reports of Israel's apology to Turkey (22 March 2013) in one cluster with 2 independent sources", async () => {
    const clusters = await store.clusters({ pair: ["ISR", "TUR"], since: "2013-03-20", until: "2013-03-25" });
    const apology = clusters.filter((c) => c.a === "ISR" && c.b === "TUR" && c.polarity === "cooperation" && c.reports >= 2);
    expect(apology).toHaveLength(1);
    const c = apology[0]!;
    expect(c.sources).toBe(2);
    const cited = await store.citedEvents(c.refs);
    expect(new Set(cited.map((e) => e.outlet))).toEqual(new Set(["CNN", "BBC News"]));
    expect(cited.every((e) => /apolog/i.test(e.evidence.text))).toBe(true);
  });

  it("must not merge reports of different happenings: a cluster's reports share pair, type and polarity, days within the window", async () => {
    let multi = 0;
    for (const [a, b] of await store.reportPairs()) {
      const reports = new Map((await store.pairReports(a, b)).map((r) => [`${r.docId}#${r.eventId}`, r]));
      for (const c of await store.clusters({ pair: [a, b] })) {
        const rs = c.refs.map((ref) => reports.get(ref)!);
        if (rs.length > 1) multi++;
        for (const r of rs) {
          expect([r.a, r.b, r.mutual, r.type, r.polarity]).toEqual([c.a, c.b, c.mutual, c.type, c.polarity]);
          if (c.day && r.day) expect((Date.parse(r.day) - Date.parse(c.day)) / 86_400_000).toBeLessThanOrEqual(cfg.clusterDays);
          if (!c.day) expect(r.day).toBeNull();
        }
      }
    }
    expect(multi).toBeGreaterThan(0);
  });

  it("changes no figure when every article is ingested twice, under the same or other file names", async () => {
    const before = { table: await dyadTable(store, {}, cfg), clusters: await store.clusters({}) };
    const again = await ingest([shared("news/articles")]);
    expect(again.added).toBe(0);
    const copies = path.join(dir, "copies");
    mkdirSync(copies);
    for (const f of readdirSync(shared("news/articles")).slice(0, 20)) copyFileSync(shared("news/articles", f), path.join(copies, `copy-${f}`));
    expect((await ingest([copies])).added).toBe(0);
    const after = { table: await dyadTable(store, {}, cfg), clusters: await store.clusters({}) };
    expect(after).toEqual(before);
  });

  it("builds a signed network whose triads are all classified", async () => {
    const net = networkOf(await dyadTable(store, {}, cfg), cfg);
    expect(net.edges.length).toBeGreaterThan(5);
    for (const t of net.triads) expect(t.balanced).toBe(t.signs[0] * t.signs[1] * t.signs[2] > 0);
    expect(net.nodes[0]!.strength).toBeGreaterThanOrEqual(net.nodes.at(-1)!.strength);
  });
});
