#!/usr/bin/env node
// `npm run bench`: throughput figures on this machine, printed against bench/baseline.json.
// Runs on one core (Node's main thread; no workers). Reads ../shared/news when present.
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { readInput } from "../dist/ingest/sources.js";
import { createWink, tokenize } from "../dist/nlp/tokens.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const shared = process.env.ENTENTE_SHARED ?? path.resolve(here, "../../shared");
const baseline = JSON.parse(readFileSync(path.join(here, "baseline.json"), "utf8"));
const results = {};

function report(name, value, unit) {
  results[name] = value;
  const b = baseline[name];
  const vs = b ? `  (baseline ${fmt(b)}, ${value >= b ? "+" : ""}${(((value - b) / b) * 100).toFixed(0)}%)` : "";
  console.log(`${name.padEnd(40)} ${fmt(value).padStart(12)} ${unit}${vs}`);
}
const fmt = (x) => (x >= 100 ? Math.round(x).toLocaleString("en-US") : x.toFixed(2));

async function benchIngest() {
  const dir = path.join(shared, "news/articles");
  if (!existsSync(dir)) {
    console.log(`ingest: skipped, ${dir} is absent`);
    return;
  }
  const files = readdirSync(dir).filter((f) => f.endsWith(".txt")).map((f) => path.join(dir, f));
  const wink = createWink();
  const rounds = Number(process.env.BENCH_ROUNDS ?? 10);
  // one warm-up round, then timed rounds
  let docs = 0;
  let tokens = 0;
  for (let r = 0; r <= rounds; r++) {
    const t0 = process.hrtime.bigint();
    let d = 0;
    let k = 0;
    for (const f of files) {
      for (const doc of await readInput({ kind: "file", path: f, fromFolder: true })) {
        k += tokenize(wink, doc).tokens.length;
        d++;
      }
    }
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (r === 0) continue;
    docs += d;
    tokens += k;
    results._ms = (results._ms ?? 0) + ms;
  }
  const secs = results._ms / 1000;
  delete results._ms;
  console.log(`ingest + sentence splitting, ${files.length} articles × ${rounds} rounds, one core:`);
  report("ingest.documentsPerSecond", docs / secs, "documents/s");
  report("ingest.tokensPerSecond", tokens / secs, "tokens/s");
}

await benchIngest();
if (process.argv.includes("--json")) console.log(JSON.stringify(results));
