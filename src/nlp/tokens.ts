/**
 * Sentences and tokens as span layers, from wink-nlp run paragraph by paragraph (so no sentence
 * crosses a paragraph break). wink keeps abbreviations such as "U.S.", "Dr." and "p.m." whole,
 * which keeps them from ending sentences.
 */
import winkNLP from "wink-nlp";
import model from "wink-eng-lite-web-model";
import type { Diagnostic, Doc, SentenceSpan, TokenSpan } from "../core/doc.js";
import type { Stage } from "./pipeline.js";

/** The wink-nlp instance, made once and passed in. */
export type Wink = ReturnType<typeof winkNLP>;

export function createWink(): Wink {
  return winkNLP(model);
}

export interface Tokenized {
  readonly sentences: SentenceSpan[];
  readonly tokens: TokenSpan[];
  readonly diagnostics: Diagnostic[];
}

/** Tokens and sentences of a document's paragraphs, with offsets into its text. */
export function tokenize(wink: Wink, doc: Pick<Doc, "text" | "layers">): Tokenized {
  const its = wink.its;
  const sentences: SentenceSpan[] = [];
  const tokens: TokenSpan[] = [];
  const diagnostics: Diagnostic[] = [];
  const paras = doc.layers.paragraphs ?? [{ start: 0, end: doc.text.length }];
  paras.forEach((p, pi) => {
    const text = doc.text.slice(p.start, p.end);
    const wd = wink.readDoc(text);
    const values = wd.tokens().out() as string[];
    const pos = wd.tokens().out(its.pos) as string[];
    // wink types `its.lemma` as needing model add-ons, which the lite model has
    const lemma = wd.tokens().out(its.lemma as unknown as typeof its.value) as string[];
    const types = wd.tokens().out(its.type) as string[];
    const starts: number[] = new Array(values.length);
    const ends: number[] = new Array(values.length);
    let cursor = 0;
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      let at = text.indexOf(v, cursor);
      if (at < 0 || at - cursor > 64) {
        // wink may rewrite a token (rare); keep going from the cursor and say so
        diagnostics.push({ code: "TOKEN_OFFSET", message: `token "${v}" not found at its place`, start: p.start + cursor, end: p.start + cursor });
        at = cursor;
      }
      const end = Math.min(text.length, at + v.length);
      starts[i] = at;
      ends[i] = end;
      cursor = end;
      tokens.push({ start: p.start + at, end: p.start + end, pos: pos[i] ?? "X", lemma: (lemma[i] ?? v).toLowerCase(), norm: v.toLowerCase(), kind: types[i] ?? "word" });
    }
    const base = tokens.length - values.length;
    const spans = wd.sentences().out(its.span) as unknown as [number, number][];
    for (const [a, b] of spans) {
      if (starts[a] === undefined || ends[b] === undefined) continue;
      sentences.push({ start: p.start + starts[a]!, end: p.start + ends[b]!, paragraph: pi, firstToken: base + a, lastToken: base + b });
    }
  });
  return { sentences, tokens, diagnostics };
}

/** The stage that adds `sentences` and `tokens`. */
export function tokenStage(wink: Wink): Stage<unknown> {
  return {
    name: "tokens",
    requires: ["text", "paragraphs"],
    provides: ["sentences", "tokens"],
    run(doc) {
      const t = tokenize(wink, doc);
      return { layers: { sentences: t.sentences, tokens: t.tokens }, diagnostics: t.diagnostics };
    },
  };
}
