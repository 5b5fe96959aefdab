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

/**
 * Tokens and sentences of a document, with offsets into its text. wink reads the whole text
 * once; a sentence that runs over a paragraph break is cut there, so none crosses one.
 */
export function tokenize(wink: Wink, doc: Pick<Doc, "text" | "layers">): Tokenized {
  const its = wink.its;
  const text = doc.text;
  const diagnostics: Diagnostic[] = [];
  const wd = wink.readDoc(text);
  const ts = wd.tokens();
  const values = ts.out() as string[];
  const pos = ts.out(its.pos) as string[];
  const lemmaOf = lemmatizer(ts, its);
  const tokens: TokenSpan[] = [];
  // wink keeps line breaks as tokens; ours skip them, so wink's index → ours
  const index = new Int32Array(values.length + 1);
  let cursor = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    index[i] = tokens.length;
    if (v.trim() === "") continue;
    let at = text.startsWith(v, cursor) ? cursor : text.indexOf(v, cursor);
    if (at < 0 || at - cursor > 64) {
      // wink may rewrite a token (rare); keep going from the cursor and say so
      diagnostics.push({ code: "TOKEN_OFFSET", message: `token "${v}" not found at its place`, start: cursor, end: cursor });
      at = cursor;
    }
    const end = Math.min(text.length, at + v.length);
    cursor = end;
    const norm = v.toLowerCase();
    const p = pos[i] ?? "X";
    tokens.push({ start: at, end, pos: p, lemma: lemmaOf(i, v, p, norm), norm, kind: kindOf(p, v) });
  }
  index[values.length] = tokens.length;
  const paras = doc.layers.paragraphs ?? [{ start: 0, end: text.length }];
  const sentences: SentenceSpan[] = [];
  let pi = 0;
  const spans = wd.sentences().out(its.span) as unknown as [number, number][];
  for (const [wa, wb] of spans) {
    let first = index[wa]!;
    const b = index[wb + 1]! - 1;
    while (first <= b) {
      const t0 = tokens[first];
      if (!t0) break;
      while (pi < paras.length - 1 && paras[pi]!.end <= t0.start) pi++;
      // the sentence ends at the last token inside this paragraph
      let last = first;
      while (last < b && tokens[last + 1]!.start < paras[pi]!.end) last++;
      sentences.push({ start: t0.start, end: tokens[last]!.end, paragraph: pi, firstToken: first, lastToken: last });
      first = last + 1;
    }
  }
  return { sentences, tokens, diagnostics };
}

/**
 * Lemmas, remembered by part of speech and surface form across documents: wink's lemmatiser
 * depends on those two only (contractions aside, which are asked every time), and most words
 * repeat, so asking wink for each token would cost more than the rest of tokenizing.
 */
const LEMMAS = new Map<string, Map<string, string>>();
const LEMMA_MEMO_MAX = 100_000;
let lemmaCount = 0;

function lemmatizer(ts: ReturnType<ReturnType<Wink["readDoc"]>["tokens"]>, its: Wink["its"]) {
  // wink types `its.lemma` as needing model add-ons, which the lite model has
  const lemmaIts = its.lemma as unknown as typeof its.value;
  const ask = (i: number, norm: string): string => {
    const lem = ts.itemAt(i).out(lemmaIts) as string | undefined;
    return lem === undefined || lem === norm ? norm : lem.toLowerCase();
  };
  return (i: number, v: string, pos: string, norm: string): string => {
    if (v.includes("'") || v.includes("’")) return ask(i, norm);
    let byForm = LEMMAS.get(pos);
    if (!byForm) LEMMAS.set(pos, (byForm = new Map()));
    const hit = byForm.get(v);
    if (hit !== undefined) return hit;
    const lem = ask(i, norm);
    if (lemmaCount < LEMMA_MEMO_MAX) {
      byForm.set(v, lem);
      lemmaCount++;
    }
    return lem;
  };
}

/** The token's kind from its part of speech (cheaper than asking wink for its type). */
function kindOf(pos: string | undefined, v: string): string {
  if (pos === "PUNCT") return "punctuation";
  if (pos === "NUM") return /^\d/.test(v) ? "number" : "word";
  if (pos === "SYM") return "symbol";
  return /[\p{L}]/u.test(v) ? "word" : "symbol";
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
