#!/usr/bin/env node
// `npm run bench:api`: load on the dyad endpoint of a real server on 127.0.0.1, over the bundled
// examples, with autocannon (bounded in time: BENCH_API_SECONDS, default 10 s per endpoint).
// Prints req/s and latency percentiles; target for the dyad series: ≥ 500 req/s, p99 ≤ 50 ms.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { loadAnalyzer } from "../dist/app/setup.js";
import { createIndexer } from "../dist/app/index.js";
import { ingestInputs } from "../dist/app/batch.js";
import { loadIndexConfig } from "../dist/data/coding.js";
import { DEFAULT_INGEST } from "../dist/ingest/sources.js";
import { SqliteStore } from "../dist/store/sqlite/store.js";
import { buildServer } from "../dist/server/app.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const seconds = Number(process.env.BENCH_API_SECONDS ?? 10);
const dir = mkdtempSync(path.join(os.tmpdir(), "entente-bench-api-"));
const analyzer = loadAnalyzer();
const indexer = createIndexer(analyzer.lexicon, loadIndexConfig());
const store = SqliteStore.open(path.join(dir, "api.db"));
await ingestInputs([path.join(here, "../examples")], analyzer, store, DEFAULT_INGEST, {}, { indexer });
const app = await buildServer({ store, analyzer, indexer, tokenHash: null });
await app.listen({ host: "127.0.0.1", port: 0 });
const { port } = app.server.address();
const results = {};

async function load(name, url, target) {
  const r = await autocannon({ url: `http://127.0.0.1:${port}${url}`, connections: 10, duration: seconds, pipelining: 1 });
  const ok = r.non2xx === 0 && r.errors === 0;
  results[`${name}.requestsPerSecond`] = r.requests.average;
  results[`${name}.p99Ms`] = r.latency.p99;
  console.log(`${name.padEnd(14)} ${url.padEnd(34)} ${Math.round(r.requests.average).toLocaleString("en-US").padStart(7)} req/s  p50 ${r.latency.p50} ms  p99 ${r.latency.p99} ms${ok ? "" : `  (${r.non2xx} non-2xx, ${r.errors} errors)`}${target ? `  ${r.requests.average >= target.rps && r.latency.p99 <= target.p99 ? "meets" : "MISSES"} the target (≥ ${target.rps} req/s, p99 ≤ ${target.p99} ms)` : ""}`);
}

console.log(`API load on 127.0.0.1 (one server process, 10 connections, ${seconds} s each), bundled examples:`);
await load("dyad.series", "/api/dyads/IRN/RUS?by=month", { rps: 500, p99: 50 });
await load("dyads.table", "/api/dyads", null);
await load("health", "/api/health", null);
await app.close();
await store.close();
rmSync(dir, { recursive: true, force: true });
if (process.argv.includes("--json")) console.log(JSON.stringify(results));
