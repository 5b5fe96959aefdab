#!/usr/bin/env node
// `npm run bench`: throughput figures on this machine, printed against bench/baseline.json.
// Runs on one core (Node's main thread), except the parallel-ingest figures, which use two.
// Reads ../shared/news when present.
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import { readInput } from "../dist/ingest/sources.js";
import { createWink, tokenize } from "../dist/nlp/tokens.js";
import { buildLexicon, loadAnalyzer } from "../dist/app/setup.js";
import { makeDoc } from "../dist/core/doc.js";
import { recognizeActors } from "../dist/nlp/actors.js";
import { benchDyads } from "./dyads.mjs";
import { benchImports } from "./imports.mjs";
import { benchPriors } from "./priors.mjs";
import { benchWorkers } from "./workers.mjs";

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

/** Times `fn` over `rounds` rounds after one warm-up; returns the median seconds per round. */
function timed(rounds, fn) {
  fn();
  const times = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e9);
  }
  return median(times);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
};

/**
 * Times `base` and `fn` in alternating rounds, so both see the same machine load (shared VMs
 * drift by ±25% within a minute); returns the median seconds per round of each and the median
 * of the per-round ratios base/fn.
 */
function paired(rounds, base, fn) {
  base();
  fn();
  const a = [];
  const b = [];
  const ratio = [];
  for (let r = 0; r < rounds; r++) {
    let t0 = process.hrtime.bigint();
    base();
    const ta = Number(process.hrtime.bigint() - t0) / 1e9;
    t0 = process.hrtime.bigint();
    fn();
    const tb = Number(process.hrtime.bigint() - t0) / 1e9;
    a.push(ta);
    b.push(tb);
    ratio.push(ta / tb);
  }
  return { base: median(a), fn: median(b), ratio: median(ratio) };
}

/** The real articles, read once for every section that uses them; null when ../shared is absent. */
let corpusCache;
function corpus(wink) {
  if (corpusCache !== undefined) return corpusCache;
  const dir = path.join(shared, "news/articles");
  if (!existsSync(dir)) return (corpusCache = null);
  const texts = readdirSync(dir).filter((f) => f.endsWith(".txt")).map((f) => readFileSync(path.join(dir, f), "utf8"));
  const docs = texts.map((t) => makeDoc(t, { title: null, author: null, outlet: null, published: null, source: { path: "bench" }, contentType: "text" }));
  let tokens = 0;
  for (const t of texts) tokens += wink.readDoc(t).tokens().length();
  return (corpusCache = { texts, docs, tokens });
}

/** compromise's people, places and organizations: slow, so measured once per run. */
let compromiseCache;
function compromiseTime(c, rounds) {
  if (compromiseCache !== undefined) return compromiseCache;
  const nlp = createRequire(import.meta.url)("compromise");
  return (compromiseCache = timed(rounds, () => {
    for (const t of c.texts) {
      const d = nlp(t);
      d.people().out("array");
      d.places().out("array");
      d.organizations().out("array");
    }
  }));
}

async function benchActors() {
  const wink = createWink();
  const c = corpus(wink);
  if (!c) return console.log("actors: skipped, ../shared/news/articles is absent");
  const rounds = Number(process.env.BENCH_ROUNDS ?? 20);
  const t0 = process.hrtime.bigint();
  const lexicon = buildLexicon(wink);
  const compileMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const p = paired(
    rounds,
    () => {
      for (const t of c.texts) wink.readDoc(t).tokens().out();
    },
    () => {
      for (const d of c.docs) {
        const t = tokenize(wink, d);
        recognizeActors({ ...d, layers: { ...d.layers, tokens: t.tokens, sentences: t.sentences } }, lexicon, { date: null });
      }
    },
  );
  const bare = p.base;
  const withActors = p.fn;
  const prepared = c.docs.map((d) => {
    const t = tokenize(wink, d);
    return { ...d, layers: { ...d.layers, tokens: t.tokens, sentences: t.sentences } };
  });
  const actorsOnly = timed(rounds, () => {
    for (const d of prepared) recognizeActors(d, lexicon, { date: null });
  });
  const comp = compromiseTime(c, Math.max(1, Math.floor(rounds / 4)));
  console.log(`\nactor recognition on ${c.texts.length} articles (${c.tokens.toLocaleString("en-US")} tokens), one core; lexicon: ${lexicon.entries.size} entries, ${lexicon.formCount} forms, compiled in ${compileMs.toFixed(0)} ms:`);
  report("wink.bareTokensPerSecond", c.tokens / bare, "tokens/s (wink-nlp readDoc + tokens)");
  report("actors.tokensPerSecond", c.tokens / withActors, "tokens/s (tokens, sentences and actors)");
  report("actors.recogniserOnlyTokensPerSecond", c.tokens / actorsOnly, "tokens/s (actor stage alone)");
  report("compromise.tokensPerSecond", c.tokens / comp, "tokens/s (compromise people/places/organizations)");
  results["actors.shareOfWink"] = p.ratio;
  console.log(`actors vs wink bare: ${(p.ratio * 100).toFixed(0)}% of wink's speed (median of ${rounds} paired rounds; target ≥ 50%)`);
}

async function benchAnalysis() {
  const wink = createWink();
  const c = corpus(wink);
  if (!c) return console.log("analysis: skipped, ../shared/news/articles is absent");
  const rounds = Number(process.env.BENCH_ROUNDS ?? 10);
  const analyzer = loadAnalyzer();
  let events = 0;
  const p = paired(
    rounds,
    () => {
      for (const t of c.texts) wink.readDoc(t).tokens().out();
    },
    () => {
      events = 0;
      for (const d of c.docs) events += analyzer.analyze(d).events.length;
    },
  );
  const full = p.fn;
  const bare = p.base;
  const comp = compromiseTime(c, Math.max(1, Math.floor(rounds / 4)));
  console.log(`\nfull analysis (tokens, actors, events, dyads) on ${c.texts.length} articles (${c.tokens.toLocaleString("en-US")} tokens, ${events} events), one core:`);
  report("analysis.wink.bareTokensPerSecond", c.tokens / bare, "tokens/s (wink-nlp readDoc + tokens)");
  report("analysis.tokensPerSecond", c.tokens / full, "tokens/s (entente analyze, whole pipeline)");
  report("analysis.compromise.tokensPerSecond", c.tokens / comp, "tokens/s (compromise entity extraction, same measurement as above)");
  results["analysis.shareOfWink"] = p.ratio;
  console.log(`full analysis vs wink bare: ${(p.ratio * 100).toFixed(0)}% of wink's speed (median of ${rounds} paired rounds; target ≥ 25%)`);
}

await benchIngest();
await benchActors();
await benchAnalysis();
await benchWorkers(report, shared);
await benchDyads(report);
await benchImports(report);
await benchPriors(report);

if (process.argv.includes("--json")) console.log(JSON.stringify(results));
