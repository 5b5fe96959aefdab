/**
 * What the relation commands and the API share: naming states the way users type them
 * ("Iran", "IRN", "the Russian Federation"), display names and leanings for reports, and the
 * index settings.
 */
import type { AssessOptions } from "../analysis/assess.js";
import { InputError } from "../core/errors.js";
import type { OutActor } from "../core/output.js";
import { entryNamed, type Lexicon } from "../nlp/lexicon.js";

const words = (s: string) => s.match(/[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu) ?? [];

/** The state a user means: an ISO alpha-3 code or a name the gazetteer knows. */
export function resolveState(lex: Lexicon, s: string): string {
  const t = s.trim();
  const byId = lex.entries.get(t.toUpperCase());
  if (byId?.source === "states") return byId.id;
  const e = entryNamed(lex, words(t.replace(/^the\s+/i, "")));
  if (e?.source === "states") return e.id;
  if (e?.country && lex.entries.get(e.country)?.source === "states") return e.country;
  throw new InputError("USAGE", s, "not a state Entente knows (give an ISO code such as IRN, or a name such as Iran)");
}

/** Display names and leanings from the gazetteer, else from the actors a store knows. */
export function displayInfo(lex: Lexicon, known: readonly OutActor[] = []): Pick<AssessOptions, "actorInfo" | "outletLeaning"> {
  const stored = new Map(known.map((a) => [a.id, a]));
  return {
    actorInfo: (id) => {
      const e = lex.entries.get(id) ?? stored.get(id);
      return e ? { name: e.name, leaning: e.leaning } : null;
    },
    outletLeaning: (outlet) => {
      const bracket = /\(([^)]+)\)/.exec(outlet)?.[1];
      for (const x of [outlet.replace(/\([^)]*\)/g, " "), bracket]) {
        if (!x) continue;
        const e = entryNamed(lex, words(x));
        if (e?.source === "media") return e.leaning;
      }
      return null;
    },
  };
}
