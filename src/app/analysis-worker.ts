/**
 * A worker thread of the analysis pool (see pool.ts): builds the analyser and the indexer once,
 * then turns each document it is sent into its `entente/1` record and its dyad reports. It
 * never touches the store: the main thread is the one writer.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { Doc } from "../core/doc.js";
import type { Correction } from "../core/correction.js";
import type { IndexConfig } from "../core/index-config.js";
import { messageOf } from "../core/errors.js";
import { loadAnalyzer, type SetupOptions } from "./setup.js";
import { createIndexer } from "./index.js";
import type { PoolReply, PoolRequest } from "./pool.js";

const { setup, config } = workerData as { setup: SetupOptions; config: IndexConfig };
const analyzer = loadAnalyzer(setup);
const indexer = createIndexer(analyzer.lexicon, config);
let merges: readonly Correction[] = [];

parentPort!.on("message", (m: PoolRequest) => {
  if (m.kind === "merges") {
    merges = m.merges;
    return;
  }
  let reply: PoolReply;
  try {
    const out = analyzer.analyze(m.doc as Doc);
    reply = { kind: "done", seq: m.seq, out, reports: indexer.reports(out, merges) };
  } catch (e) {
    reply = { kind: "failed", seq: m.seq, message: messageOf(e) };
  }
  parentPort!.postMessage(reply);
});
parentPort!.postMessage({ kind: "ready" } satisfies PoolReply);
