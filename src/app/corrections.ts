/**
 * Reviewers' corrections: checked against what is stored, kept apart from machine output, then
 * the affected documents' reports are derived again and their pairs re-clustered, so the scores
 * move. Views of documents and events show the corrected events; `goldOf` turns a reviewed
 * document into `entente-gold/1` evaluation data.
 */
import { applyCorrections, type Correction, type CorrectionInput } from "../core/correction.js";
import { InputError } from "../core/errors.js";
import type { EntenteOutput } from "../core/output.js";
import type { EventStore } from "../store/contract.js";
import type { Indexer } from "./index.js";

/** Stores a correction and moves the scores it touches. */
export async function correct(store: EventStore, indexer: Indexer, input: CorrectionInput): Promise<Correction> {
  let docs: string[];
  if (input.action === "merge-actors") {
    if (input.from === input.into) throw new InputError("USAGE", input.from, "an actor cannot be merged into itself");
    const known = new Set((await store.actors()).map((a) => a.id));
    for (const id of [input.from, input.into]) if (!known.has(id)) throw new InputError("USAGE", id, "no such actor in the store");
    docs = [...new Set((await store.events({ actor: input.from, limit: 1_000_000 })).map((e) => e.docId))];
  } else {
    const out = await store.getAnalysis(input.docId);
    if (!out) throw new InputError("USAGE", input.docId, "no such document");
    if (!out.events.some((e) => e.id === input.eventId)) throw new InputError("USAGE", `${input.docId}#${input.eventId}`, "no such event in that document");
    docs = [input.docId];
  }
  const c = await store.putCorrection(input);
  for (const id of docs) {
    const out = await store.getAnalysis(id);
    if (out) await store.replaceReports(id, indexer.reports(out, await store.corrections(id)));
  }
  await indexer.reindex(store);
  return c;
}

/** A stored document as reviewers left it. */
export async function correctedAnalysis(store: EventStore, docId: string): Promise<EntenteOutput | null> {
  const out = await store.getAnalysis(docId);
  return out ? applyCorrections(out, await store.corrections(docId)) : null;
}

/** A reviewed document as `entente-gold/1`, for `entente eval` and the reference scorer. */
export function goldOf(out: EntenteOutput): Record<string, unknown> {
  const d = out.document;
  return {
    format: "entente-gold/1",
    document: { text: d.text, ...(d.title ? { title: d.title } : {}), ...(d.author ? { author: d.author } : {}), ...(d.published ? { published: d.published } : {}) },
    actors: out.actors.map((a) => ({ key: a.id, type: a.type, names: [...new Set([a.name, ...a.aliases])], ...(a.country ? { country: a.country } : {}) })),
    events: out.events.map((e) => ({
      id: e.id,
      evidence: e.evidence.text,
      source: e.source,
      target: e.target,
      ...(e.mutual ? { mutual: true } : {}),
      polarity: e.polarity,
      arena: e.arena,
      modality: e.modality,
      attributedTo: e.attributedTo,
      ...(e.date ? { date: { from: e.date.from, to: e.date.to } } : {}),
      ...(e.fragility ? { fragility: true } : {}),
      ...(e.hedging ? { hedging: true } : {}),
    })),
    dyads: [],
    triads: [],
  };
}
