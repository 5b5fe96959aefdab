/**
 * Stages and the pipeline that runs them. A stage declares the layers it needs and the ones it
 * adds; the pipeline checks the chain once, when it is built, not halfway through a batch.
 */
import type { Diagnostic, Doc } from "../core/doc.js";
import { withLayers } from "../core/doc.js";

/** Layers every document has before any stage runs. */
export const BASE_LAYERS: readonly string[] = ["text", "paragraphs"];

/** A small object with a declared contract. `C` is the shared, read-only context it reads. */
export interface Stage<C> {
  readonly name: string;
  readonly requires: readonly string[];
  readonly provides: readonly string[];
  /** returns the layers this stage adds, and any diagnostics */
  run(doc: Doc, ctx: C): { layers: Record<string, readonly unknown[]>; diagnostics?: readonly Diagnostic[] };
}

export interface Pipeline<C> {
  readonly stages: readonly Stage<C>[];
  run(doc: Doc): Doc;
}

/** Checks that every stage's needs are met by the stages before it, then binds the context. */
export function buildPipeline<C>(stages: readonly Stage<C>[], ctx: C): Pipeline<C> {
  const have = new Set(BASE_LAYERS);
  for (const s of stages) {
    const missing = s.requires.filter((r) => !have.has(r));
    if (missing.length) throw new Error(`stage "${s.name}" needs ${missing.join(", ")}, which no earlier stage provides`);
    for (const p of s.provides) {
      if (have.has(p)) throw new Error(`stage "${s.name}" provides "${p}", which an earlier stage already provides`);
      have.add(p);
    }
  }
  const frozen = Object.freeze([...stages]);
  return {
    stages: frozen,
    run(doc: Doc): Doc {
      let d = doc;
      for (const s of frozen) {
        const out = s.run(d, ctx);
        const extra = Object.keys(out.layers).filter((k) => !s.provides.includes(k));
        if (extra.length) throw new Error(`stage "${s.name}" returned undeclared layers: ${extra.join(", ")}`);
        d = withLayers(d, out.layers, out.diagnostics ?? []);
      }
      return d;
    },
  };
}
