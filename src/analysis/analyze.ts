/**
 * One document in, one `entente/1` record out: runs the pipeline of stages over the document
 * and assembles the output. The analyser is built once (models loaded, data compiled) and
 * reused for every document.
 */
import type { Doc } from "../core/doc.js";
import type { EntenteOutput, OutActor } from "../core/output.js";
import { actorStage, type ActorMention, type DocActor } from "../nlp/actors.js";
import { documentDate } from "../nlp/docdate.js";
import type { Lexicon } from "../nlp/lexicon.js";
import { eventStage, type CodedEvent } from "../coding/coder.js";
import type { PatternIndex } from "../coding/patterns.js";
import { documentDyads } from "./docdyads.js";
import { explainDoc } from "./explain.js";
import { buildPipeline, type Pipeline } from "../nlp/pipeline.js";
import { tokenStage, type Wink } from "../nlp/tokens.js";

export interface AnalyzerParts {
  readonly wink: Wink;
  readonly lexicon: Lexicon;
  readonly patterns: PatternIndex;
}

export interface Analyzer {
  readonly pipeline: Pipeline<unknown>;
  readonly lexicon: Lexicon;
  /** runs every stage: the document with all its layers */
  process(doc: Doc): Doc;
  /** the `entente/1` record of a processed document */
  output(doc: Doc): EntenteOutput;
  analyze(doc: Doc): EntenteOutput;
  /** the decision trail of every event, as text */
  explain(doc: Doc): string;
}

/** `entente/1` actors: every actor of the document with all its mention spans. */
export function outputActors(doc: Doc): OutActor[] {
  const actors = (doc.layers.actors ?? []) as readonly DocActor[];
  const mentions = (doc.layers.mentions ?? []) as readonly ActorMention[];
  const spans = new Map<string, { start: number; end: number }[]>();
  for (const m of mentions) {
    for (const id of m.members ?? [m.actor]) {
      let list = spans.get(id);
      if (!list) spans.set(id, (list = []));
      if (!list.some((x) => x.start === m.start && x.end === m.end)) list.push({ start: m.start, end: m.end });
    }
  }
  return actors
    .map((a) => ({
      id: a.id,
      name: a.name,
      type: a.type,
      country: a.country,
      code: a.code,
      role: a.role,
      leaning: a.leaning,
      aliases: [...new Set(a.aliases)],
      mentions: spans.get(a.id) ?? [],
    }))
    .filter((a) => a.mentions.length > 0)
    .sort((a, b) => a.mentions[0]!.start - b.mentions[0]!.start);
}

/** Builds the analyser from parts loaded once by the caller. */
export function createAnalyzer(parts: AnalyzerParts): Analyzer {
  const dateOf = (d: Doc) => documentDate(d);
  const pipeline = buildPipeline<unknown>(
    [tokenStage(parts.wink), actorStage(parts.lexicon, dateOf), eventStage({ patterns: parts.patterns, lexicon: parts.lexicon }, dateOf)],
    null,
  );
  const output = (doc: Doc): EntenteOutput => {
    const actors = outputActors(doc);
    const byId = new Map(actors.map((a) => [a.id, a]));
    const coded = (doc.layers.events ?? []) as readonly CodedEvent[];
    const events = coded.filter((e) => !e.untargeted).map(({ sentence: _s, anchor, explain: _e, untargeted: _u, ...e }) => ({ ...e, trigger: anchor }));
    const countryOf = (id: string) => byId.get(id)?.country ?? null;
    const isState = (iso: string) => parts.lexicon.entries.get(iso)?.source === "states";
    const { dyads, triads, hedging } = documentDyads(events, countryOf, isState);
    return {
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
    actors,
    events: events.map((e) => (hedging.has(e.id) ? { ...e, hedging: true } : e)),
    dyads,
    triads,
    diagnostics: [...doc.diagnostics],
    };
  };
  return {
    pipeline,
    lexicon: parts.lexicon,
    process: (doc) => pipeline.run(doc),
    output,
    analyze: (doc) => output(pipeline.run(doc)),
    explain: (doc) => explainDoc(pipeline.run(doc)),
  };
}
