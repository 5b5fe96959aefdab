#!/usr/bin/env node
// Structural-prior import: part of `npm run bench` (bench/run.mjs calls benchPriors), or
// standalone: `node bench/priors.mjs`. Imports the full UN General Assembly votes file of
// ../shared/priors (870,109 rows, gzipped, with its roll calls for the years) into a fresh SQLite
// file with the real `importPriors`, and prints rows per second and seconds (wall clock, and rows
// per CPU second, since the machine is shared). Skipped when ../shared/priors is absent.
// Measured on the shared two-core VM (Node 20): about 156,000 rows/s, 5.6 s (168,000 rows per CPU second).
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { SqliteStore } from "../dist/store/sqlite/store.js";
import { importPriors } from "../dist/interop/priors.js";
import { loadCrosswalk } from "../dist/interop/crosswalk.js";
import { indexPriors, structuralTable } from "../dist/analysis/structural.js";
import { loadStructuralConfig } from "../dist/data/coding.js";

/**
 * The structural dyad-year table for every pair in one year (2010): the year's rows read from
 * the store (UN votes, ATOP, SIPRI over the arms window, COW trade and totals), indexed, and the
 * index computed for all pairs of states that voted that year. The other three datasets are
 * imported first (not timed).
 */
async function benchYearTable(report, db, dir, cw) {
  const store = SqliteStore.open(db);
  try {
    await importPriors(store, "atop", path.join(dir, "atop_alliance.csv.gz"), cw);
    await importPriors(store, "sipri", path.join(dir, "sipri_tiv.csv"), cw);
    await importPriors(store, "cow-trade", path.join(dir, "cow_trade_ndy.csv.gz"), cw);
    await importPriors(store, "cow-trade-totals", path.join(dir, "cow_trade_sy.csv"), cw);
    const cfg = loadStructuralConfig();
    const year = 2010;
    const t0 = process.hrtime.bigint();
    const y = { from: year, to: year };
    const [votes, atop, arms, trade, totals] = await Promise.all([
      store.unVotes(y),
      store.atopObligations(y),
      store.armsTransfers({ from: year - cfg.arms.windowYears - cfg.arms.trendLagYears, to: year }),
      store.dyadTrade(y),
      store.nationalTrade(y),
    ]);
    const rows = structuralTable(indexPriors({ votes, atop, arms, trade, totals }), year, cfg);
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    report("priors.yearTable.ms", ms, `ms (structural index for all ${rows.length.toLocaleString("en-US")} pairs in ${year}, read from SQLite and computed)`);
  } finally {
    await store.close();
  }
}

const here = path.dirname(fileURLToPath(import.meta.url));
const shared = process.env.ENTENTE_SHARED ?? path.resolve(here, "../../shared");

/** Runs the UN votes import and reports through `report(name, value, unit)`. */
export async function benchPriors(report) {
  const dir = path.join(shared, "priors");
  const votes = path.join(dir, "un_votes.csv.gz");
  const rollCalls = path.join(dir, "un_roll_calls.csv");
  if (!existsSync(votes) || !existsSync(rollCalls)) return console.log(`\npriors: skipped, ${dir} is absent`);
  console.log("\npriors (UN votes, full file, fresh SQLite)");
  const tmp = mkdtempSync(path.join(os.tmpdir(), "entente-bench-priors-"));
  try {
    const cw = loadCrosswalk();
    const store = SqliteStore.open(path.join(tmp, "priors.db"));
    const cpu0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    const s = await importPriors(store, "unvotes", votes, cw, { rollCalls });
    const secs = Number(process.hrtime.bigint() - t0) / 1e9;
    const cpu = process.cpuUsage(cpu0);
    await store.close();
    report("import.unvotes.rowsPerSecond", s.rows / secs, `rows/s (${s.rows.toLocaleString("en-US")} rows, ${s.imported.toLocaleString("en-US")} stored)`);
    report("import.unvotes.seconds", secs, "s");
    report("import.unvotes.rowsPerCpuSecond", s.rows / ((cpu.user + cpu.system) / 1e6), "rows per CPU second (user + system)");
    await benchYearTable(report, path.join(tmp, "priors.db"), dir, cw);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const fmt = (x) => (x >= 100 ? Math.round(x).toLocaleString("en-US") : x.toFixed(2));
  await benchPriors((name, value, unit) => console.log(`${name.padEnd(40)} ${fmt(value).padStart(12)} ${unit}`));
}
