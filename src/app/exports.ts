/**
 * What the exporters read from the store: the events to export (corrected as reviewers left
 * them, filtered by document, actor and day), the actors and documents they name, the dyad
 * network with its figures (from the analysis tier, which src/interop may not import), and
 * reviewed documents as `entente-gold/1`.
 */
import type { DyadQuery } from "../core/dyad.js";
import { InputError } from "../core/errors.js";
import type { IndexConfig } from "../core/index-config.js";
import { ARENAS, type Arena } from "../core/output.js";
import type { EventStore, StoredDocument, StoredEvent } from "../store/contract.js";
import { dyadTable, networkOf } from "../analysis/assess.js";
import type { Graph, GraphEdge } from "../interop/graphml.js";
import { isImported, padDay, type ExportEvent, type PloverContext, type PloverTerms } from "../interop/plover.js";
import { correctedAnalysis, goldOf } from "./corrections.js";

export interface ExportFilter {
  /** only these documents (imported events are left out when documents are named) */
  docIds?: readonly string[];
  /** only events with this actor, or an actor of this state, on either side */
  actor?: string;
  /** days, inclusive: YYYY, YYYY-MM or YYYY-MM-DD */
  since?: string;
  until?: string;
}

const PAGE = 500;

/** Every stored document, page by page, in the store's order. */
export async function allDocuments(store: EventStore): Promise<StoredDocument[]> {
  const docs: StoredDocument[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await store.listDocuments({ limit: PAGE, offset });
    docs.push(...page);
    if (page.length < PAGE) return docs;
  }
}

/** Actors and documents by id, for writing events out. */
export async function exportContext(store: EventStore, terms: PloverTerms): Promise<PloverContext & { documentList: StoredDocument[] }> {
  const documentList = await allDocuments(store);
  return { actors: new Map((await store.actors()).map((a) => [a.id, a])), documents: new Map(documentList.map((d) => [d.id, d])), documentList, terms };
}

/**
 * The events to export, one at a time: each document's events with reviewers' corrections
 * applied (rejected events left out), then the imported dataset events. Named documents that are
 * not stored are an error, so that a typo does not give an empty export.
 */
export async function* exportEvents(store: EventStore, ctx: PloverContext & { documentList: readonly StoredDocument[] }, f: ExportFilter = {}): AsyncGenerator<ExportEvent> {
  for (const id of f.docIds ?? []) if (!ctx.documents.has(id)) throw new InputError("USAGE", id, "no such document in the store (see `entente search` or the API's /api/documents for ids)");
  const keep = eventFilter(ctx, f);
  const ids = f.docIds ?? ctx.documentList.map((d) => d.id);
  for (const id of ids) {
    const out = await correctedAnalysis(store, id);
    if (!out) continue;
    for (const e of out.events) {
      const se: StoredEvent = { ...e, docId: id };
      if (keep(se)) yield se;
    }
  }
  if (f.docIds) return;
  for await (const page of store.importedPages(PAGE)) for (const e of page) if (keep(e)) yield e;
}

function eventFilter(ctx: PloverContext, f: ExportFilter): (e: ExportEvent) => boolean {
  const from = padDay(f.since);
  const to = padDay(f.until, true);
  const actor = f.actor;
  const countryOf = (id: string) => ctx.actors.get(id)?.country ?? null;
  return (e) => {
    if (from || to) {
      const day = dayOf(e, ctx);
      if (!day || (from && day < from) || (to && day > to)) return false;
    }
    if (!actor) return true;
    const sides = isImported(e) ? (e.detail ? [...e.detail.sources, ...e.detail.targets] : [e.source, e.target]).flatMap((a) => [a.id, a.country]) : [...e.source, ...e.target].flatMap((id) => [id, countryOf(id)]);
    return sides.includes(actor);
  };
}

/** The day an event is counted on, as the exports give it. */
function dayOf(e: ExportEvent, ctx: PloverContext): string | null {
  if (isImported(e)) return e.date;
  if (e.date && /^\d{4}-\d{2}/.test(e.date.from)) return padDay(e.date.from);
  return padDay(ctx.documents.get(e.docId)?.published) ?? padDay(e.date?.from);
}

/**
 * The dyad network over a range: every scored pair as an edge (with its sign in the thresholded
 * signed network, 0 below the threshold), states with their degree and strength in that network.
 */
export async function dyadGraph(store: EventStore, cfg: IndexConfig, q: DyadQuery, nameOf: (id: string) => string): Promise<Graph> {
  const rows = await dyadTable(store, q, cfg);
  const net = networkOf(rows, cfg);
  const sign = new Map(net.edges.map((e) => [e.pair.join("|"), e.sign]));
  const clusters = new Map<string, Partial<Record<Arena, number>>>();
  for (const s of await store.dyadSums({ ...q, by: undefined })) {
    if (s.arena === "all") continue;
    const k = `${s.a}|${s.b}`;
    const m = clusters.get(k) ?? {};
    m[s.arena] = (m[s.arena] ?? 0) + s.clusters;
    clusters.set(k, m);
  }
  const edges: GraphEdge[] = rows.map((r) => ({
    pair: r.pair,
    score: r.score,
    polarity: r.polarity,
    directed: r.directed,
    asymmetry: r.asymmetry,
    clusters: r.clusters,
    cooperation: r.cooperation,
    conflict: r.conflict,
    sign: sign.get(r.pair.join("|")) ?? 0,
    arenas: r.arenas,
    arenaClusters: Object.fromEntries(ARENAS.filter((a) => clusters.get(r.pair.join("|"))?.[a]).map((a) => [a, clusters.get(r.pair.join("|"))![a]!])),
  }));
  const inNet = new Map(net.nodes.map((n) => [n.id, n]));
  const ids = [...new Set(rows.flatMap((r) => r.pair))].sort();
  const nodes = ids.map((id) => ({ id, name: nameOf(id), degree: inNet.get(id)?.degree ?? 0, strength: inNet.get(id)?.strength ?? 0, positive: inNet.get(id)?.positive ?? 0, negative: inNet.get(id)?.negative ?? 0 }));
  const range = q.since || q.until ? ` from ${q.since ?? "the start"} to ${q.until ?? "the end"}` : "";
  return { nodes, edges, description: `Entente dyad network${range}: ${nodes.length} states, ${edges.length} scored pairs (sign ≠ 0: |score| ≥ ${cfg.edgeThreshold})` };
}

/** Reviewed documents as `entente-gold/1`, in the order named; an unknown id is an error. */
export async function goldExports(store: EventStore, docIds: readonly string[]): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  for (const id of docIds) {
    const a = await correctedAnalysis(store, id);
    if (!a) throw new InputError("USAGE", id, "no such document in the store");
    out.push(goldOf(a));
  }
  return out;
}
