#!/usr/bin/env node
// Dyad index at scale, on SQLite (and PostgreSQL when DATABASE_URL names one): part of `npm run bench` (bench/run.mjs calls benchDyads), or
// standalone: `BENCH_DYAD_SIZES=100000 node bench/dyads.mjs [--json]`.
//
// What is measured, for each size N in BENCH_DYAD_SIZES (default "1000000,10000000"; "0" skips):
//  - load: N synthetic dyad reports (seeded, so every run builds the same data) are generated
//    pair by pair, clustered with the real `clusterReports` and stored with the real
//    `SqliteStore.replaceClusters` (one transaction per pair) into a fresh SQLite file in the
//    temp directory, deleted afterwards. Raw report rows are NOT inserted: `reports` rows need
//    their `documents` rows (a foreign key), and the series and table read `clusters` only.
//    Printed: generation, clustering and store seconds, clusters, and the file's size.
//  - dyads.<N>.seriesMs: `dyadSeries(store, A, B, "month")` for the heaviest pair (the query plus
//    figures and trends in JS), median of BENCH_DYAD_ROUNDS (default 7) runs after one warm-up,
//    on a freshly opened store (the OS page cache is warm). Target: ≤ 200 ms at 10 M events.
//  - dyads.<N>.tableMs: `dyadTable(store, {})`, every pair over the whole range; median of
//    BENCH_DYAD_ROUNDS (default 5: it takes seconds a run at 10 M) after one warm-up.
// BENCH_DYAD_KEEP=1 keeps the SQLite files (for EXPLAIN QUERY PLAN and the like).
//
// PostgreSQL: when DATABASE_URL names a postgres:// server (and BENCH_DYAD_PG is not "0"), each
// size is also loaded into a fresh schema there (the same seeded data, through the real
// `PostgresStore.replaceClusters`: one multi-row INSERT per pair), then VACUUM ANALYZE, and the
// same series and table timings are printed as dyads.pg.<N>.*; the schema is dropped afterwards
// unless BENCH_DYAD_KEEP is set. BENCH_DYAD_PG_SIZES overrides the sizes for PostgreSQL only
// (with BENCH_DYAD_SIZES=0, PostgreSQL alone).
//
// The synthetic data: 190 states S001…S190 with Zipf weights 1/rank, a pair's share ∝ the
// product of its states' weights (the heaviest pair, S001–S002, holds about 3% of all reports);
// days over 2000-01-01…2024-12-31, denser in later years; PLOVER types in a GDELT-like mix, each
// pair with its own cooperation/conflict leaning; intensity from the plover-0.8 weights, polarity
// from the type; mostly asserted modality; about 10% of reports are second reports of an earlier
// event of the pair (same direction, type and day, another document and outlet; a third of them
// wire copies of the same sentence), so clustering and independent sources are exercised.
import { existsSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { SqliteStore } from "../dist/store/sqlite/store.js";
import { PostgresStore, redactUrl } from "../dist/store/postgres/store.js";
import pg from "pg";
import { clusterReports } from "../dist/analysis/dyadindex.js";
import { dyadSeries, dyadTable } from "../dist/analysis/assess.js";
import { loadIndexConfig } from "../dist/data/coding.js";

/** mulberry32: a small seeded PRNG, uniform in [0, 1). */
export function mulberry32(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STATES = 190;
const code = (i) => `S${String(i + 1).padStart(3, "0")}`;

// PLOVER types: polarity, plover-0.8 intensity, main arena bit (political 1, economic 2,
// military 4, security 8), and a GDELT-like frequency.
const TYPES = [
  ["CONSULT", "cooperation", 2.5, 1, 22],
  ["AGREE", "cooperation", 2.5, 1, 10],
  ["SUPPORT", "cooperation", 5, 1, 7],
  ["ALIGN", "cooperation", 4, 1, 5],
  ["COOPERATE", "cooperation", 9.5, 2, 8],
  ["AID", "cooperation", 10, 2, 4],
  ["REQUEST", "cooperation", 0, 1, 5],
  ["CONCEDE", "cooperation", 4.5, 1, 2],
  ["RETREAT", "cooperation", 6.5, 4, 1.5],
  ["ACCUSE", "conflict", -2, 1, 12],
  ["REJECT", "conflict", -2, 1, 5],
  ["THREATEN", "conflict", -3.5, 4, 4],
  ["PROTEST", "conflict", -5, 1, 2],
  ["SANCTION", "conflict", -6, 2, 3],
  ["MOBILIZE", "conflict", -5.5, 4, 2],
  ["COERCE", "conflict", -7, 8, 3],
  ["ASSAULT", "conflict", -9, 4, 3],
  ["DISTRUST", "conflict", -2.5, 1, 2.5],
];
const MODALITIES = [["asserted", 0.7], ["reported", 0.15], ["expected", 0.08], ["desired", 0.04], ["hypothetical", 0.03]];
const OUTLETS = 600;

const DAY0 = Date.UTC(2000, 0, 1);
const DAYS = Math.round((Date.UTC(2024, 11, 31) - DAY0) / 86_400_000) + 1;
const DAY = Array.from({ length: DAYS }, (_, i) => new Date(DAY0 + i * 86_400_000).toISOString().slice(0, 10));

/** Report counts per unordered pair (i < j), summing to exactly n; the first pair is the heaviest. */
function pairCounts(n, rand) {
  const w = Array.from({ length: STATES }, (_, i) => 1 / (i + 1));
  let total = 0;
  for (let i = 0; i < STATES; i++) for (let j = i + 1; j < STATES; j++) total += w[i] * w[j];
  const pairs = [];
  let sum = 0;
  for (let i = 0; i < STATES; i++) {
    for (let j = i + 1; j < STATES; j++) {
      const x = (n * w[i] * w[j]) / total;
      const k = Math.floor(x) + (rand() < x - Math.floor(x) ? 1 : 0);
      pairs.push([i, j, k]);
      sum += k;
    }
  }
  pairs[0][2] += n - sum; // rounding remainder to the heaviest pair
  return pairs;
}

function pick(cum, u) {
  let i = 0;
  while (i < cum.length - 1 && u >= cum[i]) i++;
  return i;
}
const cumulative = (ws) => {
  const t = ws.reduce((s, x) => s + x, 0);
  let c = 0;
  return ws.map((x) => (c += x / t));
};
const MOD_CUM = cumulative(MODALITIES.map((m) => m[1]));

/** The reports of one pair: k reports, about 10% of them second reports of an earlier one. */
function pairReports(i, j, k, rand, seq) {
  const A = code(i);
  const B = code(j);
  // this pair's leaning: conflict types weighted by a factor in 0.25…4 (log-uniform)
  const lean = Math.exp((rand() * 2 - 1) * Math.log(4));
  const typeCum = cumulative(TYPES.map((t) => (t[1] === "conflict" ? t[4] * lean : t[4])));
  const out = new Array(k);
  const originals = [];
  for (let n = 0; n < k; n++) {
    const docId = `d${seq.next++}`;
    const outlet = Math.floor(rand() * OUTLETS);
    const sourceKey = `o${outlet}`;
    // an outlet's country: one of the pair's two in a third of cases, else some state
    const sc = rand();
    const sourceCountry = sc < 0.17 ? A : sc < 0.33 ? B : code(outlet % STATES);
    if (originals.length && rand() < 0.1) {
      const o = originals[Math.floor(rand() * originals.length)];
      const wire = rand() < 0.33;
      out[n] = { ...o, docId, sourceKey: wire ? o.sourceKey + "w" : sourceKey, sourceCountry, claimCountry: null, textKey: wire ? o.textKey : `t${docId}`, confidence: 0.5 + rand() * 0.45 };
      continue;
    }
    const d = rand();
    const mutual = d < 0.25;
    const [a, b] = mutual || d < 0.65 ? [A, B] : [B, A];
    const [type, polarity, base, arena] = TYPES[pick(typeCum, rand())];
    const jitter = rand() < 0.3 ? (rand() < 0.5 ? -0.5 : 0.5) : 0;
    const intensity = polarity === "cooperation" ? Math.max(0, base + jitter) : Math.min(-0.5, base + jitter);
    const arenas = rand() < 0.3 ? arena | (1 << Math.floor(rand() * 4)) : arena;
    const r = {
      docId,
      eventId: "e1",
      a,
      b,
      mutual,
      type,
      polarity,
      intensity,
      modality: MODALITIES[pick(MOD_CUM, rand())][0],
      confidence: 0.5 + rand() * 0.45,
      arenas,
      day: DAY[Math.floor(DAYS * Math.sqrt(rand()))], // denser in later years
      sourceKey,
      sourceCountry,
      claimCountry: rand() < 0.1 ? (rand() < 0.5 ? A : B) : null,
      textKey: `t${docId}`,
      fragility: polarity === "cooperation" ? rand() < 0.05 : rand() < 0.1,
      hedging: polarity === "cooperation" && rand() < 0.02,
    };
    out[n] = r;
    originals.push(r);
  }
  return out;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
};

async function timedAsync(rounds, fn) {
  await fn();
  const ms = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = process.hrtime.bigint();
    await fn();
    ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return median(ms);
}

const label = (n) => (n >= 1e6 && n % 1e6 === 0 ? `${n / 1e6}M` : n >= 1e3 && n % 1e3 === 0 ? `${n / 1e3}k` : String(n));
const now = () => process.hrtime.bigint();
const secs = (t0) => Number(process.hrtime.bigint() - t0) / 1e9;

/** SQLite: a fresh file in the temp directory; its size is the file's (with WAL and SHM). */
function sqliteBackend(name) {
  const file = path.join(os.tmpdir(), `entente-bench-dyads-${process.pid}-${name}.sqlite`);
  const files = [file, `${file}-wal`, `${file}-shm`];
  return {
    title: "SQLite",
    prefix: "dyads",
    async create() {
      for (const f of files) rmSync(f, { force: true });
      return SqliteStore.open(file);
    },
    open: async () => SqliteStore.open(file),
    // the last connection's close checkpoints the WAL into the file
    settle: async () => {},
    size: async () => files.filter(existsSync).reduce((s, f) => s + statSync(f).size, 0),
    sizeNote: "SQLite file, clusters only",
    async drop() {
      if (process.env.BENCH_DYAD_KEEP) console.log(`  kept ${file} (BENCH_DYAD_KEEP)`);
      else for (const f of files) rmSync(f, { force: true });
    },
  };
}

/** PostgreSQL: a fresh schema on DATABASE_URL's server; its size is its tables' and indexes'. */
function postgresBackend(name, url) {
  const schema = `entente_bench_${process.pid}_${name.toLowerCase()}`;
  const admin = async (sql) => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      return (await c.query(sql)).rows;
    } finally {
      await c.end();
    }
  };
  return {
    title: `PostgreSQL (${redactUrl(url)})`,
    prefix: "dyads.pg",
    async create() {
      await admin(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`);
      return PostgresStore.open(url, { schema });
    },
    open: async () => PostgresStore.open(url, { schema }),
    settle: async () => admin(`VACUUM ANALYZE ${schema}.clusters`),
    size: async () => Number((await admin(`SELECT sum(pg_total_relation_size(c.oid))::float8 AS n FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace WHERE s.nspname = '${schema}' AND c.relkind = 'r'`))[0].n),
    sizeNote: "PostgreSQL tables and indexes, clusters only",
    async drop() {
      if (process.env.BENCH_DYAD_KEEP) console.log(`  kept schema ${schema} (BENCH_DYAD_KEEP)`);
      else await admin(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    },
  };
}

/** Builds, queries and deletes one store of n synthetic reports. */
async function benchSize(n, report, cfg, rounds, backendOf) {
  const name = label(n);
  const be = backendOf(name);
  try {
    const rand = mulberry32(20240601 + n);
    const pairs = pairCounts(n, rand);
    const [hi, hj, heavy] = pairs.reduce((m, p) => (p[2] > m[2] ? p : m));
    let store = await be.create();
    const seq = { next: 0 };
    let gen = 0;
    let clu = 0;
    let load = 0;
    let clusters = 0;
    let used = 0;
    const t0 = now();
    for (const [i, j, k] of pairs) {
      if (!k) continue;
      used++;
      let t = now();
      const rs = pairReports(i, j, k, rand, seq);
      gen += secs(t);
      t = now();
      const cs = clusterReports(rs, cfg);
      clu += secs(t);
      t = now();
      await store.replaceClusters(code(i), code(j), cs);
      load += secs(t);
      clusters += cs.length;
    }
    await store.close();
    const ts = now();
    await be.settle();
    const settle = secs(ts);
    const total = secs(t0);
    const bytes = await be.size();
    globalThis.gc?.();

    const A = code(hi);
    const B = code(hj);
    const p = be.prefix;
    console.log(`\ndyad index on ${be.title}, ${n.toLocaleString("en-US")} synthetic reports (${used.toLocaleString("en-US")} pairs of ${STATES} states; heaviest ${A}–${B} with ${heavy.toLocaleString("en-US")} = ${((heavy / n) * 100).toFixed(1)}%), one core:`);
    console.log(`  raw report rows not inserted (dyad series and table read the clusters table only)`);
    console.log(`  load ${total.toFixed(1)} s: generate ${gen.toFixed(1)} s, clusterReports ${clu.toFixed(1)} s, replaceClusters ${load.toFixed(1)} s${settle >= 0.05 ? `, vacuum/analyze ${settle.toFixed(1)} s` : ""}; ${clusters.toLocaleString("en-US")} clusters, ${(bytes / 2 ** 20).toFixed(0)} MB`);
    report(`${p}.${name}.loadSeconds`, total, `s (generate, cluster and store ${name} reports)`);
    report(`${p}.${name}.dbMB`, bytes / 2 ** 20, `MB (${be.sizeNote})`);

    store = await be.open();
    try {
      let points = 0;
      const series = await timedAsync(rounds.series, async () => {
        points = (await dyadSeries(store, A, B, "month", {}, cfg)).points.length;
      });
      let rows = 0;
      const table = await timedAsync(rounds.table, async () => {
        rows = (await dyadTable(store, {}, cfg)).length;
      });
      report(`${p}.${name}.seriesMs`, series, `ms (monthly series, heaviest pair, ${points} months, ${name} events)`);
      report(`${p}.${name}.tableMs`, table, `ms (full dyad table, ${rows.toLocaleString("en-US")} pairs, ${name} events)`);
      if (n >= 1e7) console.log(`target: a monthly dyad series at ${name} events in ≤ 200 ms on ${be.title}: ${series <= 200 ? "met" : "NOT met"} (${series.toFixed(0)} ms, median of ${rounds.series})`);
      return series;
    } finally {
      await store.close();
    }
  } finally {
    await be.drop();
  }
}

const sizesOf = (spec) => spec.split(",").map((s) => Number(s.trim())).filter((x) => Number.isFinite(x) && x > 0);

/** The dyad section of `npm run bench`: `report(name, value, unit)` prints and records a figure. */
export async function benchDyads(report) {
  const spec = process.env.BENCH_DYAD_SIZES ?? "1000000,10000000";
  const sizes = sizesOf(spec);
  if (!sizes.length) console.log(`\ndyads on SQLite: skipped (BENCH_DYAD_SIZES=${JSON.stringify(spec)})`);
  // the series is quick: 7 rounds by default; the full table takes seconds at 10M: 5 rounds
  const rounds = { series: Math.max(5, Number(process.env.BENCH_DYAD_ROUNDS ?? 7)), table: Math.max(5, Number(process.env.BENCH_DYAD_ROUNDS ?? 5)) };
  const cfg = loadIndexConfig();
  for (const n of sizes) await benchSize(Math.round(n), report, cfg, rounds, sqliteBackend);
  if (sizes.length && !sizes.some((n) => n >= 1e7)) console.log("target (monthly series at 10M events ≤ 200 ms): not measured at this size");
  const url = process.env.DATABASE_URL ?? "";
  if (!/^postgres(ql)?:\/\//i.test(url) || process.env.BENCH_DYAD_PG === "0") {
    return console.log(`\ndyads on PostgreSQL: skipped (${process.env.BENCH_DYAD_PG === "0" ? "BENCH_DYAD_PG=0" : "set DATABASE_URL to a postgres:// URL to run it"})`);
  }
  // BENCH_DYAD_SIZES=0 BENCH_DYAD_PG_SIZES=10000000: PostgreSQL alone
  const pgSizes = process.env.BENCH_DYAD_PG_SIZES ? sizesOf(process.env.BENCH_DYAD_PG_SIZES) : sizes;
  for (const n of pgSizes) await benchSize(Math.round(n), report, cfg, rounds, (name) => postgresBackend(name, url));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const results = {};
  const fmt = (x) => (x >= 100 ? Math.round(x).toLocaleString("en-US") : x.toFixed(2));
  await benchDyads((name, value, unit) => {
    results[name] = value;
    console.log(`${name.padEnd(40)} ${fmt(value).padStart(12)} ${unit}`);
  });
  if (process.argv.includes("--json")) console.log(JSON.stringify(results));
}
