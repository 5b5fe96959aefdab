/**
 * One document in, one `entente/1` record out: runs the pipeline of stages over the document
 * and assembles the output. The analyser is built once and reused for every document.
 */
import type { Doc } from "../core/doc.js";
import type { EntenteOutput } from "../core/output.js";
import { buildPipeline, type Pipeline } from "../nlp/pipeline.js";
import { createWink, tokenStage, type Wink } from "../nlp/tokens.js";

export interface AnalyzerContext {
  readonly wink: Wink;
}

export interface Analyzer {
  readonly pipeline: Pipeline<AnalyzerContext>;
  /** runs every stage: the document with all its layers */
  process(doc: Doc): Doc;
  /** the `entente/1` record of a processed document */
  output(doc: Doc): EntenteOutput;
  analyze(doc: Doc): EntenteOutput;
}

/** Builds the analyser: loads models and compiles data once. */
export function createAnalyzer(): Analyzer {
  const ctx: AnalyzerContext = { wink: createWink() };
  const pipeline = buildPipeline<AnalyzerContext>([tokenStage(ctx.wink)], ctx);
  const output = (doc: Doc): EntenteOutput => ({
    format: "entente/1",
    document: {
      id: doc.id,
      title: doc.meta.title,
      author: doc.meta.author,
      outlet: doc.meta.outlet,
      published: doc.meta.published,
      source: doc.meta.source,
      contentType: doc.meta.contentType,
      text: doc.text,
    },
    actors: [],
    events: [],
    dyads: [],
    triads: [],
    diagnostics: [...doc.diagnostics],
  });
  return {
    pipeline,
    process: (doc) => pipeline.run(doc),
    output,
    analyze: (doc) => output(pipeline.run(doc)),
  };
}
