// Parallel ingest: documents/s and peak RSS of `ingest` in one thread and on 2 worker threads,
// into a fresh SQLite file, over distinct copies of ../shared/news/articles (each copy's text
// differs by one line, so every document is new). Each run is its own process, on two cores
// (`taskset -c 0,1` where the system has it), so peak RSS is that run's alone.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync, mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));

/** In a child: one ingest with `workers`, printing {docs, seconds, peakRssMB} as JSON. */
async function child(dir, db, workers) {
  const { ingestInputs } = await import("../dist/app/batch.js");
  const { createPool } = await import("../dist/app/pool.js");
  const { loadAnalyzer, buildLexicon } = await import("../dist/app/setup.js");
  const { createIndexer } = await import("../dist/app/index.js");
  const { loadIndexConfig } = await import("../dist/data/coding.js");
  const { createWink } = await import("../dist/nlp/tokens.js");
  const { SqliteStore } = await import("../dist/store/sqlite/store.js");
  const { DEFAULT_INGEST } = await import("../dist/ingest/sources.js");
  const t0 = process.hrtime.bigint();
  const config = loadIndexConfig();
  const analyzer = workers > 1 ? null : loadAnalyzer();
  const indexer = createIndexer(analyzer?.lexicon ?? buildLexicon(createWink()), config);
  const pool = workers > 1 ? createPool(workers, {}, config) : undefined;
  const store = SqliteStore.open(db);
  const s = await ingestInputs([dir], analyzer, store, DEFAULT_INGEST, {}, { indexer, pool });
  await pool?.close();
  await store.close();
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  // maxRSS covers every thread of the process, in kilobytes
  console.log(JSON.stringify({ docs: s.added, seconds, peakRssMB: process.resourceUsage().maxRSS / 1024 }));
}

export async function benchWorkers(report, shared) {
  const src = path.join(shared, "news/articles");
  if (!existsSync(src)) {
    console.log(`\nparallel ingest: skipped, ${src} is absent`);
    return;
  }
  const copies = Number(process.env.BENCH_WORKER_COPIES ?? 4);
  const tmp = mkdtempSync(path.join(tmpdir(), "entente-bench-workers-"));
  const dir = path.join(tmp, "docs");
  mkdirSync(dir);
  const files = readdirSync(src).filter((f) => f.endsWith(".txt"));
  for (let k = 0; k < copies; k++) for (const f of files) writeFileSync(path.join(dir, `${k}-${f}`), `${readFileSync(path.join(src, f), "utf8")}\n\n(Bench copy ${k}.)\n`);
  const hasTaskset = spawnSync("taskset", ["--version"], { stdio: "ignore" }).status === 0;
  console.log(`\nparallel ingest of ${copies * files.length} documents into SQLite (start-up included; ${hasTaskset ? "cores 0-1" : "unpinned"}):`);
  const run = (workers) => {
    const db = path.join(tmp, `w${workers}-${Date.now()}.db`);
    const cmd = [process.execPath, fileURLToPath(import.meta.url), "--child", dir, db, String(workers)];
    const r = spawnSync(hasTaskset ? "taskset" : cmd[0], hasTaskset ? ["-c", "0,1", ...cmd] : cmd.slice(1), { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`bench child failed: ${r.stderr}`);
    return JSON.parse(r.stdout.trim().split("\n").pop());
  };
  const one = run(1);
  const two = run(2);
  report("workers.1.documentsPerSecond", one.docs / one.seconds, `documents/s, 1 thread (peak RSS ${one.peakRssMB.toFixed(0)} MB)`);
  report("workers.2.documentsPerSecond", two.docs / two.seconds, `documents/s, 2 worker threads (peak RSS ${two.peakRssMB.toFixed(0)} MB)`);
  console.log(`2 workers vs 1: ×${(one.seconds / two.seconds).toFixed(2)}`);
  rmSync(tmp, { recursive: true, force: true });
}

if (process.argv[2] === "--child") await child(process.argv[3], process.argv[4], Number(process.argv[5]));
else if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const shared = process.env.ENTENTE_SHARED ?? path.resolve(here, "../../shared");
  await benchWorkers((name, v, unit) => console.log(`${name.padEnd(40)} ${v.toFixed(1).padStart(12)} ${unit}`), shared);
}
