/**
 * Schemas of the event ontology (`data/ontology/*.yaml`) and of event patterns
 * (`data/patterns/*.yaml`). Every pattern is a record with an id, a PLOVER type and mode, an
 * arena, a polarity, how its source and target are found, and an example sentence of ours.
 */
import { z } from "zod";

const Polarity = z.enum(["cooperation", "conflict"]);
const Arena = z.enum(["political", "economic", "military", "security"]);

export const OntologyFile = z.strictObject({
  kind: z.literal("ontology"),
  types: z.record(
    z.string().regex(/^[A-Z]+$/),
    z.strictObject({ polarity: Polarity, quad: z.string(), cameo: z.string().regex(/^\d{2,4}$/), definition: z.string(), extension: z.boolean().optional() }),
  ),
  modes: z.array(z.strictObject({ type: z.string(), mode: z.string().regex(/^[a-z-]+$/), definition: z.string().optional(), extension: z.boolean().optional() })),
});
export type OntologyFile = z.infer<typeof OntologyFile>;

export const WeightsFile = z.strictObject({
  kind: z.literal("weights"),
  default: z.string(),
  tables: z.record(
    z.string(),
    z.strictObject({
      types: z.record(z.string(), z.number().min(-10).max(10)).optional(),
      modes: z.record(z.string(), z.number().min(-10).max(10)).optional(),
      cameo: z.record(z.string(), z.number().min(-10).max(10)).optional(),
    }),
  ),
});
export type WeightsFile = z.infer<typeof WeightsFile>;

/**
 * How a participant is found, relative to the anchor word:
 *  - `subject`: the actor heading the clause before the anchor (coordination included);
 *  - `object`: the first actor after the anchor in its clause (possessives and modifiers count:
 *    "opposed U.S. pressure" → USA);
 *  - `possessor`: "Iran's request", "Russian reluctance", "the support of the Russians";
 *  - `between`: "between A and B" / "A and B" as a group (mutual);
 *  - `{ prep: [...] }`: the first actor after one of these words ("with", "against", "to");
 *  - `{ after: [...] }`: the first actor after one of these words anywhere after the anchor;
 *  - `self`: the same actors as the source (mutual events such as "joint drills");
 *  - `owner`: whoever owns the word the pattern requires ("deepen its collaboration"), else the subject;
 *  - `previous`: the nearest actor before the anchor in its clause, prepositions allowed.
 */
export const Slot = z.union([
  z.enum(["subject", "object", "possessor", "between", "self", "subject-or-possessor", "possessor-or-subject", "owner", "previous"]),
  z.strictObject({ prep: z.array(z.string()).min(1) }),
  z.strictObject({ after: z.array(z.string()).min(1) }),
]);
export type Slot = z.infer<typeof Slot>;

export const PatternEntry = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9-]*\.[a-z0-9.-]+$/, "pattern ids look like type.name, lower case"),
  /** lemma sequences that trigger the pattern: "veto", "side with", "close to" */
  anchors: z.array(z.string().min(1)).min(1),
  /** parts of speech the (first) anchor token may have */
  pos: z.array(z.enum(["VERB", "NOUN", "ADJ", "ADV", "ADP", "PROPN", "AUX"])).optional(),
  type: z.string().regex(/^[A-Z]+$/),
  mode: z.string().nullable().default(null),
  cameo: z.string().optional(),
  polarity: Polarity,
  /** a fixed arena, or `infer` from the sentence's words */
  arena: z.union([Arena, z.array(Arena), z.literal("infer")]).default("infer"),
  source: Slot,
  target: Slot,
  /** mutual: direction does not matter */
  mutual: z.boolean().default(false),
  /** lemmas that must occur within `window` tokens after the anchor (or before, with `before`) */
  requires: z.strictObject({ after: z.array(z.string()).optional(), before: z.array(z.string()).optional(), window: z.number().int().min(1).max(20).default(6) }).optional(),
  /** lemmas that, within 3 tokens after the anchor, block the pattern */
  unless: z.array(z.string()).optional(),
  /** a sign that the relationship may not last */
  fragility: z.boolean().default(false),
  /** the source turning to a third party */
  hedging: z.boolean().default(false),
  /** higher wins when two patterns share an anchor */
  priority: z.number().int().default(0),
  confidence: z.number().min(0).max(1).default(0.7),
  example: z.string().min(10),
  note: z.string().optional(),
});
export type PatternEntry = z.infer<typeof PatternEntry>;

export const PatternFile = z.strictObject({ kind: z.literal("patterns"), entries: z.array(z.unknown()) });
