import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { sampleOutput, sampleReport, storeContract } from "../contract.suite.js";
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
