/**
 * Batches of inputs: read each, analyse each document, and (for ingest) store it. One bad input
 * never stops the batch; its failure is counted and named. Used by the CLI and the server.
 */
import type { Doc } from "../core/doc.js";
import { EntenteError, messageOf } from "../core/errors.js";
import type { EntenteOutput } from "../core/output.js";
import type { DyadReport } from "../core/dyad.js";
import type { Analyzer } from "../analysis/analyze.js";
import { expandInputs, inputName, readInput, type InputRef, type IngestOptions } from "../ingest/sources.js";
import type { EventStore } from "../store/contract.js";
import { applySidecar, type SidecarMeta } from "../ingest/sidecar.js";
import { makeDoc } from "../core/doc.js";
import type { Indexer } from "./index.js";
import type { AnalysisPool } from "./pool.js";

/** What ingest does beyond reading: metadata from a sidecar, and the dyad index to keep. */
export interface IngestExtras {
  readonly sidecar?: ReadonlyMap<string, SidecarMeta>;
  readonly indexer?: Indexer;
  /** analyse on these worker threads (which also make the reports) instead of in this thread */
  readonly pool?: AnalysisPool;
}

/** The document with metadata the sidecar gives for its file (same text, so the same id). */
export function withSidecar(d: Doc, ref: InputRef, sidecar: ReadonlyMap<string, SidecarMeta> | undefined): Doc {
  if (!sidecar || ref.kind !== "file") return d;
  const meta = applySidecar(d.meta, ref.path, sidecar);
  return meta === d.meta ? d : makeDoc(d.text, meta, d.layers.paragraphs);
}

export interface Failure {
  readonly input: string;
  readonly code: string;
  readonly message: string;
}

export interface BatchHooks {
  /** called once the inputs are expanded */
  onStart?(inputs: number): void;
  /** called after each input, with how many documents it gave */
  onInput?(name: string, docs: number): void;
  onFailure?(f: Failure): void;
}

export interface IngestSummary {
  inputs: number;
  documents: number;
  added: number;
  existing: number;
  failed: number;
  skipped: number;
  failures: Failure[];
  db: string;
  /** pairs of states re-clustered after the batch */
  pairsIndexed?: number;
}

/** Turns any error from reading an input into a failure record; rethrows programming errors. */
export function failureOf(ref: InputRef, e: unknown): Failure {
  if (e instanceof EntenteError) return { input: e.input ?? inputName(ref), code: e.code, message: e.message };
  throw e;
}

/** Reads every input in order, yielding its documents, and reporting inputs that fail. */
export async function* readAll(inputs: readonly string[], opts: IngestOptions, hooks: BatchHooks = {}): AsyncGenerator<{ ref: InputRef; docs: Doc[] }, { skipped: number }> {
  const { refs, skipped } = await expandInputs(inputs);
  hooks.onStart?.(refs.length);
  for (const ref of refs) {
    let docs: Doc[];
    try {
      docs = await readInput(ref, opts);
    } catch (e) {
      hooks.onFailure?.(failureOf(ref, e));
      hooks.onInput?.(inputName(ref), 0);
      continue;
    }
    yield { ref, docs };
    hooks.onInput?.(inputName(ref), docs.length);
  }
  return { skipped: skipped.length };
}

/** Analyses documents without storing them. */
export async function analyzeInputs(
  inputs: readonly string[],
  analyzer: Analyzer,
  opts: IngestOptions,
  hooks: BatchHooks = {},
  explain = false,
): Promise<{ outputs: EntenteOutput[]; explanations: string[]; failures: Failure[] }> {
  const outputs: EntenteOutput[] = [];
  const explanations: string[] = [];
  const failures: Failure[] = [];
  const h: BatchHooks = { ...hooks, onFailure: (f) => (failures.push(f), hooks.onFailure?.(f)) };
  for await (const { docs } of readAll(inputs, opts, h)) {
    for (const d of docs) {
      if (explain) explanations.push(analyzer.explain(d));
      else outputs.push(analyzer.analyze(d));
    }
  }
  return { outputs, explanations, failures };
}

/**
 * Reads, analyses and stores. Documents already stored (same content hash) are skipped before
 * analysis, so a rerun after a crash continues where it stopped and adds nothing twice.
 */
export async function ingestInputs(
  inputs: readonly string[],
  /** analyses in this thread; null when `extras.pool` analyses */
  analyzer: Analyzer | null,
  store: EventStore,
  opts: IngestOptions,
  hooks: BatchHooks = {},
  extras: IngestExtras = {},
): Promise<IngestSummary> {
  const s: IngestSummary = { inputs: 0, documents: 0, added: 0, existing: 0, failed: 0, skipped: 0, failures: [], db: store.location };
  const h: BatchHooks = {
    ...hooks,
    onStart: (n) => ((s.inputs = n), hooks.onStart?.(n)),
    onFailure: (f) => (s.failures.push(f), (s.failed = s.failures.length), hooks.onFailure?.(f)),
  };
  const it = readAll(inputs, opts, h);
  // actor merges reviewers made apply to new documents too
  const merges = extras.indexer ? (await store.corrections()).filter((c) => c.action === "merge-actors") : [];
  const pool = extras.pool;
  pool?.setMerges(merges);
  // with a pool: documents in flight (by id, so a copy in the same batch counts as existing),
  // and one chain of writes in the order the documents were read, so the store has one writer
  // and ends with exactly what a one-thread run stores (shared rows such as actors keep the
  // first writer's fields)
  const flying = new Set<string>();
  const waiting = new Set<Promise<void>>();
  let writes: Promise<void> = Promise.resolve();
  let broken: unknown = null;
  const put = async (out: EntenteOutput, reports: readonly DyadReport[]) => {
    if (await store.putAnalysis(out, reports)) s.added++;
    else s.existing++;
  };
  try {
    for (;;) {
      const step = await it.next();
      if (step.done) {
        s.skipped = step.value.skipped;
        break;
      }
      const input = inputName(step.value.ref);
      for (const raw of step.value.docs) {
        const d = withSidecar(raw, step.value.ref, extras.sidecar);
        s.documents++;
        if (flying.has(d.id) || (await store.hasDocument(d.id))) {
          s.existing++;
          continue;
        }
        if (pool) {
          flying.add(d.id);
          const analysed = pool.analyze(d);
          const job: Promise<void> = writes
            .then(async () => {
              const r = await analysed;
              if (r.ok) await put(r.out, r.reports);
              else h.onFailure?.({ input, code: "ANALYSIS_FAILED", message: r.message });
            })
            // a store that fails stops the batch, as it does without a pool
            .catch((e: unknown) => void (broken ??= e))
            .finally(() => (flying.delete(d.id), waiting.delete(job)));
          writes = job;
          waiting.add(job);
          while (waiting.size >= pool.capacity) await Promise.race(waiting);
          if (broken) throw broken;
          continue;
        }
        if (!analyzer) throw new Error("ingestInputs needs an analyzer or a pool");
        let out: EntenteOutput;
        try {
          out = analyzer.analyze(d);
        } catch (e) {
          // a document the analyser cannot handle is a failure of that input, not of the batch
          h.onFailure?.({ input, code: "ANALYSIS_FAILED", message: messageOf(e) });
          continue;
        }
        await put(out, extras.indexer?.reports(out, merges) ?? []);
      }
    }
  } finally {
    await Promise.allSettled(waiting);
  }
  if (broken) throw broken;
  if (extras.indexer) s.pairsIndexed = await extras.indexer.reindex(store);
  return s;
}


/** One document analysed and stored (unless already stored), for the server's uploads. */
export async function storeDocument(d: Doc, analyzer: Analyzer, store: EventStore, extras: IngestExtras = {}): Promise<{ added: boolean; output: EntenteOutput | null }> {
  if (await store.hasDocument(d.id)) return { added: false, output: await store.getAnalysis(d.id) };
  const out = analyzer.analyze(d);
  const merges = extras.indexer ? (await store.corrections()).filter((c) => c.action === "merge-actors") : [];
  const added = await store.putAnalysis(out, extras.indexer?.reports(out, merges) ?? []);
  if (added && extras.indexer) await extras.indexer.reindex(store);
  return { added, output: out };
}
