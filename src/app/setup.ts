/**
 * Builds the analyser the CLI and the server use: loads the gazetteer (ours, then the user's
 * dictionaries over it), compiles the lexicon once, and loads the language model once.
 */
import { createAnalyzer, type Analyzer } from "../analysis/analyze.js";
import { loadGazetteer } from "../data/load.js";
import { compileLexicon, type Lexicon } from "../nlp/lexicon.js";
import { createWink, type Wink } from "../nlp/tokens.js";
import { loadOntology, loadPatterns, loadWeights } from "../data/coding.js";
import { compilePatterns, type PatternIndex } from "../coding/patterns.js";

export interface SetupOptions {
  /** extra dictionary files or folders, merged over ours */
  readonly dictionaries?: readonly string[];
  /** extra pattern files or folders */
  readonly patterns?: readonly string[];
  /** intensity table: plover-0.8 (default), gdelt or icews */
  readonly weights?: string;
}

/** Loads and compiles the ontology, weights and patterns. */
export function buildPatterns(opts: SetupOptions = {}): PatternIndex {
  const weights = loadWeights();
  return compilePatterns(loadPatterns(opts.patterns ?? []), loadOntology(), weights, opts.weights ?? weights.default);
}

/** Compiles the lexicon with forms split by the same tokenizer as the text. */
export function buildLexicon(wink: Wink, dictionaries: readonly string[] = []): Lexicon {
  const { data, where } = loadGazetteer(dictionaries);
  // plain forms (letters, digits, spaces) split on spaces exactly as wink splits them; only forms
  // with punctuation or other scripts go through wink, which keeps start-up fast
  const split = (form: string) => (/^[A-Za-z0-9 ]+$/.test(form) ? form.split(/ +/).filter(Boolean) : (wink.readDoc(form).tokens().out() as string[]).filter((t) => t.trim() !== ""));
  return compileLexicon(data, split, where);
}

export function loadAnalyzer(opts: SetupOptions = {}): Analyzer {
  const wink = createWink();
  return createAnalyzer({ wink, lexicon: buildLexicon(wink, opts.dictionaries), patterns: buildPatterns(opts) });
}
