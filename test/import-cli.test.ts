/**
 * `entente import` end to end, as a user runs it (from dist: build first with
 * `npx tsc -p tsconfig.build.json && node scripts/compile-data.mjs`): the field's samples
 * in ../shared, our POLECAT fixture, re-imports, malformed and wrong files.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { entente } from "../src/test-support/cli.js";
import { HAS_SHARED, REPO, SKIP_SHARED, shared } from "../src/test-support/shared.js";
import { SqliteStore } from "../src/store/sqlite/store.js";

const dir = mkdtempSync(path.join(os.tmpdir(), "entente-import-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const A = (f: string) => shared("anchors", f);
const json = (s: string) => JSON.parse(s) as Record<string, unknown>;
async function counts(db: string) {
  const s = SqliteStore.open(db);
  try {
    return await s.importedCounts();
  } finally {
    await s.close();
  }
}

describe("entente import", () => {
  it("--help names the datasets and options", () => {
    const r = entente(["import", "--help"]);
    expect(r.code).toBe(0);
    for (const w of ["gdelt", "gdelt-mentions", "icews", "polecat", "plover", "--db", "--no-index", "--progress", "--no-worker"]) expect(r.stdout).toContain(w);
  });
  it("refuses an unknown dataset as bad usage", () => {
    const r = entente(["import", "acled", "x.tsv", "--db", path.join(dir, "u.db")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/invalid|choices/i);
  });
  it("imports POLECAT rows and names the malformed ones", () => {
    const db = path.join(dir, "polecat.db");
    const r = entente(["import", "polecat", path.join(REPO, "test/fixtures/polecat/polecat-sample.tsv"), "--db", db, "--no-progress"]);
    expect(r.code, r.stderr).toBe(0);
    expect(json(r.stdout)).toMatchObject({ rows: 9, added: 4, skipped: 5, reports: 3, counts: { polecat: 4 } });
    expect(r.stderr).toMatch(/9 rows: 4 imported, 0 already present, 5 skipped/);
    expect(r.stderr).toMatch(/first problems: .*polecat-sample\.tsv:4: 41 fields, expected 40/);
  });
});

describe("entente import plover", () => {
  it("reads PLOVER JSON lines and feeds the dyad index", () => {
    const f = path.join(dir, "p.jsonl");
    const rec = (id: string, type: string, a: string, b: string) => JSON.stringify({ id, date: "2023-05-01", event_type: type, actor: { entity_name: a, country_code: a }, recipient: { entity_name: b, country_code: b } });
    writeFileSync(f, [rec("x1", "CONSULT", "IRN", "RUS"), rec("x2", "ACCUSE", "USA", "IRN")].join("\n"));
    const db = path.join(dir, "plover.db");
    const r = entente(["import", "plover", f, "--db", db, "--no-progress"]);
    expect(r.code, r.stderr).toBe(0);
    expect(json(r.stdout)).toMatchObject({ rows: 2, added: 2, reports: 2, pairsIndexed: 2, counts: { plover: 2 } });
  });
});

describe.skipIf(!HAS_SHARED)(`entente import on the field's samples ${SKIP_SHARED}`, () => {
  const db = path.join(dir, "samples.db");
  it("GDELT 1.0 (57 and 58 columns in one file) and 2.0 in one command, then dyads include them", () => {
    const r = entente(["import", "gdelt", A("gdelt1_events_20160728_mixed_710rows.tsv"), A("gdelt2_events_20150218230000_sample100.tsv"), "--db", db, "--no-progress"]);
    expect(r.code, r.stderr).toBe(0);
    const s = json(r.stdout) as { rows: number; added: number; uncoded: number; skipped: number; reports: number; counts: Record<string, number> };
    expect(s.rows).toBe(810);
    expect(s.skipped).toBe(0);
    expect(s.added + s.uncoded).toBe(810);
    expect(s.counts.gdelt1! + s.counts.gdelt2!).toBe(s.added);
    expect(r.stderr).toMatch(new RegExp(`810 rows: ${s.added} imported, 0 already present, 0 skipped`));
    const pairsWith = (state: string) => {
      const d = entente(["dyads", "--db", db, "--actor", state]);
      expect(d.code, d.stderr).toBe(0);
      return (JSON.parse(d.stdout) as { pair: string[] }[]).map((x) => x.pair.join("–"));
    };
    expect(pairsWith("NZL")).toContain("AUS–NZL");
    expect(pairsWith("China")).toContain("CHN–USA");
  });
  it("reindex --rebuild keeps imported reports (their document has no analysis to derive them from)", () => {
    const before = entente(["dyads", "--db", db, "--actor", "NZL"]);
    const r = entente(["reindex", "--rebuild", "--db", db]);
    expect(r.code, r.stderr).toBe(0);
    const after = entente(["dyads", "--db", db, "--actor", "NZL"]);
    expect(after.stdout).toBe(before.stdout);
    expect(after.stdout).toContain("AUS");
  });
  it("a second import of the same file adds nothing", () => {
    const r = entente(["import", "gdelt", A("gdelt2_events_20150218230000_sample100.tsv"), "--db", db, "--no-progress"]);
    expect(r.code, r.stderr).toBe(0);
    expect(json(r.stdout)).toMatchObject({ added: 0, reports: 0 });
    expect(r.stderr).toMatch(/100 rows: 0 imported, \d+ already present/);
  });
  it("mentions after their events; ICEWS", () => {
    const m = entente(["import", "gdelt-mentions", A("gdelt2_mentions_sample100.tsv"), "--db", db, "--no-progress"]);
    expect(m.code, m.stderr).toBe(0);
    expect(m.stderr).toMatch(/is not in the store/);
    const i = entente(["import", "icews", A("icews_events_2018-06-01_02_sample.tab"), "--db", db, "--no-progress"]);
    expect(i.code, i.stderr).toBe(0);
    expect(json(i.stdout)).toMatchObject({ rows: 3705, skipped: 0 });
  });
  it("a file of 8 MB and more is parsed on a second thread, storing what --no-worker stores", async () => {
    // the GDELT 2.0 sample's rows again and again under new keys, past the worker's threshold
    const rows = readFileSync(A("gdelt2_events_20150218230000_sample100.tsv"), "utf8").split("\n").filter((l) => l);
    const out: string[] = [];
    for (let k = 0; out.length * rows[0]!.length < 9 << 20; k++) for (const l of rows) out.push(l.replace(/^\d+/, (id) => String(Number(id) + k * 1_000_000)));
    const f = path.join(dir, "big.gdelt2.tsv");
    writeFileSync(f, out.join("\n") + "\n");
    const [one, two] = ["one.db", "two.db"].map((x) => path.join(dir, x));
    const a = entente(["import", "gdelt", f, "--db", one, "--no-progress", "--no-worker"]);
    const b = entente(["import", "gdelt", f, "--db", two, "--no-progress"]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    expect({ ...json(b.stdout), db: null }).toEqual({ ...json(a.stdout), db: null });
    expect(json(a.stdout)).toMatchObject({ rows: out.length, skipped: 0 });
    expect(await counts(two)).toEqual(await counts(one));
    expect(entente(["dyads", "--db", two]).stdout).toBe(entente(["dyads", "--db", one]).stdout);
  });
  it("malformed rows: counted, the first named with file and line, exit 0", () => {
    const rows = readFileSync(A("gdelt2_events_20150218230000_sample100.tsv"), "utf8").split("\n");
    rows[1] = rows[1]!.split("\t").slice(0, 20).join("\t");
    rows[3] = rows[3]!.replace(/^(\d+\t)\d{8}/, "$120150230");
    const f = path.join(dir, "broken.tsv");
    writeFileSync(f, rows.join("\n"));
    const r = entente(["import", "gdelt", f, "--db", path.join(dir, "broken.db"), "--no-progress"]);
    expect(r.code, r.stderr).toBe(0);
    expect(json(r.stdout)).toMatchObject({ rows: 100, skipped: 2 });
    expect(r.stderr).toMatch(/broken\.tsv:2: 20 fields.*broken\.tsv:4: bad date "20150230"/);
  });
  it.each([
    ["a file of the wrong format", () => A("icews_events_2018-06-01_02_sample.tab"), /not a GDELT events file/],
    ["a missing file", () => path.join(dir, "missing.tsv"), /no such file/],
    ["a binary file", () => (writeFileSync(path.join(dir, "b.bin"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1])), path.join(dir, "b.bin")), /PNG/],
  ])("%s: one line, exit 1, nothing stored lost", async (_, file, msg) => {
    const before = await counts(db);
    const r = entente(["import", "gdelt", file(), "--db", db, "--no-progress"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(msg);
    expect(await counts(db)).toEqual(before);
  });
});
