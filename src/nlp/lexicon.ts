/**
 * The lexicon: gazetteer data compiled once into a frozen word trie and lookup tables. The
 * compiler rejects conflicts (one surface form naming two entries, one id used twice) with the
 * entries' places, so problems surface at start, never halfway through a batch.
 */
import { DataError } from "../core/errors.js";
import type { GazetteerData, NotIf, SectorEntry } from "../core/gazetteer-schema.js";
import type { ActorType } from "../core/output.js";

/** What a surface form stands for. */
export type FormKind = "name" | "demonym" | "plural" | "capital" | "seat" | "sector";

/** How a form's letter case must match the text. */
export type CaseRule = "exact" | "capital" | "any";

export interface FormTarget {
  readonly entry: string;
  readonly kind: FormKind;
  readonly caseRule: CaseRule;
  /** the form's tokens as written in the data */
  readonly tokens: readonly string[];
  readonly form: string;
}

export interface TrieNode {
  readonly next: Map<string, TrieNode>;
  targets: FormTarget[] | null;
}

export interface RoleSpell {
  readonly role: string;
  readonly country: string;
  readonly sector: string;
  readonly from: string;
  readonly to: string | null;
}

/** A notIf rule with its phrases split into lower-case tokens once, at compile time. */
export interface CompiledNotIf {
  readonly before: readonly (readonly string[])[];
  readonly after: readonly (readonly string[])[];
  readonly sentence: readonly string[];
  readonly capitalisedBefore: boolean;
  readonly capitalisedAfter: boolean;
}

function compileNotIf(rules: readonly NotIf[]): CompiledNotIf[] {
  const words = (p: string) => p.toLowerCase().replace(/([,.;:])/g, " $1 ").split(/\s+/).filter(Boolean);
  return rules.map((r) => ({
    before: (r.before ?? []).map(words),
    after: (r.after ?? []).map(words),
    sentence: (r.sentence ?? []).map((w) => w.toLowerCase()),
    capitalisedBefore: r.capitalisedBefore ?? false,
    capitalisedAfter: r.capitalisedAfter ?? false,
  }));
}

/** A gazetteer entry as the recogniser needs it. */
export interface LexEntry {
  readonly id: string;
  readonly source: "states" | "persons" | "organizations" | "media" | "places" | "sectors";
  readonly type: ActorType;
  readonly name: string;
  readonly country: string | null;
  readonly code: string | null;
  readonly leaning: string | null;
  readonly aliases: readonly string[];
  readonly notIf: readonly CompiledNotIf[];
  readonly roles: readonly RoleSpell[];
  /** for sectors */
  readonly sector?: string;
  readonly role?: string;
  /** for states: the demonym used to name composite actors ("Russian military") */
  readonly demonym?: string;
  /** for places: not an actor */
  readonly place?: boolean;
  readonly members?: readonly string[];
  readonly parent?: string;
  readonly where?: string;
  /** for media: the independence key of its reports (owner group, the state for state media, else itself) */
  readonly owner?: string;
}

export interface Lexicon {
  readonly root: TrieNode;
  readonly entries: ReadonlyMap<string, LexEntry>;
  /** persons holding a role in a country: key `${country}|${role}` */
  readonly holders: ReadonlyMap<string, readonly { person: string; spell: RoleSpell }[]>;
  /** longest form length in tokens, to bound lookups */
  readonly maxTokens: number;
  readonly formCount: number;
}

/** Splits a surface form into tokens the way the text tokenizer does. */
export type FormTokenizer = (form: string) => string[];

function caseRuleOf(form: string, kind: FormKind): CaseRule {
  if (kind === "sector") return "any";
  if (form === form.toLowerCase()) return "any";
  const letters = form.replace(/[^A-Za-z]/g, "");
  if (letters.length <= 4 && letters === letters.toUpperCase() && !form.includes(".")) return "exact";
  return "capital";
}

const STRIP_ARTICLE = /^(the|The)\s+/;

/**
 * Compiles checked gazetteer data into a frozen lexicon. `where` maps `kind:id` to `file:line`
 * for messages; `tokenize` must split forms exactly as the text tokenizer splits text.
 */
export function compileLexicon(data: GazetteerData, tokenize: FormTokenizer, where: ReadonlyMap<string, string> = new Map()): Lexicon {
  const entries = new Map<string, LexEntry>();
  const place = (kind: string, id: string) => where.get(`${kind}:${id}`) ?? `${kind} ${id}`;
  const add = (e: LexEntry) => {
    const prev = entries.get(e.id);
    if (prev) throw new DataError(place(e.source, e.id), `duplicate id ${e.id}: also used by ${place(prev.source, prev.id)}`);
    entries.set(e.id, e);
  };
  for (const s of data.states) {
    add({ id: s.id, source: "states", type: "state", name: s.name, country: s.id, code: s.id, leaning: null, aliases: s.aliases, notIf: compileNotIf(s.notIf), roles: [], demonym: s.demonyms[0], where: place("states", s.id) });
  }
  for (const p of data.persons) {
    const roles = p.roles.map((r) => ({ role: r.role, country: r.country ?? p.country, sector: r.sector, from: r.from, to: r.to ?? null }));
    add({ id: p.id, source: "persons", type: "person", name: p.name, country: p.country, code: null, leaning: null, aliases: p.aliases, notIf: compileNotIf(p.notIf), roles, where: place("persons", p.id) });
  }
  for (const o of data.organizations) {
    add({ id: o.id, source: "organizations", type: o.type, name: o.name, country: o.country ?? null, code: o.code ?? null, leaning: null, aliases: o.aliases, notIf: compileNotIf(o.notIf), roles: [], members: o.members, parent: o.parent, where: place("organizations", o.id) });
  }
  for (const m of data.media) {
    const leaning = m.leaning ?? (m.ownership === "state" ? "state-owned" : null);
    const owner = m.owner ? `owner:${m.owner}` : m.ownership === "state" ? `state:${m.country}` : `outlet:${m.id}`;
    add({ id: m.id, source: "media", type: "media", name: m.name, country: m.country, code: `${m.country}MED`, leaning, aliases: m.aliases, notIf: compileNotIf(m.notIf), roles: [], where: place("media", m.id), owner });
  }
  for (const p of data.places) {
    add({ id: p.id, source: "places", type: "region", name: p.name, country: p.country ?? null, code: null, leaning: null, aliases: p.aliases, notIf: compileNotIf(p.notIf), roles: [], place: true, where: place("places", p.id) });
  }
  for (const s of data.sectors) {
    add(sectorEntry(s, place("sectors", s.id)));
  }

  const root: TrieNode = { next: new Map(), targets: null };
  const owner = new Map<string, { entry: string; kind: FormKind }>();
  let maxTokens = 0;
  let formCount = 0;
  const addForm = (entry: LexEntry, rawForm: string, kind: FormKind) => {
    const form = rawForm.replace(STRIP_ARTICLE, "").trim();
    if (!form) return;
    const key = kind === "sector" ? form.toLowerCase() : form;
    const prev = owner.get(key);
    if (prev && prev.entry !== entry.id) {
      throw new DataError(entry.where ?? entry.id, `conflicting ${kind} "${form}": ${entry.id} and ${prev.entry} (${entries.get(prev.entry)?.where ?? ""}) both claim it`);
    }
    if (prev) return;
    owner.set(key, { entry: entry.id, kind });
    const tokens = tokenize(form);
    if (tokens.length === 0) return;
    let node = root;
    for (const t of tokens) {
      const k = t.toLowerCase();
      let n = node.next.get(k);
      if (!n) {
        n = { next: new Map(), targets: null };
        node.next.set(k, n);
      }
      node = n;
    }
    (node.targets ??= []).push({ entry: entry.id, kind, caseRule: caseRuleOf(form, kind), tokens, form });
    maxTokens = Math.max(maxTokens, tokens.length);
    formCount++;
  };

  for (const s of data.states) {
    const e = entries.get(s.id)!;
    for (const f of [s.name, ...s.aliases]) addForm(e, f, "name");
    for (const f of s.demonyms) addForm(e, f, "demonym");
    const plurals = new Set(s.plurals);
    for (const d of s.demonyms) if (/[a-z]n$|i$/.test(d) && !s.demonyms.includes(d + "s")) plurals.add(d + "s");
    for (const f of plurals) if (!s.demonyms.includes(f)) addForm(e, f, "plural");
    for (const f of s.capitals) addForm(e, f, "capital");
    for (const f of s.seats) addForm(e, f, "seat");
  }
  for (const src of [data.persons, data.organizations, data.media, data.places]) {
    for (const x of src) {
      const e = entries.get(x.id)!;
      for (const f of [x.name, ...x.aliases]) addForm(e, f, "name");
    }
  }
  for (const s of data.sectors) {
    const e = entries.get(s.id)!;
    for (const n of s.nouns) addForm(e, n, "sector");
  }

  const holders = new Map<string, { person: string; spell: RoleSpell }[]>();
  for (const e of entries.values()) {
    for (const spell of e.roles) {
      const key = `${spell.country}|${roleKey(spell.role)}`;
      let list = holders.get(key);
      if (!list) holders.set(key, (list = []));
      list.push({ person: e.id, spell });
    }
  }
  return Object.freeze({ root, entries, holders, maxTokens, formCount });
}

function sectorEntry(s: SectorEntry, where: string): LexEntry {
  return { id: s.id, source: "sectors", type: s.type, name: s.nouns[0]!, country: null, code: null, leaning: null, aliases: [], notIf: [], roles: [], sector: s.sector, role: s.role, where };
}

/** Role names that mean the same office in different states, folded to one key. */
const ROLE_SYNONYMS: Record<string, string> = {
  "secretary of state": "foreign minister",
  "foreign secretary": "foreign minister",
  "minister of foreign affairs": "foreign minister",
  "secretary of defense": "defence minister",
  "defense secretary": "defence minister",
  "defence secretary": "defence minister",
  "defense minister": "defence minister",
  "minister of defence": "defence minister",
  "minister of defense": "defence minister",
  premier: "prime minister",
  "national security advisor": "national security adviser",
};

/** The key an office is indexed under: "secretary of state" and "foreign minister" are one. */
export function roleKey(role: string): string {
  const r = role.toLowerCase().trim();
  return ROLE_SYNONYMS[r] ?? r;
}

/** Whether a date (as precise as known: a year, a month or a day) overlaps a spell. */
export function inSpell(date: string, spell: Pick<RoleSpell, "from" | "to">): boolean {
  const lo = (d: string) => (d + "-00-00").slice(0, 10);
  const hi = (d: string) => (d + "-99-99").slice(0, 10);
  return lo(date) <= hi(spell.to ?? "9999") && hi(date) >= lo(spell.from);
}

/** The role a person held on a date: the spell covering it, else the latest one before it. */
export function roleAt(lex: Lexicon, person: string, date: string | null): { spell: RoleSpell; current: boolean } | null {
  const e = lex.entries.get(person);
  if (!e || e.roles.length === 0) return null;
  if (!date) return { spell: e.roles[e.roles.length - 1]!, current: false };
  const covering = e.roles.filter((r) => inSpell(date, r));
  if (covering.length) return { spell: covering[covering.length - 1]!, current: true };
  const before = e.roles.filter((r) => r.from <= date);
  const last = before[before.length - 1];
  return last ? { spell: last, current: false } : null;
}

/** Who held `role` in `country` on `date`, when exactly one person did. */
export function holderAt(lex: Lexicon, country: string, role: string, date: string | null): string | null {
  if (!date) return null;
  const list = lex.holders.get(`${country}|${roleKey(role)}`) ?? [];
  const on = [...new Set(list.filter((h) => inSpell(date, h.spell)).map((h) => h.person))];
  return on.length === 1 ? on[0]! : null;
}

/** The entry a whole phrase names ("BBC News", "Agence France-Presse (AFP)"), if any: the longest form found at its start. */
export function entryNamed(lex: Lexicon, words: readonly string[]): LexEntry | null {
  let node: TrieNode | undefined = lex.root;
  let found: LexEntry | null = null;
  for (const w of words) {
    node = node.next.get(w.toLowerCase());
    if (!node) break;
    const t = node.targets?.[0];
    if (t) found = lex.entries.get(t.entry) ?? found;
  }
  return found;
}
