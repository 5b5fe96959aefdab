/**
 * The prior importers on the real datasets in ../shared/priors (read here and in temp copies,
 * never copied into the repo): all five files into one store, the Iran–Russia figures checked
 * against the files parsed independently here, malformed copies, re-import, and our crosswalk
 * against the countrycode panel. Skips with a message where ../shared is absent.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shared } from "../test-support/shared.js";
import { SqliteStore } from "../store/sqlite/store.js";
import { loadCrosswalk } from "./crosswalk.js";
import { importPriors, type PriorImportSummary } from "./priors.js";

const DIR = shared("priors");
const F = {
  votes: `${DIR}/un_votes.csv.gz`,
  rollCalls: `${DIR}/un_roll_calls.csv`,
  atop: `${DIR}/atop_alliance.csv.gz`,
  sipri: `${DIR}/sipri_tiv.csv`,
  trade: `${DIR}/cow_trade_ndy.csv.gz`,
  totals: `${DIR}/cow_trade_sy.csv`,
  panel: `${DIR}/country_codes_panel.csv`,
};
const HAS = Object.values(F).every((f) => existsSync(f));
const SKIP = `${DIR} (the prior datasets) is absent: skipping the prior imports on real data`;
if (!HAS) process.stderr.write(`note: ${SKIP}\n`);

const cw = loadCrosswalk();
const tmp = mkdtempSync(path.join(tmpdir(), "entente-priors-shared-"));

describe.skipIf(!HAS)("prior imports of the shared datasets", () => {
  let s: SqliteStore;
  const sum: Partial<Record<string, PriorImportSummary>> = {};
  beforeAll(async () => {
    s = SqliteStore.open(path.join(tmp, "priors.db"));
    sum.unvotes = await importPriors(s, "unvotes", F.votes, cw, { rollCalls: F.rollCalls });
    sum.atop = await importPriors(s, "atop", F.atop, cw);
    sum.sipri = await importPriors(s, "sipri", F.sipri, cw);
    sum.trade = await importPriors(s, "cow-trade", F.trade, cw);
    sum.totals = await importPriors(s, "cow-trade-totals", F.totals, cw);
  }, 120_000);
  afterAll(async () => s?.close());

  it("imports every file, skipping only rows it can account for", () => {
    expect(sum.unvotes).toMatchObject({ rows: 870_109, imported: 870_107, skippedBy: { "no-iso": 2 } }); // Zanzibar 1963
    expect(sum.atop!.rows).toBe(273_296);
    expect(sum.sipri!.rows).toBe(22_225);
    expect(sum.trade!.rows).toBe(673_654);
    expect(sum.totals!.rows).toBe(14_410);
    for (const x of Object.values(sum)) {
      expect(x!.imported + x!.skipped).toBe(x!.rows);
      // nothing unknown but the SIPRI states without a COW code (Palestine, Western Sahara…)
      if (x!.kind !== "sipri") expect(x!.skippedBy["unknown-code"] ?? 0).toBe(0);
    }
    expect(sum.sipri!.skippedBy["not-a-state"]).toBeGreaterThan(0);
  });

  it("Iran–Russia UN votes 2000–2019: the roll calls both voted on match the file, counted here independently", async () => {
    const years = new Map<number, number>();
    for (const m of readFileSync(F.rollCalls, "utf8").matchAll(/^(\d+),[^,\n]*,[^,\n]*,"(\d{4})-/gm)) years.set(Number(m[1]), Number(m[2]));
    const ir = new Set<number>();
    const ru = new Set<number>();
    for (const m of gunzipSync(readFileSync(F.votes)).toString("utf8").matchAll(/^(\d+),"[^"\n]*","(IR|RU)","(?:yes|no|abstain)"$/gm)) (m[2] === "IR" ? ir : ru).add(Number(m[1]));
    const want = new Map<number, number>();
    for (const rc of ir) if (ru.has(rc)) want.set(years.get(rc)!, (want.get(years.get(rc)!) ?? 0) + 1);
    const votes = await s.unVotes({ states: ["IRN", "RUS"], from: 2000, to: 2019 });
    const both = new Map<number, number>();
    const seen = new Set<string>();
    for (const v of votes) {
      const k = `${v.rcid}`;
      if (seen.has(k)) both.set(v.year, (both.get(v.year) ?? 0) + 1);
      else seen.add(k);
    }
    for (let y = 2000; y <= 2019; y++) {
      expect(both.get(y), `${y}`).toBeGreaterThan(0);
      expect(both.get(y), `${y}`).toBe(want.get(y));
    }
    expect(both.get(2019)).toBe(83); // the README's 57/83
  });

  it("ATOP 2001–2018: Iran→Russia and Russia→Iran pledge neutrality, non-aggression and consultation, no defence", async () => {
    for (const [from, to] of [["IRN", "RUS"], ["RUS", "IRN"]] as const) {
      const rows = (await s.atopObligations({ pair: [from, to], from: 2001, to: 2018 })).filter((r) => r.from === from);
      expect(rows.map((r) => r.year)).toEqual(Array.from({ length: 18 }, (_, i) => 2001 + i));
      for (const r of rows) expect([r.neutrality, r.nonAggression, r.consultation, r.defense, r.offense]).toEqual([true, true, true, false, false]);
    }
    // must not match: no Iran–Russia obligation between 1947 and 2000
    expect(await s.atopObligations({ pair: ["IRN", "RUS"], from: 1947, to: 2000 })).toEqual([]);
  });

  it("SIPRI Russia→Iran TIV by year: the README's figures, with the peak of 2000–2021 in 2016", async () => {
    const rows = await s.armsTransfers({ supplier: "RUS", recipient: "IRN" });
    const by = new Map(rows.map((r) => [r.year, r.tiv]));
    // the USSR's deliveries are RUS's (COW 365 continues), as documented in the crosswalk
    expect([by.get(1990), by.get(1991), by.get(1992), by.get(1993), by.get(2016), by.get(2020)]).toEqual([339, 772, 220, 559, 413, 2]);
    const recent = rows.filter((r) => r.year >= 2000);
    expect(recent.reduce((a, b) => (b.tiv > a.tiv ? b : a)).year).toBe(2016);
    // Iran's total imports that year include Russia's deliveries
    const [imports] = await s.armsImports({ recipients: ["IRN"], from: 2016, to: 2016 });
    expect(imports!.tiv).toBeGreaterThanOrEqual(413);
  });

  it("a re-import replaces the dataset and gives the same counts", async () => {
    const again = await importPriors(s, "sipri", F.sipri, cw);
    expect({ ...again, replaced: 0 }).toEqual({ ...sum.sipri, replaced: 0 });
    expect(again.replaced).toBe(sum.sipri!.imported);
    expect(await s.armsTransfers({})).toHaveLength(sum.sipri!.imported);
  });

  it("reports malformed copies with row numbers and does not crash", async () => {
    const lines = readFileSync(F.sipri, "utf8").split("\n").slice(0, 201);
    const head = lines[0]!.split(",");
    const col = (name: string) => head.indexOf(name);
    const edit = (i: number, name: string, v: string) => {
      const f = lines[i]!.split(",");
      f[col(name)] = v;
      lines[i] = f.join(",");
    };
    // rows 10, 20, 30 of the copy (line i + 1); lines whose names are quoted are left alone
    const plain = lines.map((l, i) => (i > 0 && !l.includes('"') && l.includes(",state,state,") ? i : -1)).filter((i) => i > 0);
    const [a, b, c] = [plain[5]!, plain[10]!, plain[15]!];
    edit(a, "tiv", "n/a");
    edit(b, "recipient_cown", "9999");
    edit(c, "year", "3019");
    const bad = path.join(tmp, "sipri-bad.csv");
    writeFileSync(bad, lines.join("\n"));
    const t = SqliteStore.open(path.join(tmp, "bad.db"));
    const r = await importPriors(t, "sipri", bad, cw);
    expect(r.problems.filter((p) => [a, b, c].includes(p.row - 1)).map((p) => [p.row, p.message])).toEqual([
      [a + 1, 'tiv "n/a" is not a number'],
      [b + 1, "COW code 9999 is not in the crosswalk"],
      [c + 1, "year 3019 is outside 1800–2100"],
    ]);
    expect(r.skippedBy["bad-value"]).toBe(1);
    expect(r.skippedBy["bad-year"]).toBe(1);
    // a copy without the tiv column: one line naming it, nothing stored
    const noTiv = path.join(tmp, "sipri-no-tiv.csv");
    writeFileSync(noTiv, lines.map((l) => l.split(",").filter((_, i) => i !== col("tiv")).join(",")).join("\n"));
    await expect(importPriors(t, "sipri", noTiv, cw)).rejects.toThrow(/missing column tiv \(/);
    expect(await t.armsTransfers({})).toHaveLength(r.imported);
    await t.close();
  });
});

describe.skipIf(!HAS)("our crosswalk against the countrycode panel", () => {
  it("agrees wherever both give an ISO code for a COW code and year", () => {
    const differ = new Map<string, number>();
    let compared = 0;
    for (const m of readFileSync(F.panel, "utf8").matchAll(/^"[^"\n]*",(\d{4}),"?[A-Z]*"?,"?([A-Z]{3})"?,(\d+),/gm)) {
      const got = cw.cow(Number(m[3]), Number(m[1]));
      compared++;
      if ("iso" in got && got.iso !== m[2]) differ.set(`${m[3]}:${m[2]}→${got.iso}`, (differ.get(`${m[3]}:${m[2]}→${got.iso}`) ?? 0) + 1);
    }
    expect(compared).toBeGreaterThan(10_000);
    // (the panel gives no ISO code for 345 or the other states we chose a code for ourselves)
    expect([...differ.keys()]).toEqual([]);
  });
});
