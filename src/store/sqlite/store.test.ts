import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import Database from "better-sqlite3";
import { arenaBits } from "../../core/dyad.js";
import type { ImportedEvent, ImportSource } from "../../core/imported.js";
import { packImported, packReport, type PackedImported, type PackedReport } from "../../core/imported-pack.js";
import { sampleImported, sampleOutput, sampleReport, storeContract } from "../contract.suite.js";
import { MIGRATIONS } from "./migrations.js";
import { CHUNK_REPORTS, PAIR_WHERE, SqliteStore, ftsQuery, pairArgs } from "./store.js";

const tmp = mkdtempSync(path.join(tmpdir(), "entente-sqlite-"));
let i = 0;
storeContract("SQLite", async () => SqliteStore.open(path.join(tmp, `s${++i}.db`)));

/** A new file with the schema an earlier version left: migrations up to `version`, recorded. */
function migratedTo(file: string, version: number): Database.Database {
  const db = new Database(file);
  db.exec("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL)");
  for (const m of MIGRATIONS.filter((x) => x.version <= version)) db.exec(m.sql), db.prepare("INSERT INTO schema_migrations VALUES (?, ?)").run(m.version, m.name);
  return db;
}

describe("SqliteStore specifics", () => {
  it("keeps a pair dirty when another process stores a report while it is being clustered", async () => {
    const f = path.join(tmp, "race.db");
    const [s, other] = [SqliteStore.open(f), SqliteStore.open(f)];
    const o1 = sampleOutput();
    await s.putAnalysis(o1, [sampleReport(o1)]);
    expect(await s.pairReports("IRN", "RUS")).toHaveLength(1);
    const o2 = sampleOutput();
    await other.putAnalysis(o2, [sampleReport(o2)]); // lands between the read and the write
    await s.replaceClusters("IRN", "RUS", []);
    expect(await s.dirtyPairs()).toEqual([["IRN", "RUS"]]);
    expect(await s.pairReports("IRN", "RUS")).toHaveLength(2);
    await s.replaceClusters("IRN", "RUS", []);
    expect(await s.dirtyPairs()).toEqual([]);
    await Promise.all([s.close(), other.close()]);
  });
  it("reopens an existing file without migrating twice", async () => {
    const f = path.join(tmp, "reopen.db");
    (await SqliteStore.open(f)).close();
    const s = SqliteStore.open(f);
    expect((await s.counts()).documents).toBe(0);
    await s.close();
  });
  it("migrations 7 and 9 pack imported events stored by an earlier version, losing nothing", async () => {
    const f = path.join(tmp, "v6.db");
    const db = migratedTo(f, 6);
    const ins = db.prepare(
      `INSERT INTO imported_events (dataset, key, file, row, url, day, source_name, source_code, source_country, source_id, target_name, target_code, target_country, target_id, cameo, type, mode, polarity, intensity, arenas, modality, location, mentions, detail)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const row = (e: ImportedEvent) => [e.dataset, e.key, e.file, e.row, e.url, e.date, e.source.name, e.source.code, e.source.country, e.source.id, e.target.name, e.target.code, e.target.country, e.target.id, e.cameo, e.type, e.mode, e.polarity, e.intensity, arenaBits(e.arena), e.modality, e.location, e.mentions, e.detail ? JSON.stringify(e.detail) : null];
    const events: ImportedEvent[] = [
      sampleImported("9", { intensity: -10, polarity: "conflict", arena: [] }),
      sampleImported("10", { file: "b.tsv", source: { name: null, code: null, country: null, id: null }, url: null, mode: null, mentions: null, location: null, date: null }),
      sampleImported("p1", {
        dataset: "plover", cameo: null, intensity: 3,
        detail: { sources: [], targets: [], mutual: true, negated: false, text: "Iran and Russia \"held\" talks.", trigger: "held talks", attributedTo: null, when: null, confidence: 0.8, context: [], origin: null },
      }),
    ];
    for (const e of events) ins.run(...row(e));
    db.close();
    const s = SqliteStore.open(f);
    expect(await s.importedEvents({ limit: 10 })).toEqual([events[0], events[1], events[2]]);
    expect(await s.importedEvents({ actor: "RUS", limit: 10 })).toHaveLength(3);
    // the actors moved into the JSON text (migration 9) still filter: by id, by country, and
    // not an actor no event has
    expect((await s.importedEvents({ actor: "IRNGOV", limit: 10 })).map((e) => e.key)).toEqual(["9", "p1"]);
    expect((await s.importedEvents({ actor: "IRN", limit: 10 })).map((e) => e.key)).toEqual(["9", "p1"]);
    expect(await s.importedEvents({ actor: "USA", limit: 10 })).toEqual([]);
    await s.close();
  });
  it("creates a file with 8 KB pages, and keeps the page size of an existing one", async () => {
    const made = path.join(tmp, "pages-new.db");
    await SqliteStore.open(made).close();
    const older = path.join(tmp, "pages-4k.db");
    const db = new Database(older);
    db.pragma("page_size = 4096");
    db.exec("CREATE TABLE t (x)");
    db.close();
    const s = SqliteStore.open(older);
    const o = sampleOutput();
    await s.putAnalysis(o, [sampleReport(o)]);
    expect(await s.pairReports("IRN", "RUS")).toHaveLength(1);
    await s.close();
    for (const [f, size] of [[made, 8192], [older, 4096]] as const) {
      const check = new Database(f, { readonly: true });
      expect(check.pragma("page_size", { simple: true })).toBe(size);
      check.close();
    }
  });
  it("refuses a file that is not a database, with its name", () => {
    const f = path.join(tmp, "not-a-db.db");
    writeFileSync(f, "this is plain text, not SQLite ".repeat(100));
    expect(() => SqliteStore.open(f)).toThrow(/not-a-db\.db|not a database/);
  });
  it.each([
    ["naval drill", '"naval" "drill"'],
    ['"quoted"', '"quoted"'],
    ["U.S.-Iran", '"U.S.-Iran"'],
    ["*", ""],
  ])("ftsQuery(%j)", (q, want) => expect(ftsQuery(q)).toBe(want));
});

describe("SqliteStore: the pair index in chunks (migration 8)", () => {
  const source: ImportSource = { id: "import:gdelt:chunks", title: "GDELT events: big.tsv", file: "big.tsv" };
  const pairs = [["IRN", "RUS"], ["RUS", "IRN"], ["IRN", "USA"], ["TUR", "SYR"]] as const;
  /** a batch of `n` imported events from key `from` on, each with one report, the pairs in turn */
  const batch = (from: number, n: number): [PackedImported[], PackedReport[]] => {
    const events: PackedImported[] = [];
    const reports: PackedReport[] = [];
    for (let k = from; k < from + n; k++) {
      const [a, b] = pairs[k % pairs.length]!;
      reports.push(packReport({ ...sampleReport(sampleOutput()), a, b, mutual: false, sourceKey: `web:host${k % 7}.example`, textKey: `t${k}` }, events.length));
      events.push(packImported(sampleImported(String(k)), source.file));
    }
    return [events, reports];
  };
  /** what a scan of the whole table (no index) finds for a pair, either way round */
  const scanned = (db: Database.Database, x: string, y: string) =>
    Number((db.prepare("SELECT count(*) AS n FROM reports NOT INDEXED WHERE (a = ? AND b = ?) OR (a = ? AND b = ?)").get(x, y, y, x) as { n: number }).n);

  it("fills a chunk to CHUNK_REPORTS before the next, and reads each pair from every chunk, either way round", async () => {
    const f = path.join(tmp, "chunks.db");
    const s = SqliteStore.open(f);
    const db = new Database(f, { readonly: true });
    const o = sampleOutput();
    await s.putAnalysis(o, [sampleReport(o), sampleReport(o, { eventId: "e2", a: "RUS", b: "IRN", mutual: false }), sampleReport(o, { eventId: "e3", a: "IRN", b: "USA", mutual: false })]);
    const per = 4096;
    const batches = Math.ceil((2 * CHUNK_REPORTS + 1) / per);
    for (let i = 0; i < batches; i++) await s.putImportedBatch(source, ...batch(1 + i * per, per));
    const chunks = db.prepare("SELECT chunk, count(*) AS n FROM reports GROUP BY chunk ORDER BY chunk").all();
    const full = Math.ceil(CHUNK_REPORTS / per) * per;
    expect(chunks).toEqual([
      { chunk: 0, n: 3 },
      { chunk: 1, n: full },
      { chunk: 2, n: full },
      { chunk: 3, n: batches * per - 2 * full },
    ]);
    const each = (batches * per) / pairs.length;
    for (const [x, y, n, ways] of [
      ["IRN", "RUS", 2 * each + 2, ["IRN>RUS", "RUS>IRN"]],
      ["RUS", "IRN", 2 * each + 2, ["IRN>RUS", "RUS>IRN"]],
      ["IRN", "USA", each + 1, ["IRN>USA"]],
      ["SYR", "TUR", each, ["TUR>SYR"]],
    ] as const) {
      const got = await s.pairReports(x, y);
      expect(got.length).toBe(n);
      expect(got.length).toBe(scanned(db, x, y));
      expect(new Set(got.map((r) => `${r.a}>${r.b}`))).toEqual(new Set(ways));
    }
    // through the index, a chunk at a time, not a scan of the table
    const plan = db.prepare(`EXPLAIN QUERY PLAN SELECT * FROM reports WHERE ${PAIR_WHERE}`).all(...pairArgs("IRN", "RUS")) as { detail: string }[];
    expect(plan.map((p) => p.detail)).toContain("SEARCH reports USING INDEX reports_pair (chunk=? AND a=? AND b=?)");
    // must not match: a pair with no reports, and a state with itself
    expect(await s.pairReports("IRN", "SYR")).toEqual([]);
    expect(await s.pairReports("IRN", "IRN")).toEqual([]);
    expect(await s.reportPairs()).toEqual([["IRN", "RUS"], ["IRN", "USA"], ["SYR", "TUR"]]);
    // a small import later goes to the last chunk, which has room, not to a new one
    await s.putImportedBatch({ ...source, id: "import:gdelt:small", file: "small.tsv" }, ...batch(1_000_000, 10));
    expect(db.prepare("SELECT max(chunk) AS m FROM reports").get()).toEqual({ m: 3 });
    expect((await s.pairReports("TUR", "SYR")).length).toBe(scanned(db, "TUR", "SYR"));
    db.close();
    await s.close();
  });

  it("migration 8 keeps the reports stored by an earlier version, in chunk 0", async () => {
    const f = path.join(tmp, "v7.db");
    const db = migratedTo(f, 7);
    db.prepare("INSERT INTO documents (id, title, source, content_type, text, chars) VALUES ('d1', 't', '{}', 'text', 'x', 1)").run();
    const ins = db.prepare(
      `INSERT INTO reports (doc_id, event_id, a, b, mutual, type, polarity, intensity, modality, confidence, arenas, day, source_key, source_country, claim_country, text_key, fragility, hedging)
       VALUES ('d1', ?, ?, ?, 0, 'AGREE', 'cooperation', 8, 'asserted', 0.9, 1, '2025-01-17', 'outlet:x', NULL, NULL, ?, 0, 0)`,
    );
    ins.run("e1", "IRN", "RUS", "t1");
    ins.run("e2", "RUS", "IRN", "t2");
    ins.run("e3", "IRN", "USA", "t3");
    db.close();
    const s = SqliteStore.open(f);
    expect((await s.pairReports("RUS", "IRN")).map((r) => r.eventId)).toEqual(["e1", "e2"]);
    expect(await s.reportPairs()).toEqual([["IRN", "RUS"], ["IRN", "USA"]]);
    await s.close();
    const after = new Database(f, { readonly: true });
    expect(after.prepare("SELECT DISTINCT chunk FROM reports").all()).toEqual([{ chunk: 0 }]);
    expect(after.prepare("SELECT id, reports FROM report_chunks").all()).toEqual([{ id: 0, reports: 0 }]);
    after.close();
  });
});
