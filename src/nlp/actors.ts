/**
 * Actor recognition: longest-match lookup over the lexicon's word trie, then composition
 * ("Russian media" → RUSMED, "the Chilean foreign minister, Jane Roe," → one
 * official), outlets described in the text ("the liberal newspaper Example Daily"), unknown
 * capitalised names kept as mentions with a diagnostic, and light coreference within a paragraph
 * ("the two countries", "it", "they").
 */
import type { Diagnostic, Doc, SentenceSpan, TokenSpan } from "../core/doc.js";
import type { ActorType } from "../core/output.js";
import { holderAt, roleAt, type FormTarget, type LexEntry, type Lexicon } from "./lexicon.js";
import type { Stage } from "./pipeline.js";

/** One mention of an actor in the text. */
export interface ActorMention {
  readonly start: number;
  readonly end: number;
  /** actor id (for a group, the first member) */
  readonly actor: string;
  /** members of a group mention ("the two countries", "Iran and Russia") */
  readonly members?: readonly string[];
  /** how it was found: name, demonym, plural, capital, seat, office, composite, outlet, unknown, coref */
  readonly form: string;
  /** id of the rule that found it */
  readonly rule: string;
  /** first and last token index (inclusive) */
  readonly firstToken: number;
  readonly lastToken: number;
  /** used as a place ("in Tehran") rather than as an actor */
  readonly place?: boolean;
  /** modifies a noun ("U.S. pressure", "Russian reluctance") rather than heading a phrase */
  readonly modifier?: boolean;
}

/** An actor as this document knows it (an `entente/1` actor without its mentions). */
export interface DocActor {
  readonly id: string;
  readonly name: string;
  readonly type: ActorType;
  readonly country: string | null;
  readonly code: string | null;
  readonly role: string | null;
  readonly leaning: string | null;
  readonly aliases: readonly string[];
  /** for groups and organisations with known members */
  readonly members?: readonly string[];
}

export interface RecognizeOptions {
  /** the document's date, for date-aware roles; null when unknown */
  readonly date: string | null;
}

const LEANING_WORDS =
  /^(reformist|reform-minded|conservative|ultraconservative|ultra-conservative|hardline|hard-line|hardliner|principlist|moderate|liberal|independent|opposition|pro-government|pro-kremlin|pro-western|pro-iranian|pro-russian|nationalist|state-owned|state-run|state-controlled|state-backed|state-funded|government-owned|government-run|government-controlled|semi-official|official|left-leaning|right-leaning|right-wing|left-wing|centrist|populist|islamist|communist|tabloid|government-affiliated|irgc-affiliated)$/i;
const NP_FILLER = /^(top|senior|former|deputy|leading|influential|popular|main|major|prominent|new|local|national|regional|economic|financial|daily|weekly|online|english-language|persian-language|arabic-language|[a-z]+-language|news|conservative|reformist|hardline|state)$/i;
const LOCATIVE = new Set(["in", "at", "to", "from", "near", "into", "visited", "visit", "visiting", "across", "around", "outside", "inside", "toward", "towards", "via", "through", "reached", "arrived", "left"]);
const TITLE_WORDS = new Set([
  "president", "minister", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "prof", "prof.", "general", "gen.", "gen", "admiral", "adm.", "colonel", "col.", "sheikh", "ayatollah", "king", "queen", "prince", "princess", "emperor", "chancellor", "premier", "senator", "sen.", "rep.", "governor", "gov.", "secretary", "ambassador", "envoy", "commander", "chairman", "sir", "lord", "lady", "pope", "brig.", "lt.", "maj.", "capt.", "rear", "vice", "deputy", "foreign", "prime", "defence", "defense", "supreme", "leader", "spokesman", "spokeswoman", "speaker",
]);
const NOT_NAMES = new Set([
  "the", "a", "an", "this", "that", "these", "those", "it", "its", "he", "she", "they", "we", "i", "but", "and", "or", "in", "on", "at", "for", "with", "as", "by", "of", "to", "from", "if", "when", "while", "after", "before", "since", "despite", "although", "however", "meanwhile", "moreover", "yet", "so", "not", "no", "yes", "all", "both", "some", "many", "most", "other", "such", "according", "perhaps", "interestingly", "indeed", "still", "also", "there", "here", "what", "which", "who", "how", "why", "where",
  "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
  "islamic", "western", "eastern", "northern", "southern", "east", "west", "north", "south", "central", "new", "old", "great", "state", "republic", "kingdom", "federation", "union", "people", "party", "national", "international", "united", "federal", "democratic", "ministry", "council", "office", "department", "government", "parliament", "army", "navy",
]);
const ORG_HEADS = /^(university|institute|institution|ministry|council|agency|party|bank|company|corporation|corp\.?|group|foundation|committee|commission|court|front|movement|army|forces|guard|guards|corps|network|organization|organisation|association|union|center|centre|fund|authority|assembly|parliament|congress|senate|office|service|services|department|school|academy|brigade|brigades|battalion|force|alliance|league|federation|club|forum|initiative|program|programme|project)$/i;
const MEDIA_HEADS = /^(times|news|post|journal|herald|tribune|gazette|daily|telegraph|press|tv|radio|observer|chronicle|monitor|express|mirror|sun|star|globe|record|review|weekly|magazine|dispatch|courier|wire)$/i;
const TWO_WORDS = /^(countries|nations|states|sides|governments|neighbours|neighbors|allies|partners|powers|capitals|leaders|parties)$/i;
const PRONOUN_SINGULAR = new Set(["it", "its", "itself"]);
const PRONOUN_PLURAL = new Set(["they", "their", "them", "themselves"]);

interface Match {
  i: number; // first token
  j: number; // last token, inclusive
  target: FormTarget;
  entry: LexEntry;
}

function isCap(s: string): boolean {
  return isCapAt(s, 0);
}

/** Whether the character at `i` is an upper-case letter, without slicing. */
function isCapAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c >= 65 && c <= 90) return true;
  if (c < 128) return false;
  const ch = text[i]!;
  return ch !== ch.toLowerCase();
}

/** Whether the text's tokens satisfy a form's case rule. */
function caseOk(text: string, toks: readonly TokenSpan[], i: number, t: FormTarget): boolean {
  if (t.caseRule === "any") return true;
  for (let k = 0; k < t.tokens.length; k++) {
    const tok = toks[i + k]!;
    const got = text.slice(tok.start, tok.end);
    const want = t.tokens[k]!;
    if (t.caseRule === "exact") {
      if (got !== want) return false;
    } else if (isCap(want) && !isCap(got)) return false;
  }
  return true;
}

/** Checks an entry's notIf rules around a match. */
function blocked(text: string, toks: readonly TokenSpan[], s: SentenceSpan, m: Match, sentenceWords: () => Set<string>, covered: (k: number) => boolean): boolean {
  for (const rule of m.entry.notIf) {
    // whole tokens, compared lower-cased: "atlanta ," before, "state university" after
    const hit = (phrases: readonly (readonly string[])[], atEnd: boolean) =>
      phrases.some((w) => {
        const from = atEnd ? m.i - w.length : m.j + 1;
        if (from < s.firstToken || from + w.length - 1 > s.lastToken) return false;
        return w.every((x, k) => toks[from + k]!.norm === x || toks[from + k]!.lemma === x);
      });
    if (hit(rule.before, true)) return true;
    if (hit(rule.after, false)) return true;
    if (rule.sentence.some((w) => sentenceWords().has(w))) return true;
    const nameLike = (k: number) => {
      const t = toks[k];
      if (!t || t.kind !== "word" || covered(k)) return false;
      const w = text.slice(t.start, t.end);
      return isCap(w) && !NOT_NAMES.has(t.norm) && !TITLE_WORDS.has(t.norm);
    };
    if (rule.capitalisedBefore && m.i > s.firstToken && nameLike(m.i - 1) && toks[m.i - 1]!.pos === "PROPN") return true;
    if (rule.capitalisedAfter && m.j < s.lastToken && nameLike(m.j + 1)) return true;
  }
  return false;
}

/** Longest valid lexicon matches in a sentence, left to right, without overlaps. */
function trieMatches(lex: Lexicon, text: string, toks: readonly TokenSpan[], s: SentenceSpan): Match[] {
  const out: Match[] = [];
  let words: Set<string> | null = null;
  const sentenceWords = () => (words ??= new Set(toks.slice(s.firstToken, s.lastToken + 1).map((t) => t.norm)));
  const claimed = new Set<number>();
  for (let i = s.firstToken; i <= s.lastToken; ) {
    let node = lex.root.next.get(toks[i]!.norm);
    if (!node) {
      i++;
      continue;
    }
    const found: Match[] = [];
    for (let j = i; node; ) {
      if (node.targets) for (const target of node.targets) found.push({ i, j, target, entry: lex.entries.get(target.entry)! });
      j++;
      if (j > s.lastToken) break;
      node = node.next.get(toks[j]!.norm);
    }
    let chosen: Match | null = null;
    for (let k = found.length - 1; k >= 0 && !chosen; k--) {
      const m = found[k]!;
      if (!caseOk(text, toks, i, m.target)) continue;
      if (m.entry.notIf.length && m.target.kind !== "demonym" && m.target.kind !== "plural" && blocked(text, toks, s, m, sentenceWords, (x) => claimed.has(x))) continue;
      chosen = m;
    }
    if (chosen) {
      out.push(chosen);
      for (let k = chosen.i; k <= chosen.j; k++) claimed.add(k);
      i = chosen.j + 1;
    } else i++;
  }
  return out;
}

const slug = (s: string) =>
  s
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 40) || "UNNAMED";

/**
 * Recognises actors in a document with sentences and tokens. Pure: the lexicon and options are
 * passed in.
 */
export function recognizeActors(doc: Doc, lex: Lexicon, opts: RecognizeOptions): { mentions: ActorMention[]; actors: DocActor[]; diagnostics: Diagnostic[] } {
  const text = doc.text;
  const toks = doc.layers.tokens ?? [];
  const sentences = doc.layers.sentences ?? [];
  const actors = new Map<string, { a: DocActor; aliases: Set<string> }>();
  const mentions: ActorMention[] = [];
  const diagnostics: Diagnostic[] = [];
  const surface = (i: number, j: number) => text.slice(toks[i]!.start, toks[j]!.end);

  const ensure = (a: DocActor, seen?: string): string => {
    let rec = actors.get(a.id);
    if (!rec) actors.set(a.id, (rec = { a, aliases: new Set(a.aliases) }));
    else if (a.leaning && !rec.a.leaning) rec.a = { ...rec.a, leaning: a.leaning };
    if (seen) rec.aliases.add(seen);
    return a.id;
  };
  // one DocActor per gazetteer entry and document, made on first mention
  const made = new Map<string, DocActor>();
  const fromEntry = (e: LexEntry): DocActor => {
    const hit = made.get(e.id);
    if (hit) return hit;
    const a = makeActor(e);
    made.set(e.id, a);
    return a;
  };
  const makeActor = (e: LexEntry): DocActor => {
    let role: string | null = e.role ?? null;
    let code = e.code;
    if (e.source === "persons") {
      const r = roleAt(lex, e.id, opts.date);
      if (r) {
        role = r.current ? r.spell.role : `former ${r.spell.role}`;
        code = r.current ? `${r.spell.country}${r.spell.sector}` : e.country;
      }
    }
    const type: ActorType = e.source === "persons" ? "official" : e.type;
    return { id: e.id, name: e.name, type, country: e.country, code, role, leaning: e.leaning, aliases: [e.name, ...e.aliases.slice(0, 8)], members: e.members };
  };
  const composite = (state: LexEntry, sector: LexEntry, seen: string): string => {
    const demonym = state.demonym ?? state.name;
    if (sector.role) {
      const who = holderAt(lex, state.id, sector.role, opts.date);
      if (who) return ensure(fromEntry(lex.entries.get(who)!), seen);
      const id = `${state.id}_${sector.id}`;
      return ensure({ id, name: `${demonym} ${sector.role}`, type: "official", country: state.id, code: `${state.id}${sector.sector}`, role: sector.role, leaning: null, aliases: [] }, seen);
    }
    const id = `${state.id}${sector.sector}`;
    const typeName = sector.type === "official" ? "government" : sector.type;
    return ensure({ id, name: `${demonym} ${sector.name}`, type: typeName, country: state.id, code: id, role: null, leaning: null, aliases: [] }, seen);
  };
  const push = (m: ActorMention) => mentions.push(m);

  for (const s of sentences) {
    // mentions of this sentence start here; the passes below look at these only
    const first = mentions.length;
    const local = () => mentions.slice(first);
    const matches = trieMatches(lex, text, toks, s);
    const covered = new Set<number>();
    for (const m of matches) for (let k = m.i; k <= m.j; k++) covered.add(k);
    const used = new Set<Match>();
    const nextMatch = (after: number, maxGap: number, ok: (m: Match) => boolean): Match | null => {
      for (const m of matches) if (m.i > after && m.i <= after + 1 + maxGap && ok(m)) return m;
      return null;
    };
    // tokens between two positions must be modifiers only (adjectives, hyphens, leaning words)
    const onlyModifiers = (from: number, to: number) => {
      for (let k = from; k < to; k++) {
        const t = toks[k]!;
        if (covered.has(k)) return false;
        if (t.norm === "-" || t.norm === "the" || LEANING_WORDS.test(t.norm) || NP_FILLER.test(t.norm) || t.pos === "ADJ") continue;
        // hyphenated leaning words come as three tokens: state - owned
        if (/^(owned|run|controlled|backed|funded|affiliated|leaning|wing|line|official|minded)$/.test(t.norm) && toks[k - 1]?.norm === "-") continue;
        return false;
      }
      return true;
    };
    const leaningIn = (from: number, to: number): string | null => {
      const words = toks.slice(from, to).map((t) => text.slice(t.start, t.end));
      const joined = words.join(" ").replace(/ - /g, "-");
      for (const w of joined.split(/\s+/)) if (LEANING_WORDS.test(w) && !/^(official|news)$/i.test(w)) return w.toLowerCase();
      return null;
    };

    for (let mi = 0; mi < matches.length; mi++) {
      const m = matches[mi]!;
      if (used.has(m)) continue;
      const e = m.entry;
      const seen = surface(m.i, m.j);
      const prev = toks[m.i - 1];
      const base = { start: toks[m.i]!.start, end: toks[m.j]!.end, firstToken: m.i, lastToken: m.j };

      // a state (by demonym, name or plural) modifying a sector noun: "Russian media", "Iran's navy"
      if (e.source === "states" && m.target.kind !== "capital" && m.target.kind !== "seat") {
        const poss = toks[m.j + 1] && /^['’]s$/.test(toks[m.j + 1]!.norm) ? 1 : 0;
        const sec = nextMatch(m.j + poss, 3, (x) => x.entry.source === "sectors" && onlyModifiers(m.j + 1 + poss, x.i));
        if (sec && (m.target.kind === "demonym" || poss || m.target.kind === "name")) {
          // the phrase may go on to name an outlet, organisation or person: "the Iranian hardline newspaper Kayhan"
          const named = nextMatch(sec.j, 0, (x) => x.entry.source === "media" || x.entry.source === "organizations" || x.entry.source === "persons");
          const leaning = leaningIn(m.j + 1, sec.i);
          if (named) {
            used.add(sec);
            used.add(named);
            const a = fromEntry(named.entry);
            const id = ensure({ ...a, leaning: leaning ?? a.leaning, country: a.country ?? e.id }, surface(named.i, named.j));
            push({ ...base, actor: e.id, form: m.target.kind, rule: "actor.state-modifier", modifier: true });
            ensure(fromEntry(e), seen);
            push({ start: toks[named.i]!.start, end: toks[named.j]!.end, firstToken: named.i, lastToken: named.j, actor: id, form: "name", rule: "actor.described-name" });
            continue;
          }
          const unknownName = sec.entry.sector === "MED" ? properNameAt(text, toks, sec.j + 1, s, covered) : null;
          if (unknownName) {
            used.add(sec);
            const [ui, uj] = unknownName;
            const name = surface(ui, uj);
            const id = ensure({ id: slug(name), name, type: "media", country: e.id, code: `${e.id}MED`, role: null, leaning, aliases: [name] }, name);
            for (let k = ui; k <= uj; k++) covered.add(k);
            push({ ...base, actor: e.id, form: m.target.kind, rule: "actor.state-modifier", modifier: true });
            ensure(fromEntry(e), seen);
            push({ start: toks[ui]!.start, end: toks[uj]!.end, firstToken: ui, lastToken: uj, actor: id, form: "outlet", rule: "actor.outlet-described" });
            diagnostics.push({ code: "UNKNOWN_ACTOR", message: `outlet "${name}" is not in the gazetteer; kept from its description`, start: toks[ui]!.start, end: toks[uj]!.end });
            continue;
          }
          used.add(sec);
          const id = composite(e, sec.entry, surface(m.i, sec.j));
          push({ start: base.start, end: toks[sec.j]!.end, firstToken: m.i, lastToken: sec.j, actor: id, form: "composite", rule: sec.entry.role ? "actor.office" : "actor.state-sector" });
          continue;
        }
      }

      // a sector noun naming an outlet the gazetteer lacks, with its leaning: "liberal news website Example Daily"
      if (e.source === "sectors") {
        const named = nextMatch(m.j, 0, (x) => x.entry.source === "media" || x.entry.source === "organizations" || x.entry.source === "persons");
        const from = leadingModifiers(toks, m.i, s.firstToken, covered);
        const leaning = leaningIn(from, m.i);
        if (named) {
          used.add(named);
          const a = fromEntry(named.entry);
          const id = ensure({ ...a, leaning: leaning ?? a.leaning }, surface(named.i, named.j));
          push({ start: toks[named.i]!.start, end: toks[named.j]!.end, firstToken: named.i, lastToken: named.j, actor: id, form: "name", rule: "actor.described-name" });
          continue;
        }
        if (e.sector === "MED") {
          const u = properNameAt(text, toks, m.j + 1, s, covered);
          if (u) {
            const [ui, uj] = u;
            const name = surface(ui, uj);
            const id = ensure({ id: slug(name), name, type: "media", country: null, code: null, role: null, leaning, aliases: [name] }, name);
            for (let k = ui; k <= uj; k++) covered.add(k);
            push({ start: toks[ui]!.start, end: toks[uj]!.end, firstToken: ui, lastToken: uj, actor: id, form: "outlet", rule: "actor.outlet-described" });
            diagnostics.push({ code: "UNKNOWN_ACTOR", message: `outlet "${name}" is not in the gazetteer; kept from its description`, start: toks[ui]!.start, end: toks[uj]!.end });
          }
        }
        // office + of + state: "the foreign minister of Iran"
        if (e.role && toks[m.j + 1]?.norm === "of") {
          const st = nextMatch(m.j + 1, 0, (x) => x.entry.source === "states");
          if (st) {
            used.add(st);
            const id = composite(st.entry, e, surface(m.i, st.j));
            push({ start: toks[m.i]!.start, end: toks[st.j]!.end, firstToken: m.i, lastToken: st.j, actor: id, form: "composite", rule: "actor.office-of" });
          }
        }
        continue;
      }

      // "the Vienna-based agency": a place describing something else
      const based = toks[m.j + 1]?.norm === "-" && toks[m.j + 2]?.norm === "based";
      const place = based || e.place === true || ((m.target.kind === "capital" || m.target.kind === "name") && !!prev && LOCATIVE.has(prev.norm));
      if (e.source === "states" && (m.target.kind === "capital" || m.target.kind === "seat")) {
        // a capital or seat stands for the government: "Tehran", "the Kremlin"
        const gov = ensure({ id: `${e.id}GOV`, name: `${e.demonym ?? e.name} government`, type: "government", country: e.id, code: `${e.id}GOV`, role: null, leaning: null, aliases: [] }, seen);
        push(mentionAt(toks, m.i, m.j, gov, m.target.kind, "actor.capital-metonymy", place, based));
        continue;
      }
      const id = ensure(fromEntry(e), seen);
      const next = toks[m.j + 1];
      // "U.S. pressure" modifies a noun; "Iran views Russia" (a verb tagged as a noun, followed by
      // an object) and "Chile share the same aims" do not
      const after = toks[m.j + 2];
      const verbLike =
        (next?.pos === "NOUN" || next?.pos === "ADJ") &&
        !!after &&
        (after.pos === "DET" || after.pos === "PROPN" || after.pos === "PRON" || after.norm === "that" || after.norm === "between" || after.norm === "with") &&
        !/^['’]s$/.test(after.norm);
      const modifier = m.target.kind === "demonym" || (e.source === "states" && !!next && m.j < s.lastToken && (next.pos === "NOUN" || next.pos === "ADJ" || next.norm === "-") && !/^['’]s$/.test(next.norm) && !verbLike);
      push(mentionAt(toks, m.i, m.j, id, m.target.kind, RULE_OF_FORM[m.target.kind] ?? `actor.${m.target.kind}`, place, modifier));
    }

    // unknown capitalised names: kept, with a diagnostic
    for (let k = s.firstToken; k <= s.lastToken; k++) {
      if (covered.has(k)) continue;
      const u = properNameAt(text, toks, k, s, covered);
      if (!u) continue;
      const [ui, uj] = u;
      const name = surface(ui, uj);
      const words = name.split(/\s+/);
      const last = words[words.length - 1]!;
      const type: ActorType = /^(agreement|treaty|accord|accords|pact|convention|protocol|deal|charter|declaration)$/i.test(last)
        ? "agreement"
        : MEDIA_HEADS.test(last)
          ? "media"
          : words.some((w) => ORG_HEADS.test(w))
            ? "organization"
            : "person";
      if (type === "person" && words.length < 2) {
        k = uj;
        continue;
      }
      // a place or demonym glued to the front of an organisation's name: "Caspian Institute for…"
      let from = ui;
      if (type === "organization") {
        const glued = mentions.findIndex((x, xi) => xi >= first && x.lastToken === ui - 1 && toks[ui - 1]!.end + 1 >= toks[ui]!.start && (actors.get(x.actor)?.a.type === "region" || x.form === "demonym"));
        if (glued >= 0) {
          from = mentions[glued]!.firstToken;
          mentions.splice(glued, 1);
        }
      }
      const fullName = surface(from, uj);
      const country = countryFromContext(local(), actors, toks, from, uj, s);
      const id = ensure({ id: slug(fullName), name: fullName, type, country, code: null, role: null, leaning: null, aliases: [fullName] }, fullName);
      for (let x = from; x <= uj; x++) covered.add(x);
      push({ start: toks[from]!.start, end: toks[uj]!.end, firstToken: from, lastToken: uj, actor: id, form: "unknown", rule: "actor.unknown-name" });
      diagnostics.push({ code: "UNKNOWN_ACTOR", message: `"${fullName}" looks like a ${type} the gazetteer does not know`, start: toks[from]!.start, end: toks[uj]!.end });
      k = uj;
    }
    // appositions: "The Chilean foreign minister, Jane Roe," → one official
    const here = local();
    for (const m of here) {
      if (toks[m.lastToken + 1]?.norm !== ",") continue;
      const a = actors.get(m.actor)?.a;
      if (!a || a.type !== "official") continue;
      const next = here.find((x) => x.firstToken === m.lastToken + 2 && (actors.get(x.actor)?.a.type === "official" || actors.get(x.actor)?.a.type === "person"));
      if (next && next.actor !== m.actor && (a.id.includes("_") || a.role)) {
        const idx = mentions.indexOf(m, first);
        mentions[idx] = { ...m, actor: next.actor, rule: "actor.apposition" };
        const rec = actors.get(next.actor)!;
        rec.aliases.add(surface(m.firstToken, m.lastToken));
        // an unknown name takes the office's country and role: "the Iranian foreign minister, X,"
        if (!rec.a.country || !rec.a.role) rec.a = { ...rec.a, type: "official", country: rec.a.country ?? a.country, role: rec.a.role ?? a.role, code: rec.a.code ?? a.code };
      }
    }

    // an outlet's leaning as the text states it in a relative clause:
    // "The Example Daily, which is close to the security services, …"
    for (const m of local()) {
      const rec = actors.get(m.actor);
      if (!rec || rec.a.type !== "media" || toks[m.lastToken + 1]?.norm !== ",") continue;
      const from = m.lastToken + 2;
      if (toks[from]?.norm !== "which" && toks[from]?.norm !== "that") continue;
      let end = from + 1;
      while (end <= s.lastToken && toks[end]!.norm !== "," && toks[end]!.norm !== ".") end++;
      const clause = surface(from + 1, Math.min(end - 1, s.lastToken));
      const rel = /^(?:is|was|has been|are)\s+((?:closely\s+)?(?:close to|affiliated with|linked to|tied to|aligned with|owned by|run by|controlled by|backed by|funded by|loyal to|associated with)\s+.+)$/i.exec(clause);
      if (rel) rec.a = { ...rec.a, leaning: rel[1]!.replace(/\s+/g, " ") };
      else {
        const ties = /^has\s+((?:close\s+)?(?:links|ties|connections)\s+(?:to|with)\s+.+)$/i.exec(clause);
        if (ties && !rec.a.leaning) rec.a = { ...rec.a, leaning: ties[1]!.replace(/\s+/g, " ") };
      }
    }

  }

  mentions.sort((a, b) => a.start - b.start || b.end - a.end);
  resolveCoreference(toks, mentions, actors, sentences);
  const mentioned = new Set(mentions.flatMap((m) => m.members ?? [m.actor]));
  const list = [...actors.values()]
    .filter((r) => mentioned.has(r.a.id))
    .map((r) => ({ ...r.a, aliases: [...r.aliases] }));
  return { mentions, actors: list, diagnostics };
}

const RULE_OF_FORM: Record<string, string> = { name: "actor.name", alias: "actor.alias", demonym: "actor.demonym", plural: "actor.plural", capital: "actor.capital", seat: "actor.seat" };

/** A mention of tokens i…j, built with one shape (flags only when set). */
function mentionAt(toks: readonly TokenSpan[], i: number, j: number, actor: string, form: string, rule: string, place: boolean, modifier: boolean): ActorMention {
  const m: { -readonly [K in keyof ActorMention]: ActorMention[K] } = { start: toks[i]!.start, end: toks[j]!.end, firstToken: i, lastToken: j, actor, form, rule };
  if (place) m.place = true;
  if (modifier) m.modifier = true;
  return m;
}

/** Index of the first of the modifiers right before token `i` (leaning words, adjectives). */
function leadingModifiers(toks: readonly TokenSpan[], i: number, first: number, covered: ReadonlySet<number>): number {
  let k = i;
  while (k > first) {
    const t = toks[k - 1]!;
    if (covered.has(k - 1)) break;
    if (LEANING_WORDS.test(t.norm) || t.norm === "-" || (/^(owned|run|controlled|backed|line)$/.test(t.norm) && toks[k - 2]?.norm === "-") || NP_FILLER.test(t.norm)) k--;
    else break;
  }
  return k;
}

/** A run of capitalised tokens starting at `k` that looks like a name: [first, last] or null. */
function properNameAt(text: string, toks: readonly TokenSpan[], k: number, s: SentenceSpan, covered: ReadonlySet<number>): [number, number] | null {
  const t0 = toks[k];
  if (!t0 || k > s.lastToken || covered.has(k) || t0.kind !== "word") return null;
  if (!isCapAt(text, t0.start) || t0.end - t0.start < 2 || NOT_NAMES.has(t0.norm) || TITLE_WORDS.has(t0.norm)) return null;
  let j = k;
  for (;;) {
    const n = toks[j + 1];
    if (!n || j + 1 > s.lastToken || covered.has(j + 1)) break;
    if (n.kind === "word" && isCapAt(text, n.start) && !NOT_NAMES.has(n.norm)) {
      j++;
      continue;
    }
    // "University of Tehran", "Hayat Tahrir al-Sham", "Vahidi-Nejadpour"
    const n2 = toks[j + 2];
    if (n.norm === "-" && n2 && j + 2 <= s.lastToken && n.start === toks[j]!.end && n2.start === n.end && isCapAt(text, n2.start) && !covered.has(j + 2)) {
      j += 2;
      continue;
    }
    if ((n.norm === "of" || n.norm === "for" || n.norm === "al" || n.norm === "bin" || n.norm === "de") && n2 && j + 2 <= s.lastToken && isCapAt(text, n2.start) && !covered.has(j + 2)) {
      j += 2;
      continue;
    }
    break;
  }
  // a lone capitalised word opening the sentence is usually just the first word
  if (k === s.firstToken && j === k) return null;
  if (k === s.firstToken && t0.pos !== "PROPN") return null;
  // years, acronyms of one letter and similar are not names
  if (!/[a-z]/.test(text.slice(t0.start, toks[j]!.end))) return j > k ? [k, j] : null;
  return [k, j];
}

/** The country of an unknown name from an apposition or a demonym right before it. */
function countryFromContext(
  mentions: readonly ActorMention[],
  actors: ReadonlyMap<string, { a: DocActor }>,
  toks: readonly TokenSpan[],
  ui: number,
  uj: number,
  s: SentenceSpan,
): string | null {
  const before = mentions.find((m) => m.lastToken === ui - 1 && m.modifier);
  if (before) return actors.get(before.actor)?.a.country ?? null;
  if (toks[uj + 1]?.norm === "," && /^(a|an|the|former|then|now)$/.test(toks[uj + 2]?.norm ?? "")) {
    // ", a former senior commander of the Islamic Revolutionary Guard Corps": the body after "of"
    let end = uj + 2;
    while (end < s.lastToken && end < uj + 14 && toks[end]!.norm !== ",") end++;
    const after = (m: ActorMention, w: string) => toks[m.firstToken - 1]?.norm === w || (toks[m.firstToken - 1]?.norm === "the" && toks[m.firstToken - 2]?.norm === w);
    const later = mentions.find((m) => m.firstToken > uj + 2 && m.firstToken <= end && (m.modifier || ["of", "at", "in", "for"].some((w) => after(m, w))));
    const c = later ? actors.get(later.actor)?.a.country : null;
    if (c) return c;
  }
  return null;
}

const STATE_LIKE = new Set<ActorType>(["state", "government", "igo", "organization", "military", "group"]);

/**
 * Light coreference inside a paragraph: "the two countries" / "both sides" → the last two states
 * named; "it"/"its" → the last singular state or organisation not used as a modifier;
 * "they"/"their" → the last group (coordinated states, a plural demonym, "the two countries").
 */
function resolveCoreference(
  toks: readonly TokenSpan[],
  mentions: ActorMention[],
  actors: Map<string, { a: DocActor; aliases: Set<string> }>,
  sentences: readonly SentenceSpan[],
): void {
  const countryOf = (id: string) => actors.get(id)?.a.country ?? null;
  // "Iran and Russia", "Iran, Russia and China": mentions of states joined by "and" or commas
  const coordinated = (history: readonly ActorMention[], h: number): { ids: string[]; head: ActorMention } | null => {
    const group = [history[h]!];
    for (let g = h - 1; g >= 0; g--) {
      const a = history[g]!;
      const b = group[0]!;
      const between = toks.slice(a.lastToken + 1, b.firstToken).map((x) => x.norm).join(" ");
      if (!/^(,|and|, and|,and|and the|, the)$/.test(between) || a.modifier || !countryOf(a.actor)) break;
      group.unshift(a);
    }
    if (group.length < 2 || group.some((m) => m.modifier || !countryOf(m.actor))) return null;
    return { ids: [...new Set(group.map((m) => m.actor))], head: group[0]! };
  };
  const added: ActorMention[] = [];
  let mi = 0;
  const history: ActorMention[] = [];
  let para = -1;
  // "the two countries" opening a paragraph may refer to the states of the one before
  let previous: ActorMention[] = [];
  for (const s of sentences) {
    if (s.paragraph !== para) {
      para = s.paragraph;
      previous = [...history];
      history.length = 0;
    }
    for (let k = s.firstToken; k <= s.lastToken; k++) {
      while (mi < mentions.length && mentions[mi]!.firstToken <= k) {
        const m = mentions[mi]!;
        if (m.firstToken === k) history.push(m);
        mi++;
      }
      const t = toks[k]!;
      // "the two countries", "both sides", "the two"
      if ((t.norm === "two" && (toks[k - 1]?.norm === "the" || toks[k - 1]?.norm === "their")) || (t.norm === "both" && TWO_WORDS.test(toks[k + 1]?.norm ?? ""))) {
        const hasNoun = TWO_WORDS.test(toks[k + 1]?.norm ?? "");
        const bare = t.norm === "two" && !hasNoun && /^(are|were|have|had|will|would|also|share|signed|agreed|sides|leaders)$/.test(toks[k + 1]?.norm ?? "");
        if (!hasNoun && !bare) continue;
        const countries: string[] = [];
        const pool = history.length ? history : previous;
        for (let h = pool.length - 1; h >= 0 && countries.length < 2; h--) {
          const c = countryOf(pool[h]!.actor);
          const typ = actors.get(pool[h]!.actor)?.a.type;
          if (c && typ !== "media" && !countries.includes(c)) countries.push(c);
        }
        if (countries.length === 2) {
          const first = t.norm === "two" ? k - 1 : k;
          const last = hasNoun ? k + 1 : k;
          const members = countries.reverse();
          const m: ActorMention = { start: toks[first]!.start, end: toks[last]!.end, firstToken: first, lastToken: last, actor: members[0]!, members, form: "coref", rule: "coref.the-two" };
          added.push(m);
          history.push(m);
        }
        continue;
      }
      // a pronoun opening a clause ("and it also views…") refers to a subject, not an object
      const asSubject = (t.norm === "it" || t.norm === "they") && /^(AUX|VERB|ADV)$/.test(toks[k + 1]?.pos ?? "");
      const objectLike = (c: ActorMention) => {
        const b = toks[c.firstToken - 1];
        return !!b && (b.pos === "VERB" || b.pos === "ADP" || (b.pos === "DET" && (toks[c.firstToken - 2]?.pos === "ADP" || toks[c.firstToken - 2]?.pos === "VERB")));
      };
      if (PRONOUN_SINGULAR.has(t.norm) && k > s.firstToken - 1) {
        // "it was stated", "it is": expletive uses are not actors
        if (t.norm === "it" && /^(is|was|has|seems|appears|remains|would|will)$/.test(toks[k + 1]?.norm ?? "") && /^(stated|said|reported|clear|likely|unclear|possible|expected|believed|not|true|important|necessary)$/.test(toks[k + 2]?.norm ?? "")) continue;
        for (let h = history.length - 1; h >= 0; h--) {
          const c = history[h]!;
          const a = actors.get(c.actor)?.a;
          if (!a || c.members || c.modifier || c.place || !STATE_LIKE.has(a.type) || a.type === "group") continue;
          if (asSubject && objectLike(c)) continue;
          const m: ActorMention = { start: t.start, end: t.end, firstToken: k, lastToken: k, actor: c.actor, form: "coref", rule: "coref.it" };
          added.push(m);
          break;
        }
        continue;
      }
      if ((t.norm === "he" || t.norm === "she" || t.norm === "his" || t.norm === "her") && k > s.firstToken - 1) {
        // a personal pronoun: the last person named in the paragraph
        for (let h = history.length - 1; h >= 0; h--) {
          const c = history[h]!;
          const a = actors.get(c.actor)?.a;
          if (!a || c.members || (a.type !== "official" && a.type !== "person")) continue;
          added.push({ start: t.start, end: t.end, firstToken: k, lastToken: k, actor: c.actor, form: "coref", rule: "coref.he-she" });
          break;
        }
        continue;
      }
      if (PRONOUN_PLURAL.has(t.norm)) {
        for (let h = history.length - 1; h >= 0; h--) {
          const c = history[h]!;
          const co = c.members || c.form === "plural" ? null : coordinated(history, h);
          const group = c.members ?? (c.form === "plural" ? [c.actor] : co?.ids);
          if (!group) continue;
          if (asSubject && !c.members && objectLike(co?.head ?? c)) continue;
          const m: ActorMention = { start: t.start, end: t.end, firstToken: k, lastToken: k, actor: group[0]!, ...(group.length > 1 ? { members: group } : {}), form: "coref", rule: "coref.they" };
          added.push(m);
          break;
        }
      }
    }
  }
  mentions.push(...added);
  mentions.sort((a, b) => a.start - b.start || b.end - a.end);
}

/** The stage: adds `mentions` and `actors`. */
export function actorStage(lex: Lexicon, dateOf: (doc: Doc) => string | null): Stage<unknown> {
  return {
    name: "actors",
    requires: ["sentences", "tokens"],
    provides: ["mentions", "actors"],
    run(doc) {
      const r = recognizeActors(doc, lex, { date: dateOf(doc) });
      return { layers: { mentions: r.mentions, actors: r.actors }, diagnostics: r.diagnostics };
    },
  };
}
