/**
 * A pool of analysis worker threads for `ingest --workers N`. Each worker loads the models and
 * data once (analysis-worker.ts); documents go to whichever worker is free, and results come
 * back to the caller, which stores them through its one store: the pool analyses, it never
 * writes. At most `2 × N` documents are in flight, so memory stays flat however many inputs
 * there are.
 */
import { Worker } from "node:worker_threads";
import { workerEntry } from "../data/worker-entry.js";
import type { Doc } from "../core/doc.js";
import type { Correction } from "../core/correction.js";
import type { DyadReport } from "../core/dyad.js";
import type { IndexConfig } from "../core/index-config.js";
import type { EntenteOutput } from "../core/output.js";
import type { SetupOptions } from "./setup.js";

export type PoolRequest = { kind: "doc"; seq: number; doc: Doc } | { kind: "merges"; merges: readonly Correction[] };
export type PoolReply =
  | { kind: "ready" }
  | { kind: "done"; seq: number; out: EntenteOutput; reports: DyadReport[] }
  | { kind: "failed"; seq: number; message: string };

export type PoolResult = { ok: true; out: EntenteOutput; reports: DyadReport[] } | { ok: false; message: string };

export interface AnalysisPool {
  readonly size: number;
  /** how many documents may be in flight before `analyze` callers should wait */
  readonly capacity: number;
  /** sends reviewers' actor merges to every worker (applied to the reports of later documents) */
  setMerges(merges: readonly Correction[]): void;
  /** analyses one document on a free worker (queued when all are busy) */
  analyze(doc: Doc): Promise<PoolResult>;
  close(): Promise<void>;
}

interface Slot {
  worker: Worker;
  /** busy from creation until the worker says it has loaded */
  busy: boolean;
}

export function createPool(size: number, setup: SetupOptions, config: IndexConfig): AnalysisPool {
  const entry = workerEntry(import.meta.url, "analysis-worker");
  const pending = new Map<number, (r: PoolResult) => void>();
  const queue: { seq: number; doc: Doc }[] = [];
  let seq = 0;
  let failure: Error | null = null;

  const slots: Slot[] = Array.from({ length: size }, () => {
    const worker = new Worker(entry.source, { workerData: { setup, config }, eval: entry.eval });
    const slot: Slot = { worker, busy: true };
    worker.on("message", (m: PoolReply) => {
      if (m.kind === "ready") slot.busy = false;
      else {
        const done = pending.get(m.seq);
        pending.delete(m.seq);
        slot.busy = false;
        done?.(m.kind === "done" ? { ok: true, out: m.out, reports: m.reports } : { ok: false, message: m.message });
      }
      pump();
    });
    worker.on("error", (e) => {
      // a worker that dies (out of memory, a bug in loading) fails every document still waiting
      failure = e;
      for (const [k, done] of pending) (pending.delete(k), done({ ok: false, message: `analysis worker failed: ${e.message}` }));
      queue.length = 0;
    });
    return slot;
  });

  function pump(): void {
    for (const s of slots) {
      if (!queue.length) return;
      if (s.busy) continue;
      const job = queue.shift()!;
      s.busy = true;
      s.worker.postMessage({ kind: "doc", seq: job.seq, doc: job.doc } satisfies PoolRequest);
    }
  }

  return {
    size,
    capacity: size * 2,
    setMerges(merges) {
      for (const s of slots) s.worker.postMessage({ kind: "merges", merges } satisfies PoolRequest);
    },
    analyze(doc) {
      if (failure) return Promise.resolve({ ok: false, message: `analysis worker failed: ${(failure as Error).message}` });
      return new Promise<PoolResult>((resolve) => {
        const k = ++seq;
        pending.set(k, resolve);
        queue.push({ seq: k, doc });
        pump();
      });
    },
    async close() {
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}
