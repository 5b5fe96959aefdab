#!/usr/bin/env node
// `npm run bench`: throughput figures on this machine, printed against bench/baseline.json.
// Runs on one core (Node's main thread; no workers). Reads ../shared/news when present.
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import { readInput } from "../dist/ingest/sources.js";
import { createWink, tokenize } from "../dist/nlp/tokens.js";
import { buildLexicon, loadAnalyzer } from "../dist/app/setup.js";
import { makeDoc } from "../dist/core/doc.js";
import { recognizeActors } from "../dist/nlp/actors.js";

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

/** Times `fn` over `rounds` rounds after one warm-up; returns seconds per round. */
function timed(rounds, fn) {
  fn();
  const t0 = process.hrtime.bigint();
  for (let r = 0; r < rounds; r++) fn();
  return Number(process.hrtime.bigint() - t0) / 1e9 / rounds;
}

async function benchActors() {
  const dir = path.join(shared, "news/articles");
  if (!existsSync(dir)) {
    console.log(`actors: skipped, ${dir} is absent`);
    return;
  }
  const texts = readdirSync(dir).filter((f) => f.endsWith(".txt")).map((f) => readFileSync(path.join(dir, f), "utf8"));
  const rounds = Number(process.env.BENCH_ROUNDS ?? 20);
  const wink = createWink();
  const t0 = process.hrtime.bigint();
  const lexicon = buildLexicon(wink);
  const compileMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const docs = texts.map((t) => makeDoc(t, { title: null, author: null, outlet: null, published: null, source: { path: "bench" }, contentType: "text" }));
  let tokens = 0;
  for (const t of texts) tokens += wink.readDoc(t).tokens().length();
  const bare = timed(rounds, () => {
    for (const t of texts) wink.readDoc(t).tokens().out();
  });
  const withActors = timed(rounds, () => {
    for (const d of docs) {
      const t = tokenize(wink, d);
      recognizeActors({ ...d, layers: { ...d.layers, tokens: t.tokens, sentences: t.sentences } }, lexicon, { date: null });
    }
  });
  const actorsOnly = (() => {
    const prepared = docs.map((d) => {
      const t = tokenize(wink, d);
      return { ...d, layers: { ...d.layers, tokens: t.tokens, sentences: t.sentences } };
    });
    return timed(rounds, () => {
      for (const d of prepared) recognizeActors(d, lexicon, { date: null });
    });
  })();
  const require = createRequire(import.meta.url);
  const nlp = require("compromise");
  const comp = timed(Math.max(1, Math.floor(rounds / 2)), () => {
    for (const t of texts) {
      const d = nlp(t);
      d.people().out("array");
      d.places().out("array");
      d.organizations().out("array");
    }
  });
  console.log(`\nactor recognition on ${texts.length} articles (${tokens.toLocaleString("en-US")} tokens), one core; lexicon: ${lexicon.entries.size} entries, ${lexicon.formCount} forms, compiled in ${compileMs.toFixed(0)} ms:`);
  report("wink.bareTokensPerSecond", tokens / bare, "tokens/s (wink-nlp readDoc + tokens)");
  report("actors.tokensPerSecond", tokens / withActors, "tokens/s (tokens, sentences and actors)");
  report("actors.recogniserOnlyTokensPerSecond", tokens / actorsOnly, "tokens/s (actor stage alone)");
  report("compromise.tokensPerSecond", tokens / comp, "tokens/s (compromise people/places/organizations)");
  console.log(`actors vs wink bare: ${((bare / withActors) * 100).toFixed(0)}% of wink's speed (target ≥ 50%)`);
}

async function benchAnalysis() {
  const dir = path.join(shared, "news/articles");
  if (!existsSync(dir)) {
    console.log(`analysis: skipped, ${dir} is absent`);
    return;
  }
  const texts = readdirSync(dir).filter((f) => f.endsWith(".txt")).map((f) => readFileSync(path.join(dir, f), "utf8"));
  const rounds = Number(process.env.BENCH_ROUNDS ?? 10);
  const analyzer = loadAnalyzer();
  const wink = createWink();
  const docs = texts.map((t) => makeDoc(t, { title: null, author: null, outlet: null, published: null, source: { path: "bench" }, contentType: "text" }));
  let tokens = 0;
  for (const t of texts) tokens += wink.readDoc(t).tokens().length();
  let events = 0;
  const full = timed(rounds, () => {
    events = 0;
    for (const d of docs) events += analyzer.analyze(d).events.length;
  });
  const bare = timed(rounds, () => {
    for (const t of texts) wink.readDoc(t).tokens().out();
  });
  const require = createRequire(import.meta.url);
  const nlp = require("compromise");
  const comp = timed(Math.max(1, Math.floor(rounds / 4)), () => {
    for (const t of texts) {
      const d = nlp(t);
      d.people().out("array");
      d.places().out("array");
      d.organizations().out("array");
    }
  });
  console.log(`\nfull analysis (tokens, actors, events, dyads) on ${texts.length} articles (${tokens.toLocaleString("en-US")} tokens, ${events} events), one core:`);
  report("analysis.wink.bareTokensPerSecond", tokens / bare, "tokens/s (wink-nlp readDoc + tokens)");
  report("analysis.tokensPerSecond", tokens / full, "tokens/s (entente analyze, whole pipeline)");
  report("analysis.compromise.tokensPerSecond", tokens / comp, "tokens/s (compromise entity extraction)");
  console.log(`full analysis vs wink bare: ${((bare / full) * 100).toFixed(0)}% of wink's speed (target ≥ 25%)`);
}

await benchIngest();
await benchActors();
await benchAnalysis();

if (process.argv.includes("--json")) console.log(JSON.stringify(results));
