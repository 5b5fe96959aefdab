/**
 * The event coder: for each sentence, the patterns whose anchors it holds; for each match, the
 * source and target found by the pattern's slots (active and passive voice, coordination,
 * possessives, "between A and B"), then polarity by meaning (negation flips it), modality,
 * attribution, date and arena, each decision recorded for `--explain`.
 */
import * as chrono from "chrono-node";
import type { Diagnostic, Doc, SentenceSpan, TokenSpan } from "../core/doc.js";
import type { Slot } from "../core/coding-schema.js";
import type { Arena, Modality, OutEvent, Polarity } from "../core/output.js";
import type { ActorMention, DocActor } from "../nlp/actors.js";
import { roleAt, type Lexicon } from "../nlp/lexicon.js";
import type { Stage } from "../nlp/pipeline.js";
import type { CompiledPattern, PatternIndex } from "./patterns.js";

/** An event with the trail of decisions that made it. */
export interface CodedEvent extends OutEvent {
  readonly sentence: number;
  readonly anchor: { start: number; end: number; text: string };
  readonly explain: string[];
  /** found without both a source and a target, or within one state: kept for typing, not output */
  readonly untargeted?: boolean;
}

const PREPS = new Set(["in", "on", "at", "against", "to", "with", "for", "from", "of", "into", "about", "over", "between", "among", "than", "like", "toward", "towards", "across", "near", "within", "under", "upon", "via", "per", "including", "citing", "quoting", "amid", "despite"]);
const CLAUSE_BREAK = new Set([";", ":", "which", "who", "whom", "whose", "whereas", "while", "because", "although", "though", "since", "unless", "but"]);
const SPEECH = new Set(["say", "state", "write", "tell", "claim", "argue", "warn", "note", "report", "add", "insist", "declare", "announce", "conclude", "believe", "think", "suggest", "stress", "emphasize", "emphasise", "affirm", "acknowledge", "admit", "assert", "maintain", "contend", "explain", "reply", "respond", "allege", "confirm", "predict", "aware", "quote", "echo", "told", "said", "wrote", "stated"]);
const NEGATORS = new Set(["not", "n't", "never", "no", "without", "neither", "nor", "hardly", "cannot"]);
const NON_PARTICIPANT = new Set(["agreement", "region"]);
const SUBJECT_TYPES = new Set(["state", "government", "official", "military", "igo", "organization", "group", "person"]);

const ARENA_WORDS: Record<Arena, ReadonlySet<string>> = {
  military: new Set(["military", "militarily", "naval", "navy", "army", "drill", "drills", "exercise", "arms", "weapon", "weapons", "missile", "missiles", "s-300", "s-400", "troops", "troop", "war", "wars", "defence", "defense", "warship", "warships", "jet", "jets", "bomber", "bombers", "airbase", "base", "bases", "occupy", "occupation", "invasion", "invade", "strike", "strikes", "airstrike", "airstrikes", "drone", "drones", "frigate", "destroyer", "fleet", "tank", "tanks", "soldier", "soldiers", "combat", "artillery", "power"]),
  economic: new Set(["economic", "economically", "economy", "trade", "trading", "sanction", "sanctions", "embargo", "embargoes", "oil", "gas", "currency", "currencies", "dollar", "financial", "finance", "bank", "banks", "banking", "investment", "investments", "invest", "export", "exports", "import", "imports", "tariff", "tariffs", "pipeline", "energy", "business", "commerce", "commercial", "market", "markets", "payment", "payments", "loan", "loans", "goods", "barter", "railway", "corridor", "instex"]),
  security: new Set(["intelligence", "security", "terrorism", "terrorist", "terrorists", "counter-terrorism", "counterterrorism", "cyber", "espionage", "spy", "spies", "extremism", "extremist", "extremists", "police", "nuclear", "surveillance", "border"]),
  political: new Set(["political", "politically", "diplomatic", "diplomatically", "diplomacy"]),
};


interface SentenceCtx {
  readonly s: SentenceSpan;
  readonly idx: number;
  readonly mentions: readonly ActorMention[];
  /** coordination groups: mention index → actor ids of its group */
  readonly groups: ReadonlyMap<ActorMention, readonly string[]>;
}

export interface CoderParts {
  readonly patterns: PatternIndex;
  readonly lexicon: Lexicon;
}

export interface CoderOptions {
  /** the date the document speaks from (publication, or inferred) */
  readonly date: string | null;
}

/** Codes the events of a document that has tokens, sentences, mentions and actors. */
export function codeEvents(doc: Doc, parts: CoderParts, opts: CoderOptions): { events: CodedEvent[]; diagnostics: Diagnostic[] } {
  const text = doc.text;
  const toks = doc.layers.tokens ?? [];
  const sentences = doc.layers.sentences ?? [];
  const allMentions = (doc.layers.mentions ?? []) as readonly ActorMention[];
  const actors = new Map(((doc.layers.actors ?? []) as readonly DocActor[]).map((a) => [a.id, a]));
  const countryOf = (id: string): string | null => actors.get(id)?.country ?? null;
  const typeOf = (id: string) => actors.get(id)?.type;
  const events: CodedEvent[] = [];
  const diagnostics: Diagnostic[] = [];
  const refDate = opts.date ? isoToDate(opts.date) : undefined;

  let mi = 0;
  sentences.forEach((s, si) => {
    while (mi < allMentions.length && allMentions[mi]!.firstToken < s.firstToken) mi++;
    const mentions: ActorMention[] = [];
    for (let k = mi; k < allMentions.length && allMentions[k]!.firstToken <= s.lastToken; k++) {
      const m = allMentions[k]!;
      const t = typeOf(m.actor);
      if (m.members || (t && t !== "region")) mentions.push(m);
    }
    // the patterns each token may trigger; a sentence with none costs nothing more
    const candsAt = new Map<number, CompiledPattern[]>();
    for (let i = s.firstToken; i <= s.lastToken; i++) {
      const t = toks[i]!;
      const byWord = parts.patterns.byWord;
      let list = byWord.get(t.lemma) ?? byWord.get(t.norm);
      if (!list && (t.pos === "VERB" || t.pos === "ADJ")) for (const w of stems(t.norm)) if ((list = byWord.get(w))) break;
      if (!list) continue;
      const forms = t.pos === "VERB" || t.pos === "ADJ" ? [t.lemma, t.norm, ...stems(t.norm)] : [t.lemma, t.norm];
      candsAt.set(i, [...new Set(forms.flatMap((w) => byWord.get(w) ?? []))].sort((a, b) => b.priority - a.priority));
    }
    if (candsAt.size === 0) return;
    if (aboutSport(toks, s)) return;
    const ctx: SentenceCtx = { s, idx: si, mentions, groups: coordination(toks, mentions) };
    const attribution = attributions(text, toks, ctx, typeOf);
    const dateOf = sentenceDate(text, s, toks, mentions, parts.lexicon, refDate, opts.date);
    // tokens an event already rests on (its anchor and the word its pattern required) cannot
    // trigger another event: "continue to have a close partnership" is one event, not two
    const consumed = new Set<number>();
    const here: CodedEvent[] = [];
    for (let i = s.firstToken; i <= s.lastToken; i++) {
      if (consumed.has(i)) continue;
      const cands = candsAt.get(i);
      if (!cands) continue;
      let fallback: { p: CompiledPattern; len: number } | null = null;
      let done = false;
      for (const p of cands) {
        const m = anchorAt(toks, i, s, p, consumed);
        if (!m) continue;
        fallback ??= { p, len: m.len };
        const ev = applyPattern(p, i, i + m.len - 1, ctx, m.required);
        if (!ev) continue;
        done = true;
        for (let k = i; k < i + m.len; k++) consumed.add(k);
        if (m.required >= 0) consumed.add(m.required);
        // the same happening named twice close together ("request to join", "close to an
        // agreement on using their national currencies"): keep the first
        const twin = here.find((x) => {
          // one phrase ("request to join", "close to an agreement on using…"): no "and", comma
          // or semicolon between the two triggers
          const xi = toks.findIndex((y) => y.start === x.anchor.start);
          const [lo, hi] = xi < i ? [xi, i] : [i, xi];
          const onePhrase = hi - lo <= 6 && !toks.slice(lo + 1, hi).some((y) => y.norm === "and" || y.norm === "," || y.norm === ";" || y.norm === "but");
          return x.polarity === ev.polarity && onePhrase && overlaps(x, ev, countryOf);
        });
        if (twin) {
          twin.explain.push(`also found as ${p.id} on "${ev.anchor.text}" (kept once)`);
          break;
        }
        here.push(ev);
        events.push({ ...ev, id: `e${events.length + 1}` });
        break;
      }
      if (!done && fallback) {
        // no participants found: the event is still typed (for evaluation), but not output
        const u = untargeted(fallback.p, i, i + fallback.len - 1, ctx);
        if (u) {
          events.push({ ...u, id: `u${events.length + 1}` });
          for (let k = i; k < i + fallback.len; k++) consumed.add(k);
        }
      }
    }
    function untargeted(p: CompiledPattern, a: number, b: number, c: SentenceCtx): CodedEvent | null {
      const neg = negation(toks, a, c.s);
      if (neg && parts.patterns.ontology.types[p.type]?.quad === "material-conflict") return null;
      const polarity: Polarity = neg ? (p.polarity === "cooperation" ? "conflict" : "cooperation") : p.polarity;
      const modality = modalityOf(toks, a, c.s, text);
      return {
        id: "",
        type: p.type,
        mode: p.mode,
        cameo: p.cameo ?? parts.patterns.ontology.types[p.type]?.cameo ?? null,
        polarity,
        intensity: parts.patterns.intensity(p.type, p.mode, p.cameo ?? null, polarity),
        arena: arenaOf(p, toks, a, c.s, allMentions),
        source: [],
        target: [],
        mutual: false,
        modality: modality.value,
        negated: !!neg,
        attributedTo: null,
        date: null,
        location: null,
        evidence: { start: c.s.start, end: c.s.end, text: text.slice(c.s.start, c.s.end) },
        confidence: 0.3,
        rule: p.id,
        sentence: c.idx,
        anchor: { start: toks[a]!.start, end: toks[b]!.end, text: text.slice(toks[a]!.start, toks[b]!.end) },
        explain: [`pattern ${p.id} on "${text.slice(toks[a]!.start, toks[b]!.end)}": no source and target found; typed only`],
        untargeted: true,
      };
    }
    // the events of one sentence get its attribution, date and modality
    function applyPattern(p: CompiledPattern, a: number, b: number, c: SentenceCtx, required: number): CodedEvent | null {
      const explain: string[] = [`pattern ${p.id} (${p.where}) on "${text.slice(toks[a]!.start, toks[b]!.end)}"`];
      const passive = isPassive(toks, a, b, c.s);
      let srcSlot = p.source;
      let tgtSlot = p.target;
      if (passive && srcSlot === "subject" && (tgtSlot === "object" || typeof tgtSlot === "object")) {
        // "X was hailed by Y": Y is the source, X the target
        const agent = findPrep(["by"], toks, a, b, c, 6);
        if (agent.length) {
          explain.push("passive voice: source after \"by\", target is the subject");
          srcSlot = { prep: ["by"] };
          tgtSlot = "subject";
        }
      }
      if (!passive && srcSlot === "subject" && p.type !== "MOBILIZE" && isPassiveForm(toks, a) && toks[a]!.pos === "VERB") {
        // "had been fired at the Iraqi port": a passive without its agent names no source
        explain.push("passive voice without an agent: no source");
        return null;
      }
      let source = fill(srcSlot, a, b, c, "source", required);
      const who = attribution(a);
      if (source.length === 0 && (srcSlot === "subject" || srcSlot === "owner") && who && countryOf(who.actor)) {
        // "X concluded that being too close to Y is dangerous": the speaker's state holds the stance
        source = [countryOf(who.actor)!];
        explain.push(`no subject in the clause: the source is the speaker's state ${source[0]}`);
      }
      let target = tgtSlot === "self" ? source : fill(tgtSlot, a, b, c, "target", required);
      let mutual = p.mutual || tgtSlot === "self" || srcSlot === "between";
      if (source.length === 0 && (srcSlot === "subject" || srcSlot === "subject-or-possessor") && target.length >= 2 && mutual) source = target;
      const canBeMutual = p.mutual || ["AGREE", "CONSULT", "COOPERATE", "ALIGN", "DISTRUST"].includes(p.type);
      if (target.length === 0 && source.length >= 2 && canBeMutual && (tgtSlot === "object" || tgtSlot === "between" || typeof tgtSlot === "object")) {
        // "Iran and Russia are close to an agreement": the coordinated subject is both sides
        target = source;
        mutual = true;
        explain.push("no target: the coordinated source acts together (mutual)");
      }
      if (source.length === 0 || target.length === 0) return null;
      // within one group both sides are the same actors: keep it only when several states act together
      if (source === target || sameSet(source, target)) {
        if (new Set(source.map((x) => countryOf(x) ?? x)).size < 2) return null;
        mutual = true;
      } else {
        target = target.filter((x) => !source.includes(x));
        const sc = new Set(source.map((x) => countryOf(x) ?? x));
        const tc = target.map((x) => countryOf(x) ?? x);
        if (target.length === 0 || (tc.every((x) => sc.has(x)) && target.every((x) => !NON_PARTICIPANT.has(typeOf(x) ?? "")))) {
          // same state on both sides: domestic politics, not a relationship between states
          const igoTarget = target.some((x) => ["igo", "mechanism", "agreement"].includes(typeOf(x) ?? ""));
          if (!igoTarget) return null;
        }
      }
      explain.push(`source ${source.join("+")} (${slotName(srcSlot)}), target ${target.join("+")} (${slotName(tgtSlot)})${mutual ? ", mutual" : ""}`);
      const neg = negation(toks, a, c.s);
      const quad = parts.patterns.ontology.types[p.type]?.quad ?? "";
      if (neg && quad === "material-conflict") {
        // "Russia did not attack Georgia": an attack that did not happen is not an event
        return null;
      }
      const hist = historical(text, c.s, dateOf(a), opts.date);
      if (hist) {
        diagnostics.push({ code: "HISTORICAL_BACKGROUND", message: `not coded: ${hist}`, start: c.s.start, end: c.s.end });
        return null;
      }
      let polarity: Polarity = p.polarity;
      if (neg) {
        polarity = polarity === "cooperation" ? "conflict" : "cooperation";
        explain.push(`negated by "${neg}": polarity ${p.polarity} → ${polarity}`);
      } else explain.push(`polarity ${polarity} (pattern)`);
      const modality = modalityOf(toks, a, c.s, text);
      explain.push(`modality ${modality.value}${modality.cue ? ` (cue "${modality.cue}")` : ""}`);
      explain.push(who ? `attributed to ${who.actor} (${who.how})` : "attributed to the author");
      const arena = arenaOf(p, toks, a, c.s, allMentions);
      explain.push(`arena ${arena.join(", ")}${p.arena === "infer" ? " (from the sentence's words)" : " (pattern)"}`);
      const date = dateOf(a);
      explain.push(date ? `date ${date.from}${date.to !== date.from ? `…${date.to}` : ""} from "${date.text}"` : "no date in the sentence");
      let confidence = p.confidence;
      if (srcSlot !== p.source) confidence *= 0.95;
      if (modality.value !== "asserted") confidence *= 0.95;
      const ev: CodedEvent = {
        id: `e${events.length + 1}`,
        type: p.type,
        mode: p.mode,
        cameo: p.cameo ?? parts.patterns.ontology.types[p.type]?.cameo ?? null,
        polarity,
        intensity: parts.patterns.intensity(p.type, p.mode, p.cameo ?? null, polarity),
        arena,
        source,
        target,
        mutual,
        modality: modality.value,
        negated: !!neg,
        attributedTo: who?.actor ?? null,
        date,
        location: null,
        evidence: { start: c.s.start, end: c.s.end, text: text.slice(c.s.start, c.s.end) },
        confidence: Math.round(confidence * 100) / 100,
        rule: p.id,
        ...(p.fragility ? { fragility: true } : {}),
        ...(p.hedging ? { hedging: true } : {}),
        sentence: c.idx,
        anchor: { start: toks[a]!.start, end: toks[b]!.end, text: text.slice(toks[a]!.start, toks[b]!.end) },
        explain,
      };
      return ev;
    }
  });

  /** Actor ids a slot names, expanded over coordination and group mentions. */
  function fill(slot: Slot, a: number, b: number, c: SentenceCtx, side: "source" | "target", required: number): string[] {
    const ids = (m: ActorMention | undefined): string[] => (m ? [...(m.members ?? c.groups.get(m) ?? [m.actor])] : []);
    if (slot === "subject") return ids(subjectOf(toks, a, c, typeOf));
    if (slot === "owner") {
      // "deepen its collaboration with Moscow": the owner of the required noun, else the subject
      const own = required > 0 ? c.mentions.find((m) => m.lastToken < required && m.lastToken >= required - 3 && (m.form === "coref" || isPossessive(toks, m))) : undefined;
      return ids(own ?? subjectOf(toks, a, c, typeOf));
    }
    if (slot === "previous") {
      const first = clauseStart(toks, a, c.s);
      const prev = [...c.mentions].reverse().find((m) => m.lastToken < a && m.firstToken >= first && typeOf(m.actor) !== "region" && !isPossessive(toks, m));
      return ids(prev);
    }
    if (slot === "object") return ids(objectOf(toks, b, c, typeOf, side));
    if (slot === "possessor") return ids(possessorOf(toks, a, b, c));
    if (slot === "subject-or-possessor") return ids(subjectOf(toks, a, c, typeOf) ?? possessorOf(toks, a, b, c));
    if (slot === "possessor-or-subject") return ids(possessorOf(toks, a, b, c) ?? subjectOf(toks, a, c, typeOf));
    if (slot === "between") return betweenOf(toks, a, b, c);
    if (slot === "self") return [];
    if ("prep" in slot) return findPrep(slot.prep, toks, a, b, c, 10).flatMap((m) => ids(m)).slice(0, 6);
    return findPrep(slot.after, toks, a, b, c, 25).flatMap((m) => ids(m)).slice(0, 6);
  }

  return { events: events.map(dedupeIds), diagnostics };
}

/** Whether two events share their participants (by state). */
function overlaps(x: OutEvent, y: OutEvent, countryOf: (id: string) => string | null): boolean {
  const side = (ids: readonly string[]) => new Set(ids.map((i) => countryOf(i) ?? i));
  const xs = side([...x.source, ...x.target]);
  const ys = side([...y.source, ...y.target]);
  let common = 0;
  for (const v of ys) if (xs.has(v)) common++;
  return common >= Math.min(2, ys.size);
}

function dedupeIds(e: CodedEvent): CodedEvent {
  return { ...e, source: [...new Set(e.source)], target: [...new Set(e.target)] };
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

function slotName(s: Slot): string {
  return typeof s === "string" ? s : "prep" in s ? `after ${s.prep.join("/")}` : `later after ${s.after.join("/")}`;
}

/** The pattern's anchor at token i: its length and the token its `requires` found, or null. */
function anchorAt(toks: readonly TokenSpan[], i: number, s: SentenceSpan, p: CompiledPattern, consumed: ReadonlySet<number>): { len: number; required: number } | null {
  const t = toks[i]!;
  // wink tags capitalised nouns (a sentence's first word) as proper nouns
  // and past participles as adjectives ("Pakistan alleged that…")
  if (p.pos && !p.pos.includes(t.pos as never) && !(t.pos === "PROPN" && p.pos.includes("NOUN")) && !(t.pos === "ADJ" && /(ed|ing)$/.test(t.norm) && p.pos.includes("VERB"))) return null;
  let len = 0;
  for (const words of p.anchorWords) {
    if (words.length <= len) continue;
    let ok = true;
    for (let k = 0; k < words.length && ok; k++) {
      const x = toks[i + k];
      ok = !!x && i + k <= s.lastToken && (x.lemma === words[k] || x.norm === words[k] || inflects(x.norm, words[k]!));
    }
    if (ok) len = words.length;
  }
  if (!len) return null;
  let required = -1;
  if (p.requires) {
    const w = p.requires.window;
    const near = (from: number, to: number, want: readonly string[]) => {
      for (let k = Math.max(s.firstToken, from); k <= Math.min(s.lastToken, to); k++) {
        if (consumed.has(k)) continue;
        if (want.includes(toks[k]!.lemma) || want.includes(toks[k]!.norm)) return k;
      }
      return -1;
    };
    if (p.requires.after) {
      required = near(i + len, i + len - 1 + w, p.requires.after);
      if (required < 0) return null;
    }
    if (p.requires.before && near(i - w, i - 1, p.requires.before) < 0) return null;
  }
  if (p.unless) {
    for (let k = i + len; k <= Math.min(s.lastToken, i + len + 2); k++) if (p.unless.includes(toks[k]!.lemma) || p.unless.includes(toks[k]!.norm)) return null;
  }
  return { len, required };
}

/** Candidate stems of an inflected word ("alleged" → "alleg", "allege"), to find its patterns. */
function stems(w: string): string[] {
  const out: string[] = [];
  for (const suf of ["ed", "d", "ing", "es", "s"]) {
    if (w.length > suf.length + 2 && w.endsWith(suf)) {
      const base = w.slice(0, -suf.length);
      out.push(base, base + "e");
      if (/([bdgklmnprt])\1$/.test(base)) out.push(base.slice(0, -1));
    }
  }
  return out;
}

/** Whether `form` is a regular inflection of `stem` ("alleged" of "allege"), for words the tagger mislabels. */
function inflects(form: string, stem: string): boolean {
  if (form.length <= stem.length || !form.startsWith(stem.replace(/e$/, ""))) return false;
  const rest = form.slice(stem.replace(/e$/, "").length);
  return /^(e?s|e?d|ing|[bdgklmnprt](ed|ing))$/.test(rest) && (rest.length > 1 || stem.endsWith("e"));
}

/** Groups of mentions joined by "and", commas or hyphens: "Iran and Russia", "Iranian-Russian-Chinese". */
function coordination(toks: readonly TokenSpan[], mentions: readonly ActorMention[]): Map<ActorMention, string[]> {
  const groups = new Map<ActorMention, string[]>();
  let run: ActorMention[] = [];
  let links: string[] = [];
  const flush = () => {
    // a list joined by commas must end with "and"/"or" ("A, B and C"); otherwise the comma
    // separates clauses ("a war between Iran and the U.S., Russia will…")
    while (links.length && !/\b(and|or|-)\b|^-$/.test(links[links.length - 1]!)) {
      const cut = links.length;
      run = run.slice(0, cut);
      links = links.slice(0, cut - 1);
    }
    if (run.length > 1) {
      const ids = [...new Set(run.flatMap((m) => m.members ?? [m.actor]))];
      for (const m of run) groups.set(m, ids);
    }
    run = [];
    links = [];
  };
  // a demonym right before a titled name ("Putin and Chinese leader Xi") belongs to that name
  const skip = new Set(
    mentions.filter((m, i) => {
      const next = mentions[i + 1];
      return m.modifier && m.form === "demonym" && !!next && next.form !== "demonym" && next.firstToken - m.lastToken <= 3 && toks[m.lastToken + 1]?.norm !== "-";
    }),
  );
  for (const m of mentions) {
    if (skip.has(m)) continue;
    const prev = run[run.length - 1];
    if (prev) {
      const between = toks
        .slice(prev.lastToken + 1, m.firstToken)
        .filter((t, k, all) => !(t.pos === "NOUN" && all[0]?.norm === "and" && [...skip].some((x) => x.lastToken < prev.lastToken + 1 + k && x.firstToken > prev.lastToken)) && ![...skip].some((x) => x.firstToken <= prev.lastToken + 1 + k && x.lastToken >= prev.lastToken + 1 + k))
        .map((t) => t.norm)
        .join(" ");
      // "According to Beijing, Russia and China…": a capital standing for a government does not
      // start a list of states, nor does the source introduced by "according to"
      const metonym = (x: ActorMention) => x.form === "capital" || x.form === "seat";
      const listable = between !== "," || (metonym(prev) === metonym(m) && toks[run[0]!.firstToken - 2]?.norm !== "according");
      if (listable && /^(and|,|, and|,and|-|and the|, the|, and the|or|both)$/.test(between) && !/^['’]s$/.test(toks[prev.lastToken + 1]?.norm ?? "")) {
        run.push(m);
        links.push(between);
        continue;
      }
    }
    flush();
    run = [m];
  }
  flush();
  return groups;
}

function prepBefore(toks: readonly TokenSpan[], m: ActorMention, first: number): string | null {
  let k = m.firstToken - 1;
  // skip determiners, adjectives and leaning words inside the noun phrase
  while (k >= first && (/^(the|a|an|its|their|his|her|our|both|all|other|several|many|some)$/.test(toks[k]!.norm) || (toks[k]!.pos === "ADJ" && k > first))) k--;
  if (k < first) return null;
  const n = toks[k]!.norm;
  if (n === "and" || n === ",") {
    // inside a coordination: the preposition before its first member counts
    return null;
  }
  return PREPS.has(n) ? n : null;
}

function isPossessive(toks: readonly TokenSpan[], m: ActorMention): boolean {
  return /^['’]s?$/.test(toks[m.lastToken + 1]?.norm ?? "") && (toks[m.lastToken + 1]!.norm.length > 1 || toks[m.lastToken + 1]!.start === toks[m.lastToken]!.end);
}

function inParens(toks: readonly TokenSpan[], m: ActorMention, first: number): boolean {
  for (let k = m.firstToken - 1; k >= first; k--) {
    if (toks[k]!.norm === ")") return false;
    if (toks[k]!.norm === "(") return true;
  }
  return false;
}

/** The first member of m's coordination group (so "Iran and Russia" is judged by "Iran"). */
function groupHead(c: SentenceCtx, m: ActorMention): ActorMention {
  const g = c.groups.get(m);
  if (!g) return m;
  for (const x of c.mentions) if (c.groups.get(x) === g) return x;
  return m;
}

function clauseStart(toks: readonly TokenSpan[], a: number, s: SentenceSpan): number {
  for (let k = a - 1; k >= s.firstToken; k--) {
    const n = toks[k]!.norm;
    if (CLAUSE_BREAK.has(n) && !(n === "since" && toks[k + 1] && /^\d/.test(toks[k + 1]!.norm))) return k + 1;
    if (n === "that" && toks[k]!.pos === "SCONJ") return k + 1;
    // "the paper said the missile had been fired…": a speech verb opens the reported clause
    if (toks[k]!.pos === "VERB" && SPEECH.has(toks[k]!.lemma) && k < a - 1) return k + 1;
    if (n === "“" || n === '"') return k + 1;
  }
  return s.firstToken;
}

function clauseEnd(toks: readonly TokenSpan[], b: number, s: SentenceSpan): number {
  for (let k = b + 1; k <= s.lastToken; k++) {
    const n = toks[k]!.norm;
    if (n === ";" || n === "." || n === "which" || n === "while" || n === "whereas" || n === "but" || n === "because" || n === "although") return k - 1;
  }
  return s.lastToken;
}

/** "his", "its", "their" before a noun: they modify the head, they are not it. */
function possessivePronoun(toks: readonly TokenSpan[], m: ActorMention): boolean {
  return m.form === "coref" && /^(his|her|its|their)$/.test(toks[m.firstToken]!.norm);
}

/** The actor heading the clause before the anchor. */
function subjectOf(toks: readonly TokenSpan[], a: number, c: SentenceCtx, typeOf: (id: string) => string | undefined): ActorMention | undefined {
  const first = clauseStart(toks, a, c.s);
  for (let k = c.mentions.length - 1; k >= 0; k--) {
    const m = c.mentions[k]!;
    if (m.lastToken >= a || m.firstToken < first) continue;
    const t = m.members ? "state" : typeOf(m.actor);
    if (!t || !SUBJECT_TYPES.has(t)) continue;
    if (inParens(toks, m, first)) continue;
    if (isPossessive(toks, m)) {
      // "Iran's efforts to combat", "Iran's request to join": the possessor acts
      const noun = toks[m.lastToken + 2];
      const inf = toks[m.lastToken + 3];
      if (noun && inf && inf.norm === "to" && m.lastToken + 4 <= a) return m;
      continue;
    }
    const head = groupHead(c, m);
    if (prepBefore(toks, head, first)) continue;
    // an object of an earlier verb ("occupy Georgia to stop…") is not this verb's subject
    const before = toks[head.firstToken - 1];
    if (before && before.pos === "VERB" && head.firstToken - 1 >= first && !/^(according|citing)$/.test(before.norm) && !SPEECH.has(before.lemma)) continue;
    if (m.modifier && m.form !== "plural" && !(m.form !== "demonym" && m.lastToken === a - 1)) continue;
    return m;
  }
  // an actor modifying the subject noun: "A U.S. drone strike killed…"
  for (const m of c.mentions) {
    if (m.firstToken < first || m.lastToken >= a || m.firstToken > first + 3) continue;
    if (m.modifier && !isPossessive(toks, m)) return m;
  }
  // the subject phrase names its actors after "between" or "of": "Closer ties between Delhi
  // and Washington will unsettle Beijing", "The alliance of A, B and C is…"
  for (const m of c.mentions) {
    if (m.firstToken < first || m.lastToken >= a || m.firstToken > first + 6) continue;
    const p = toks[groupHead(c, m).firstToken - 1]?.norm;
    if (p === "between" || p === "of" || p === "among" || (p === "in" && m.firstToken <= first + 3)) return m;
  }
  return undefined;
}

/**
 * The actor heading the object of the anchor: the first noun phrase after it ("opposed U.S.
 * pressure", "views Tehran as", "a weak Iran"), or an actor one preposition further ("changes
 * to Russia's plan"); a second noun or a verb ends the search.
 */
function objectOf(toks: readonly TokenSpan[], b: number, c: SentenceCtx, typeOf: (id: string) => string | undefined, side: "source" | "target"): ActorMention | undefined {
  const end = Math.min(clauseEnd(toks, b, c.s), b + 14);
  let nouns = 0;
  let hops = 0;
  for (let k = b + 1; k <= end; k++) {
    const m = c.mentions.find((x) => x.firstToken === k && !possessivePronoun(toks, x));
    if (m) {
      const t = m.members ? "state" : typeOf(m.actor);
      const skip = !t || t === "region" || (side === "source" && t === "agreement") || (t === "media" && !m.members) || (m.place && m.modifier);
      if (!skip) return m;
      k = m.lastToken;
      continue;
    }
    const tk = toks[k]!;
    if (tk.norm === "," || tk.norm === ";" || tk.norm === ":" || tk.norm === "--" || tk.norm === "." || tk.norm === "(") return undefined;
    if (tk.pos === "VERB" || tk.pos === "AUX") return undefined;
    if (tk.pos === "NOUN" || tk.pos === "PROPN") {
      if (++nouns > 3) return undefined;
      continue;
    }
    if (tk.pos === "ADP" || tk.pos === "SCONJ" || tk.norm === "that") {
      if (!["to", "with", "against", "on", "for", "of", "into", "from", "over", "toward", "towards", "that"].includes(tk.norm) || ++hops > 1) return undefined;
      nouns = 0;
      continue;
    }
  }
  return undefined;
}

/** "Iran's request", "Russian reluctance", "U.S.-enforced embargoes", "the support of the Russians". */
function possessorOf(toks: readonly TokenSpan[], a: number, b: number, c: SentenceCtx): ActorMention | undefined {
  for (let k = c.mentions.length - 1; k >= 0; k--) {
    const m = c.mentions[k]!;
    if (m.lastToken >= a) continue;
    const gap = a - m.lastToken - 1;
    if (gap > 4) break;
    let ok = true;
    for (let x = m.lastToken + 1; x < a && ok; x++) {
      const t = toks[x]!;
      ok = /^['’]s?$|^-$|^the$/.test(t.norm) || t.pos === "ADJ" || t.pos === "VERB" || t.pos === "NOUN" || t.pos === "PROPN" || t.pos === "ADV";
    }
    if (ok) return m;
    break;
  }
  // "the support of the Russians"
  const of = toks[b + 1]?.norm === "of" ? b + 1 : -1;
  if (of > 0) return c.mentions.find((m) => m.firstToken > of && m.firstToken <= of + 3);
  return undefined;
}

/** "between A and B", before or after the anchor. */
function betweenOf(toks: readonly TokenSpan[], a: number, b: number, c: SentenceCtx): string[] {
  const find = (from: number, to: number) => {
    for (let k = from; k <= to; k++) if (toks[k] && (toks[k]!.norm === "between" || toks[k]!.norm === "among")) return k;
    return -1;
  };
  let k = find(b + 1, Math.min(c.s.lastToken, b + 4));
  if (k < 0) k = find(Math.max(c.s.firstToken, a - 3), a - 1);
  if (k < 0) return [];
  const m = c.mentions.find((x) => x.firstToken > k && x.firstToken <= k + 3);
  if (!m) return [];
  return [...(m.members ?? c.groups.get(m) ?? [m.actor])];
}

/** The first actors after one of `words` following the anchor (or right after an anchor ending in one). */
function findPrep(words: readonly string[], toks: readonly TokenSpan[], a: number, b: number, c: SentenceCtx, window: number): ActorMention[] {
  const end = Math.min(c.s.lastToken, b + window);
  const headAfter = (k: number): ActorMention | undefined => {
    // the noun phrase right after the word: determiners, adjectives, quotes, "(meaning …" only
    for (let x = k + 1; x <= Math.min(c.s.lastToken, k + 8); x++) {
      const m = c.mentions.find((y) => y.firstToken === x && !possessivePronoun(toks, y));
      if (m) return m;
      const t = toks[x]!;
      if (t.pos === "VERB" && t.norm !== "meaning") return undefined;
      if (t.pos === "ADP" || t.pos === "AUX" || t.norm === "," || t.norm === ".") return undefined;
    }
    return undefined;
  };
  if (words.includes(toks[b]!.norm) && b > a - 1) {
    const m = headAfter(b);
    if (m) return [m];
  }
  for (let k = b + 1; k <= end; k++) {
    if (!words.includes(toks[k]!.norm) && !words.includes(toks[k]!.lemma)) continue;
    const m = headAfter(k);
    if (m) return [m];
  }
  return [];
}

/** "was hailed", "had been fired": a past participle after a form of "be". */
function isPassiveForm(toks: readonly TokenSpan[], a: number): boolean {
  const t = toks[a]!;
  if ((t.pos !== "VERB" && t.pos !== "ADJ") || !/(ed|en|wn|ne|t)$/.test(t.norm)) return false;
  const be = /^(is|are|was|were|be|been|being|get|got)$/;
  const prev = toks[a - 1]?.norm ?? "";
  return be.test(prev) || (toks[a - 1]?.pos === "ADV" && be.test(toks[a - 2]?.norm ?? ""));
}

function isPassive(toks: readonly TokenSpan[], a: number, b: number, s: SentenceSpan): boolean {
  if (!isPassiveForm(toks, a)) return false;
  for (let k = b + 1; k <= Math.min(s.lastToken, b + 6); k++) if (toks[k]!.norm === "by") return true;
  return false;
}

function negation(toks: readonly TokenSpan[], a: number, s: SentenceSpan): string | null {
  for (let k = a - 1; k >= Math.max(s.firstToken, a - 4); k--) {
    const n = toks[k]!.norm;
    if (n === "," || n === ";" || n === "that" || n === "but") break;
    if (!NEGATORS.has(n)) continue;
    const next = toks[k + 1]?.norm;
    if (n === "not" && (next === "only" || next === "just" || next === "merely")) continue;
    if (n === "no" && (next === "doubt" || next === "longer")) continue;
    return n;
  }
  return null;
}

const HYPO = /\b(if|unless|in the event of|in case of|in the case of|were to|hypothetical(ly)?|should .* ever)\b|^(were|should|had)\s+\S+(\s+\S+)?\s+to\b/i;

/** Modality from cues in the clause before the anchor, and conditionals in the sentence. */
function modalityOf(toks: readonly TokenSpan[], a: number, s: SentenceSpan, text: string): { value: Modality; cue: string | null } {
  const first = clauseStart(toks, a, s);
  const before = toks.slice(Math.max(first, a - 8), a).map((t) => t.norm);
  const sentence = text.slice(s.start, s.end);
  const has = (...w: string[]) => w.find((x) => before.includes(x)) ?? null;
  const hypo = HYPO.exec(sentence);
  let would = has("would", "could", "might");
  // "A war between India and Pakistan would be a catastrophe": a noun subject of "would"
  if (!would && (toks[a]!.pos === "NOUN" || toks[a]!.pos === "PROPN")) {
    for (let k = a + 1; k <= Math.min(s.lastToken, a + 8); k++) {
      const n = toks[k]!.norm;
      if (n === "," || n === ";" || n === "that") break;
      if (n === "would" || n === "could" || n === "might") {
        would = n;
        break;
      }
    }
  }
  // "South Korea said it would terminate…": a future in reported speech, not a conditional
  if (would === "would" && !hypo && toks.slice(Math.max(s.firstToken, a - 10), a).some((t) => SPEECH.has(t.lemma) && t.pos === "VERB")) return { value: "expected", cue: "said … would" };
  if (would === "would" || (hypo && (has("will", "would", "'ll") || would))) return { value: "hypothetical", cue: hypo?.[0] ?? would };
  if (hypo && toks.slice(first, a).some((t) => t.norm === "if" || t.norm === "event" || t.norm === "case")) return { value: "hypothetical", cue: hypo[0] };
  if (hypo) {
    // inside the conditional clause itself: "Were Israel to strike Iran, …", "if China invaded Taiwan, …"
    const at = s.start + hypo.index;
    const comma = text.indexOf(",", at);
    const pos = toks[a]!.start;
    if (pos >= at && (comma < 0 || pos < comma)) return { value: "hypothetical", cue: hypo[0] };
  }
  const capable = has("capable", "able", "capability", "capabilities");
  if (capable) return { value: "hypothetical", cue: capable };
  const rep = has("reportedly", "allegedly", "purportedly", "supposedly", "rumoured", "rumored");
  if (rep) return { value: "reported", cue: rep };
  const joined = " " + before.join(" ") + " ";
  const desire = /\b(keen|eager|seek|seeks|seeking|sought|want|wants|wanted|wish|wishes|hope|hopes|hoping|aim|aims|aiming|intend|intends|strive|strives|must|should|ought|need|needs|motivation|desire|interest|interested|determined|push|pushing|look|looks|looking|try to deepen)\b/.exec(joined);
  const future = /\b(will|'ll|shall|likely|expected|set|poised|going|plan|plans|planned|may|might|could|close|soon)\b/.exec(joined);
  if (desire && (!future || joined.lastIndexOf(desire[0]) > joined.lastIndexOf(future[0]) || desire[0] === "must" || desire[0] === "seek")) return { value: "desired", cue: desire[0] };
  if (future) return { value: "expected", cue: future[0] };
  return { value: "asserted", cue: null };
}

function arenaOf(p: CompiledPattern, toks: readonly TokenSpan[], a: number, s: SentenceSpan, mentions: readonly ActorMention[]): Arena[] {
  if (p.arena !== "infer") return Array.isArray(p.arena) ? [...p.arena] : [p.arena];
  const found = new Set<Arena>();
  const inMention = (k: number) => mentions.some((m) => m.firstToken <= k && m.lastToken >= k);
  const from = Math.max(s.firstToken, a - 8);
  const to = Math.min(s.lastToken, a + 10);
  for (let k = from; k <= to; k++) {
    const t = toks[k]!;
    for (const arena of ["military", "economic", "security", "political"] as Arena[]) {
      if ((ARENA_WORDS[arena].has(t.norm) || ARENA_WORDS[arena].has(t.lemma)) && !inMention(k)) found.add(arena);
    }
  }
  if (found.size === 0) found.add("political");
  return [...found].sort((x, y) => ["political", "economic", "military", "security"].indexOf(x) - ["political", "economic", "military", "security"].indexOf(y));
}

/** Who says so, per anchor position: "According to X", "X said that …", "it was stated" after an article by X. */
function attributions(text: string, toks: readonly TokenSpan[], c: SentenceCtx, typeOf: (id: string) => string | undefined): (a: number) => { actor: string; how: string } | null {
  const s = c.s;
  const rules: { from: number; actor: string; how: string }[] = [];
  for (let k = s.firstToken; k <= s.lastToken; k++) {
    const t = toks[k]!;
    if (t.norm === "according" && toks[k + 1]?.norm === "to") {
      const m = c.mentions.find((x) => x.firstToken > k + 1 && x.firstToken <= k + 5);
      if (m) rules.push({ from: s.firstToken, actor: m.actor, how: `"according to ${text.slice(m.start, m.end)}"` });
      continue;
    }
    if (!SPEECH.has(t.lemma) && !SPEECH.has(t.norm)) continue;
    if (t.pos !== "VERB" && t.norm !== "aware" && t.pos !== "AUX") continue;
    // "it was stated that": the speaker is the outlet or actor introduced before it
    if ((toks[k - 1]?.norm === "was" || toks[k - 1]?.norm === "is" || toks[k - 1]?.norm === "been") && (toks[k - 2]?.norm === "it" || toks[k - 3]?.norm === "it")) {
      const intro = c.mentions.filter((m) => m.lastToken < k && (typeOf(m.actor) === "media" || typeOf(m.actor) === "organization"));
      const m = intro[0];
      if (m) rules.push({ from: k + 1, actor: m.actor, how: `"it was ${t.norm}" after an article in ${text.slice(m.start, m.end)}` });
      continue;
    }
    const speaker = speakerOf(toks, k, c, typeOf);
    // "…, the Observer newspaper said." covers the whole sentence before it
    const closing = speaker && toks.slice(speaker.lastToken + 1, k).every((y) => y.pos !== "PUNCT") && toks[speaker.firstToken - 1] && /^(,|the)$/.test(toks[speaker.firstToken - 1]!.norm) && k >= s.lastToken - 3;
    if (speaker) rules.push({ from: closing ? s.firstToken : k + 1, actor: speaker.actor, how: `"${text.slice(speaker.start, speaker.end)} ${t.norm}"` });
  }
  return (a: number) => {
    let best: { from: number; actor: string; how: string } | null = null;
    for (const r of rules) if (r.from <= a && (!best || r.from >= best.from)) best = r;
    return best ? { actor: best.actor, how: best.how } : null;
  };
}

/** The subject of a speech verb, skipping "citing X", appositions and prepositional phrases. */
function speakerOf(toks: readonly TokenSpan[], k: number, c: SentenceCtx, typeOf: (id: string) => string | undefined): ActorMention | undefined {
  const first = c.s.firstToken;
  let fallback: ActorMention | undefined;
  for (let x = c.mentions.length - 1; x >= 0; x--) {
    const m = c.mentions[x]!;
    if (m.lastToken >= k) continue;
    const t = typeOf(m.actor);
    if (!t || t === "region" || t === "agreement" || t === "mechanism") continue;
    // stop at an earlier clause: "that" or a semicolon between the mention and the verb
    if (toks.slice(m.lastToken + 1, k).some((y) => y.norm === ";" || (y.norm === "that" && y.pos === "SCONJ"))) break;
    const before = toks[m.firstToken - 1]?.norm;
    const before2 = toks[m.firstToken - 2]?.norm;
    if (before === "citing" || before === "quoting" || before2 === "citing" || before2 === "quoting") continue;
    fallback ??= m;
    if (prepBefore(toks, m, first)) continue;
    if (m.modifier) continue;
    return m;
  }
  return fallback;
}

function isoToDate(iso: string): Date {
  const [y, m, d] = iso.split("-").map(Number);
  return new Date(Date.UTC(y!, (m ?? 6) - 1, d ?? 15));
}

function isoOf(c: chrono.ParsedComponents): string {
  const y = c.get("year");
  const m = c.get("month");
  const d = c.get("day");
  // a weekday ("on Monday") is resolved against the document's date by chrono
  if ((c.isCertain("day") && c.isCertain("month")) || c.isCertain("weekday")) return `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
  if (c.isCertain("month")) return `${y}-${String(m).padStart(2, "0")}`;
  return String(y);
}

/** Dates in a sentence: explicit ones (chrono), "since X took office", "in recent years". */
function sentenceDate(
  text: string,
  s: SentenceSpan,
  toks: readonly TokenSpan[],
  mentions: readonly ActorMention[],
  lex: Lexicon,
  ref: Date | undefined,
  docDate: string | null,
): (a: number) => OutEvent["date"] {
  let found: { at: number; from: string; to: string; text: string }[] | null = null;
  // computed on first use: most sentences never need their dates
  const compute = () => {
    const sentence = text.slice(s.start, s.end);
    const out: { at: number; from: string; to: string; text: string }[] = [];
    // chrono is the slowest step of coding: ask it only when the sentence may hold a date
    const maybeDate = /\b(1[6-9]|20)\d\d\b|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\b(mon|tues|wednes|thurs|fri|satur|sun)day\b|\b(yesterday|today|tomorrow|tonight|last|next|ago|earlier|later)\b/i.test(sentence);
    for (const r of maybeDate ? chrono.parse(sentence, ref ?? new Date(Date.UTC(2000, 0, 1)), { forwardDate: false }) : []) {
      const st = r.start;
      if (!st.isCertain("year") && !(ref && (st.isCertain("weekday") || st.isCertain("day") || /\b(yesterday|today|last|next|ago)\b/i.test(r.text)))) continue;
      if (!ref && !st.isCertain("year")) continue;
      const from = isoOf(st);
      const to = r.end ? isoOf(r.end) : from;
      out.push({ at: s.start + r.index, from, to, text: r.text });
    }
    // bare years chrono leaves alone: "In 1941, …", "signed … in 1921"
    if (out.length === 0) {
      for (const m of sentence.matchAll(/\b(?:in|since|by|from|until|during|of)\s+((?:1[6-9]|20)\d\d)\b(?!s)/gi)) {
        out.push({ at: s.start + m.index, from: m[1]!, to: m[1]!, text: m[0] });
      }
    }
    const since = /\bsince\s+(.{2,60}?)\s+(took office|came to power|became president|was elected|assumed office)/i.exec(sentence);
    if (since) {
      const at = s.start + since.index;
      const m = mentions.find((x) => x.start >= at && x.end <= at + since[0].length);
      const r = m ? roleAt(lex, m.actor, docDate) : null;
      if (r) out.push({ at, from: r.spell.from.slice(0, 7), to: docDate ?? r.spell.from.slice(0, 7), text: since[0] });
    }
    // "during his tenure": the office of the person the sentence names
    const tenure = /\bduring (his|her|their) (tenure|term|time in office|presidency|premiership)\b/i.exec(sentence);
    if (tenure) {
      for (const m of mentions) {
        const r = roleAt(lex, m.actor, docDate);
        if (!r) continue;
        out.push({ at: s.start + tenure.index, from: r.spell.from.slice(0, 7), to: (r.spell.to ?? docDate ?? r.spell.from).slice(0, 7), text: tenure[0] });
        break;
      }
    }
    const recent = /\b(in recent years|in the past few years|over the past few years|in recent months)\b/i.exec(sentence);
    if (recent && docDate) {
      const y = Number(docDate.slice(0, 4));
      const months = /months/.test(recent[0]);
      out.push({ at: s.start + recent.index, from: months ? docDate.slice(0, 7) : String(y - 3), to: docDate.slice(0, months ? 7 : 4), text: recent[0] });
    }
    return out;
  };
  return (a: number) => {
    found ??= compute();
    if (found.length === 0) return null;
    const pos = toks[a]!.start;
    // the nearest date expression, preferring one in the same clause
    const best = [...found].sort((x, y) => Math.abs(x.at - pos) - Math.abs(y.at - pos))[0]!;
    return { from: best.from, to: best.to, text: best.text };
  };
}

/** Historical background is not news: a date long before the document's, or cues such as "during the Cold War". */
function historical(text: string, s: SentenceSpan, date: OutEvent["date"], docDate: string | null): string | null {
  const sentence = text.slice(s.start, s.end);
  const cue = /\b(during the cold war|historically|decades ago|centuries ago|in the (1[5-9]|20)th century|in ancient|in the (?:18|19)\d0s|in the (?:nineteen|twentieth)|back in (?:19|18)\d\d)\b/i.exec(sentence);
  if (cue) return `historical background ("${cue[0]}")`;
  if (!docDate) return null;
  const docYear = Number(docDate.slice(0, 4));
  const decade = /\bin the (19|20)(\d)0s\b/i.exec(sentence);
  const year = date ? Number(date.to.slice(0, 4)) : decade ? Number(decade[1]! + decade[2]! + "9") : null;
  if (year !== null && year < docYear - 15) return `historical background (${date?.text ?? decade![0]}, ${docYear - year} years before the document)`;
  return null;
}

const SPORTS = new Set(["match", "game", "cup", "football", "soccer", "team", "league", "tournament", "olympics", "olympic", "qualifier", "goal", "goals", "scored", "striker", "coach", "championship", "medal", "wrestling", "basketball", "volleyball", "squad", "stadium", "fans", "semifinal", "semi-final", "quarterfinal", "derby"]);

/** Sentences about sport ("Iran clashed with Russia in the World Cup qualifier") code nothing. */
function aboutSport(toks: readonly TokenSpan[], s: SentenceSpan): boolean {
  let n = 0;
  for (let k = s.firstToken; k <= s.lastToken; k++) if (SPORTS.has(toks[k]!.norm)) n++;
  return n >= 1 && toks.slice(s.firstToken, s.lastToken + 1).some((t) => /^(clash|beat|defeat|face|play|draw|win|lose|thrash|host|meet)/.test(t.lemma)) && n >= 1;
}

/** The stage that adds `events`. */
export function eventStage(parts: CoderParts, dateOf: (doc: Doc) => string | null): Stage<unknown> {
  return {
    name: "events",
    requires: ["sentences", "tokens", "mentions", "actors"],
    provides: ["events"],
    run(doc) {
      const r = codeEvents(doc, parts, { date: dateOf(doc) });
      return { layers: { events: r.events }, diagnostics: r.diagnostics };
    },
  };
}

