import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import Database from "better-sqlite3";
import { arenaBits } from "../../core/dyad.js";
import type { ImportedEvent } from "../../core/imported.js";
import { sampleImported, sampleOutput, sampleReport, storeContract } from "../contract.suite.js";
import { MIGRATIONS } from "./migrations.js";
import { SqliteStore, ftsQuery } from "./store.js";

const tmp = mkdtempSync(path.join(tmpdir(), "entente-sqlite-"));
let i = 0;
storeContract("SQLite", async () => SqliteStore.open(path.join(tmp, `s${++i}.db`)));

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
  it("migration 7 packs imported events stored by an earlier version, losing nothing", async () => {
    const f = path.join(tmp, "v6.db");
    const db = new Database(f);
    db.exec("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL)");
    for (const m of MIGRATIONS.filter((x) => x.version <= 6)) db.exec(m.sql), db.prepare("INSERT INTO schema_migrations VALUES (?, ?)").run(m.version, m.name);
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
    await s.close();
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
