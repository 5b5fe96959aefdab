import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { InputError } from "../core/errors.js";
import { SqliteStore } from "../store/sqlite/store.js";
import { loadCrosswalk } from "./crosswalk.js";
import { importPriors, parseCsvRecord } from "./priors.js";

const cw = loadCrosswalk();
const tmp = mkdtempSync(path.join(tmpdir(), "entente-priors-"));
let n = 0;
const file = (name: string, text: string, gz = false) => {
  const f = path.join(tmp, `${++n}-${name}`);
  writeFileSync(f, gz ? gzipSync(text) : text);
  return f;
};
const store = () => SqliteStore.open(path.join(tmp, `s${++n}.db`));

describe("parseCsvRecord (RFC 4180)", () => {
  it.each([
    ["a,b,c", ["a", "b", "c"]],
    ['"a","b,c",d', ["a", "b,c", "d"]],
    ['"say ""no""",2', ['say "no"', "2"]],
    ["a,,", ["a", "", ""]],
    ['""', [""]],
    ['1,"two\nlines",3', ["1", "two\nlines", "3"]],
    // must not close: the record goes on on the next line
    ['1,"open', null],
    ['1,"say ""no', null],
  ])("%j → %j", (line, want) => {
    expect(parseCsvRecord(line)).toEqual(want);
  });
});

const ATOP_HEAD = "ccode1,ccode2,year,atop_defense,atop_offense,atop_neutral,atop_nonagg,atop_consul\n";

describe("importPriors", () => {
  it("imports ATOP rows, counting bad rows by reason with their row numbers, and replaces on re-import", async () => {
    const f = file(
      "atop.csv.gz",
      ATOP_HEAD +
        [
          "630,365,2001,0,0,1,1,1", // row 2
          "365,630,2001,0,0,1,1,1",
          "630,999,2001,0,0,1,1,1", // 4: unknown code
          "630,365,3019,0,0,1,1,1", // 5: year out of range
          "630,365,2002,0,0,x,1,1", // 6: not 0/1
          "817,2,1970,1,0,0,0,0", // 7: South Vietnam, no ISO code
          "260,2,1995,1,0,0,0,0", // 8: West Germany after 1990
          "260,2,1990,1,0,0,0,0", // 9: superseded by unified Germany's row
          "255,2,1990,1,0,0,0,1", // 10
          "630,365,2003", // 11: short row
          "",
        ].join("\n"),
      true,
    );
    const s = store();
    const r = await importPriors(s, "atop", f, cw);
    expect(r).toMatchObject({ rows: 10, imported: 3, replaced: 0, skipped: 7, years: [1990, 2001] });
    expect(r.skippedBy).toEqual({ "unknown-code": 1, "bad-year": 1, "bad-value": 1, "no-iso": 1, "out-of-range": 1, superseded: 1, malformed: 1 });
    expect(r.problems.map((p) => p.row)).toEqual([4, 5, 6, 7, 8, 11]);
    expect(r.problems[1]!.message).toMatch(/3019 is outside/);
    expect(await s.atopObligations({ pair: ["DEU", "USA"] })).toEqual([
      { year: 1990, from: "DEU", to: "USA", defense: true, offense: false, neutrality: false, nonAggression: false, consultation: true, row: 10 },
    ]);
    const again = await importPriors(s, "atop", f, cw);
    expect(again).toMatchObject({ imported: 3, replaced: 3, skipped: 7 });
    expect(await s.atopObligations({})).toHaveLength(3);
    await s.close();
  });

  it("refuses a file missing required columns, naming them, and stores nothing", async () => {
    const s = store();
    await importPriors(s, "cow-trade-totals", file("sy.csv", "ccode,year,imports,exports\n630,2000,1,2\n"), cw);
    const bad = file("sy-bad.csv", "ccode,yr,imports\n630,2000,1\n");
    await expect(importPriors(s, "cow-trade-totals", bad, cw)).rejects.toThrow(/missing columns year, exports/);
    await expect(importPriors(s, "cow-trade-totals", bad, cw)).rejects.toBeInstanceOf(InputError);
    expect(await s.nationalTrade({})).toHaveLength(1);
    await s.close();
  });

  it("refuses a file with no usable row in its first batch, keeping the stored dataset", async () => {
    const s = store();
    await importPriors(s, "cow-trade-totals", file("sy.csv", "ccode,year,imports,exports\n630,2000,1,2\n"), cw);
    await expect(importPriors(s, "cow-trade-totals", file("sy-junk.csv", "ccode,year,imports,exports\nIRN,2000,1,2\nRUS,2000,1,2\n"), cw)).rejects.toThrow(/no usable row/);
    expect(await s.nationalTrade({})).toHaveLength(1);
    await s.close();
  });

  it("skips SIPRI rows with a non-state side (counted, not problems) and refuses a non-numeric TIV", async () => {
    const s = store();
    const head = "supplier,recipient,year,tiv,supplier_cown,recipient_cown,supplier_type,recipient_type,supplier_host_cown,recipient_host_cown\n";
    const f = file(
      "sipri.csv",
      head +
        [
          "Russia,Iran,2016,413,365,630,state,state,,",
          'Iran,"Hezbollah (Lebanon)*",2016,5,630,,state,nonstate,,660',
          "Russia,Iran,2015,lots,365,630,state,state,,",
          "Russia,Palestine,2015,1,365,,state,state,,",
        ].join("\r\n"),
    );
    const r = await importPriors(s, "sipri", f, cw);
    expect(r.skippedBy).toEqual({ "not-a-state": 1, "bad-value": 1, "unknown-code": 1 });
    expect(r.problems.map((p) => [p.row, p.message])).toEqual([
      [4, 'tiv "lots" is not a number'],
      [5, 'recipient_cown "Palestine" has no COW code'],
    ]);
    expect(await s.armsTransfers({ recipient: "IRN" })).toEqual([{ year: 2016, supplier: "RUS", recipient: "IRN", tiv: 413, row: 2 }]);
    await s.close();
  });

  it("orders COW dyadic trade as a < b with the flows swapped, missing flows as null", async () => {
    const s = store();
    const f = file("ndy.csv", "ccode1,ccode2,year,flow1,flow2,smoothflow1,smoothflow2\n365,630,2014,1200,,1200,\n2,630,2014,-9,3.5,0,0\n");
    await importPriors(s, "cow-trade", f, cw);
    expect(await s.dyadTrade({})).toEqual([
      { year: 2014, a: "IRN", b: "RUS", aFromB: null, bFromA: 1200, row: 2 },
      { year: 2014, a: "IRN", b: "USA", aFromB: 3.5, bFromA: null, row: 3 },
    ]);
    await s.close();
  });

  it("takes UN votes' years from the roll calls, refusing without them", async () => {
    const s = store();
    const votes = file("votes.csv", '"rcid","country","country_code","vote"\n1,"Iran","IR","yes"\n1,"Russia","RU","no"\n2,"Iran","IR","abstain"\n9,"Iran","IR","yes"\n2,"Zanzibar","","yes"\n');
    await expect(importPriors(s, "unvotes", votes, cw)).rejects.toThrow(/--roll-calls/);
    const rc = file("rc.csv", '"rcid","session","date","descr"\n1,74,"2019-10-01","A, ""quoted""\nand wrapped"\n2,74,"2020-01-10","B"\n');
    const r = await importPriors(s, "unvotes", votes, cw, { rollCalls: rc });
    expect(r).toMatchObject({ rows: 5, imported: 3, skippedBy: { "unknown-roll-call": 1, "no-iso": 1 }, years: [2019, 2020] });
    expect(await s.unVotes({ states: ["IRN"] })).toEqual([
      { rcid: 1, year: 2019, state: "IRN", vote: "yes", row: 2 },
      { rcid: 2, year: 2020, state: "IRN", vote: "abstain", row: 4 },
    ]);
    await s.close();
  });
});
