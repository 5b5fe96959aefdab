/**
 * A reviewer's correction of machine output, kept apart from it and applied over it: edit an
 * event's type, polarity, modality, participants or attribution; reject an event; or merge one
 * actor into another. Corrections name events by document and event id, which re-analysing the
 * same text gives again, so they survive re-analysis.
 */
import { z } from "zod";
import type { OutEvent } from "./output.js";

const Id = z.string().min(1).max(200);

export const EventChanges = z
  .strictObject({
    type: z.string().regex(/^[A-Z_]{3,20}$/, "a PLOVER type in capitals, e.g. AGREE").optional(),
    polarity: z.enum(["cooperation", "conflict"]).optional(),
    modality: z.enum(["asserted", "reported", "expected", "desired", "hypothetical"]).optional(),
    source: z.array(Id).min(1).max(20).optional(),
    target: z.array(Id).max(20).optional(),
    attributedTo: Id.nullable().optional(),
    /** −10…+10; when left out and the polarity changes, the machine's intensity changes sign */
    intensity: z.number().min(-10).max(10).optional(),
  })
  .refine((c) => Object.keys(c).length > 0, { message: "changes: give at least one field to change" });

export const CorrectionInput = z.discriminatedUnion("action", [
  z.strictObject({ action: z.literal("edit"), docId: Id, eventId: Id, changes: EventChanges, note: z.string().max(2000).optional() }),
  z.strictObject({ action: z.literal("reject"), docId: Id, eventId: Id, note: z.string().max(2000).optional() }),
  z.strictObject({ action: z.literal("merge-actors"), from: Id, into: Id, note: z.string().max(2000).optional() }),
]);
export type CorrectionInput = z.infer<typeof CorrectionInput>;

/** A stored correction: its sequence number orders them (no wall-clock times are kept). */
export type Correction = CorrectionInput & { id: number };

/** The output with corrections applied, in their order; corrected events are marked. */
export function applyCorrections<E extends OutEvent, T extends { readonly document: { readonly id: string }; readonly events: readonly E[] }>(out: T, corrections: readonly Correction[]): T {
  if (!corrections.length) return out;
  let events: (E & { corrected?: boolean })[] = out.events.map((e) => ({ ...e }));
  const rename = new Map<string, string>();
  for (const c of corrections) {
    if (c.action === "merge-actors") {
      rename.set(c.from, c.into);
      continue;
    }
    if (c.docId !== out.document.id) continue;
    if (c.action === "reject") events = events.filter((e) => e.id !== c.eventId);
    else events = events.map((e) => (e.id === c.eventId ? edited(e, c.changes) : e));
  }
  const to = (id: string) => {
    let x = id;
    for (let i = 0; i < 20 && rename.has(x); i++) x = rename.get(x)!;
    return x;
  };
  if (rename.size) {
    events = events.map((e) => ({ ...e, source: [...new Set(e.source.map(to))], target: [...new Set(e.target.map(to))], attributedTo: e.attributedTo ? to(e.attributedTo) : null }));
  }
  return { ...out, events };
}

/** An event with a reviewer's changes; intensity keeps agreeing with polarity in sign. */
function edited<E extends OutEvent>(e: E, changes: z.infer<typeof EventChanges>): E & { corrected: true } {
  const out = { ...e, ...withoutUndefined(changes), corrected: true as const };
  if (changes.intensity === undefined && changes.polarity && (changes.polarity === "conflict" ? e.intensity > 0 : e.intensity < 0)) out.intensity = -e.intensity;
  return out;
}

function withoutUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
