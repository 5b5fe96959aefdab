/**
 * The schema of gazetteer files (`data/gazetteer/*.yaml` and users' own dictionaries). Every
 * file is a YAML or JSON document with a `kind` and a list of `entries`; each entry is checked
 * here before the lexicon is compiled, so a bad file fails at load with its name, the entry and
 * what is wrong.
 */
import { z } from "zod";

/** Upper-case id: ISO 3166-1 alpha-3 for states, a slug otherwise. */
const Id = z.string().regex(/^[A-Z][A-Z0-9_]{1,39}$/, "ids are upper-case letters, digits and _ (2–40 characters)");
const Iso3 = z.string().regex(/^[A-Z]{3}$/, "a country is an ISO 3166-1 alpha-3 code such as IRN");
const IsoDate = z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, "dates are ISO: 2013, 2013-08 or 2013-08-15");
const Surface = z.string().min(1).max(120);

/**
 * Context in which a name does NOT mean this entry ("Georgia" after "Atlanta,", "Turkey" before
 * "dinner"). Words are compared lower-cased with the tokens just before or after the mention.
 */
export const NotIf = z.strictObject({
  /** one of these words (or word sequences) right before the mention */
  before: z.array(z.string()).optional(),
  /** one of these right after it */
  after: z.array(z.string()).optional(),
  /** one of these anywhere in the same sentence */
  sentence: z.array(z.string()).optional(),
  /** a capitalised word right before (a first name: "Michael Jordan") */
  capitalisedBefore: z.boolean().optional(),
  /** a capitalised word right after (a surname: "Jordan Peterson") */
  capitalisedAfter: z.boolean().optional(),
  /** why, for --explain and reviewers */
  why: z.string(),
  /** a sentence where the rule must block the match */
  example: z.string(),
});
export type NotIf = z.infer<typeof NotIf>;

export const StateEntry = z.strictObject({
  id: Iso3,
  name: Surface,
  /** other names and short forms: "Islamic Republic of Iran", "Persia" */
  aliases: z.array(Surface).default([]),
  /** adjectives: "Iranian" */
  demonyms: z.array(Surface).default([]),
  /** people as a group: "Iranians" (a demonym + s is added unless given here) */
  plurals: z.array(Surface).default([]),
  /** capitals and seats of government used for the government: "Tehran", "the Kremlin" */
  capitals: z.array(Surface).default([]),
  seats: z.array(Surface).default([]),
  /** contexts where a name of this state means something else */
  notIf: z.array(NotIf).default([]),
  /** the state no longer exists (USSR), with its end */
  until: IsoDate.optional(),
  /** the state that succeeded it, for analysis over time */
  successor: Iso3.optional(),
});
export type StateEntry = z.infer<typeof StateEntry>;

export const ActorTypeEnum = z.enum(["state", "government", "official", "military", "igo", "agreement", "mechanism", "media", "organization", "group", "person", "region"]);

/** A role an official holds for a while: "foreign minister of IRN, 2013-08-15 to 2021-08-25". */
export const RoleSpell = z.strictObject({
  role: z.string().min(2),
  country: Iso3.optional(),
  /** CAMEO-style sector code after the country: GOV, MIL, GOVMIL, LEG, JUD, SPY… */
  sector: z.string().regex(/^[A-Z]{3}([A-Z]{3})?$/).default("GOV"),
  from: IsoDate,
  to: IsoDate.nullable().optional(),
});

export const PersonEntry = z.strictObject({
  id: Id,
  name: Surface,
  aliases: z.array(Surface).default([]),
  country: Iso3,
  roles: z.array(RoleSpell).min(1),
  notIf: z.array(NotIf).default([]),
});
export type PersonEntry = z.infer<typeof PersonEntry>;

export const OrgEntry = z.strictObject({
  id: Id,
  type: z.enum(["igo", "agreement", "mechanism", "organization", "group", "military", "government"]),
  name: Surface,
  aliases: z.array(Surface).default([]),
  /** the state it belongs to, for national bodies (IRGC → IRN) */
  country: Iso3.optional(),
  /** CAMEO-style code where one applies (IRNMIL for the IRGC, IGOUNO for the UN) */
  code: z.string().regex(/^[A-Z]{3,12}$/).optional(),
  /** the body it is part of (UNSC → UN) */
  parent: Id.optional(),
  /** member states, where it matters for analysis */
  members: z.array(Iso3).optional(),
  notIf: z.array(NotIf).default([]),
});
export type OrgEntry = z.infer<typeof OrgEntry>;

export const MediaEntry = z.strictObject({
  id: Id,
  name: Surface,
  aliases: z.array(Surface).default([]),
  country: Iso3,
  /** political leaning or ownership as analysts describe it: reformist, hardline, state-owned… */
  leaning: z.string().nullable().default(null),
  ownership: z.enum(["state", "state-affiliated", "private", "public-service", "party", "unknown"]).default("unknown"),
  /** the owning group, when it owns several outlets: their reports count as one source */
  owner: z.string().min(1).optional(),
  kind: z.enum(["newspaper", "agency", "broadcaster", "website", "magazine"]),
  notIf: z.array(NotIf).default([]),
});
export type MediaEntry = z.infer<typeof MediaEntry>;

export const PlaceEntry = z.strictObject({
  id: Id,
  name: Surface,
  aliases: z.array(Surface).default([]),
  kind: z.enum(["region", "sea", "ocean", "gulf", "strait", "river", "lake", "city", "province", "island", "territory"]),
  /** the state it lies in, when only one */
  country: Iso3.optional(),
  notIf: z.array(NotIf).default([]),
});
export type PlaceEntry = z.infer<typeof PlaceEntry>;

/**
 * Sector nouns: words that name a part of a state ("navy", "foreign ministry", "state media")
 * or an office ("foreign minister"), so that "Russian navy" is RUSMIL and "the Iranian foreign
 * minister" an official of IRN's government.
 */
export const SectorEntry = z.strictObject({
  id: Id,
  /** CAMEO-style sector code: GOV, MIL, GOVMIL, MED, SPY, LEG, JUD, OPP, BUS… */
  sector: z.string().regex(/^[A-Z]{3}([A-Z]{3})?$/),
  type: ActorTypeEnum,
  /** lower-case nouns and noun phrases: "navy", "naval forces" */
  nouns: z.array(z.string().regex(/^[\p{Ll}0-9 .'’-]+$/u, "sector nouns are lower case")).min(1),
  /** for offices: the role an official holds ("foreign minister") */
  role: z.string().optional(),
  example: z.string(),
});
export type SectorEntry = z.infer<typeof SectorEntry>;

export const GazetteerFile = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("states"), entries: z.array(z.unknown()) }),
  z.strictObject({ kind: z.literal("persons"), entries: z.array(z.unknown()) }),
  z.strictObject({ kind: z.literal("organizations"), entries: z.array(z.unknown()) }),
  z.strictObject({ kind: z.literal("media"), entries: z.array(z.unknown()) }),
  z.strictObject({ kind: z.literal("places"), entries: z.array(z.unknown()) }),
  z.strictObject({ kind: z.literal("sectors"), entries: z.array(z.unknown()) }),
]);
export type FileKind = z.infer<typeof GazetteerFile>["kind"];

export const ENTRY_SCHEMA = {
  states: StateEntry,
  persons: PersonEntry,
  organizations: OrgEntry,
  media: MediaEntry,
  places: PlaceEntry,
  sectors: SectorEntry,
} as const;

/** Parsed, checked gazetteer data, before compilation into a lexicon. */
export interface GazetteerData {
  states: StateEntry[];
  persons: PersonEntry[];
  organizations: OrgEntry[];
  media: MediaEntry[];
  places: PlaceEntry[];
  sectors: SectorEntry[];
}
