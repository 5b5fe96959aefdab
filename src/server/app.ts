/**
 * The HTTP API (fastify): documents, search, actors, events, dyads, series, triads and reports
 * over one store, in `entente/1` shapes. Reads are open; writes need the bearer token whose
 * SHA-256 the store keeps. Input is checked at the edge (zod) and refused with 400 and a
 * message; bodies over the limit get 413; uploads are rate-limited per client.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import { z } from "zod";
import { assess, dyadSeries, dyadTable, networkOf } from "../analysis/assess.js";
import type { Analyzer } from "../analysis/analyze.js";
import { storeDocument } from "../app/batch.js";
import { priorsFor } from "../app/priors.js";
import { loadStructuralConfig } from "../data/coding.js";
import type { StructuralConfig } from "../core/structural-config.js";
import { correct, correctedAnalysis, goldOf } from "../app/corrections.js";
import { applyCorrections, CorrectionInput } from "../core/correction.js";
import type { Indexer } from "../app/index.js";
import { displayInfo, resolveState } from "../app/relations.js";
import { makeDoc, type Doc } from "../core/doc.js";
import { EntenteError } from "../core/errors.js";
import { ARENAS, MODALITIES } from "../core/output.js";
import { DEFAULT_INGEST, docsFromBytes, readInput } from "../ingest/sources.js";
import { renderHtml, renderMarkdown } from "../report/render.js";
import type { EventStore, StoredEvent } from "../store/contract.js";
import { OPENAPI, docsPage } from "./openapi.js";

export interface ServerOptions {
  store: EventStore;
  analyzer: Analyzer;
  indexer: Indexer;
  /** SHA-256 (hex) of the write token; writes are refused when null */
  tokenHash: string | null;
  /** largest request body, bytes */
  bodyLimit?: number;
  /** uploads per client per minute */
  uploadsPerMinute?: number;
  /** static files of the dashboard: path → { type, body } */
  assets?: ReadonlyMap<string, { type: string; body: Buffer }>;
  logger?: boolean;
  /** structural index settings for reports (default: data/analysis/structural.yaml) */
  structuralConfig?: StructuralConfig;
  /** let `POST /api/documents {url}` reach private and loopback addresses (tests) */
  allowPrivateUrls?: boolean;
}

export const tokenHashOf = (token: string) => createHash("sha256").update(token).digest("hex");

const DATE = z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, "a date: YYYY, YYYY-MM or YYYY-MM-DD");
const Page = { limit: z.coerce.number().int().min(1).max(1000).default(100), offset: z.coerce.number().int().min(0).default(0) };
const Range = { since: DATE.optional(), until: DATE.optional() };

const EventsQuery = z.strictObject({
  ...Page,
  ...Range,
  actor: z.string().min(1).optional(),
  arena: z.enum(ARENAS as [string, ...string[]]).optional(),
  type: z.string().min(1).optional(),
  modality: z.enum(MODALITIES as [string, ...string[]]).optional(),
  outlet: z.string().min(1).optional(),
  doc: z.string().min(1).optional(),
});
const DyadsQuery = z.strictObject({ ...Range, actor: z.string().min(1).optional(), arena: z.enum(ARENAS as [string, ...string[]]).optional(), limit: z.coerce.number().int().min(1).max(5000).default(200) });
const SeriesQuery = z.strictObject({ ...Range, by: z.enum(["month", "quarter", "year"]).default("month") });
const ReportQuery = z.strictObject({ ...Range, by: z.enum(["month", "quarter", "year"]).default("year"), format: z.enum(["json", "md", "html"]).default("json") });
const NewDocument = z.strictObject({
  text: z.string().min(1, "text is empty").optional(),
  html: z.string().min(1).optional(),
  url: z.string().regex(/^https?:\/\//i, "an http(s) address").optional(),
  title: z.string().optional(),
  outlet: z.string().optional(),
  author: z.string().optional(),
  published: DATE.optional(),
});

/** A 400 with a message. */
class BadRequest extends Error {
  readonly status = 400;
}

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const r = schema.safeParse(value ?? {});
  if (r.success) return r.data;
  const i = r.error.issues[0]!;
  throw new BadRequest(`${what}: ${i.path.join(".") || "(body)"}: ${i.message}`);
}

export async function buildServer(opts: ServerOptions): Promise<FastifyInstance> {
  const { store, analyzer, indexer } = opts;
  const lex = analyzer.lexicon;
  const structural = opts.structuralConfig ?? loadStructuralConfig();
  const app = Fastify({ logger: opts.logger ?? false, bodyLimit: opts.bodyLimit ?? 2 * 1024 * 1024 });
  app.addContentTypeParser(["text/plain", "text/html", "application/rss+xml", "application/atom+xml", "application/xml", "application/octet-stream"], { parseAs: "buffer" }, (_req, body, done) => done(null, body));

  app.setErrorHandler((err: Error & { statusCode?: number; status?: number; code?: string }, _req, reply) => {
    const status = err instanceof BadRequest ? 400 : err instanceof EntenteError ? 400 : (err.statusCode ?? 500);
    const message = err instanceof EntenteError ? err.oneLine() : status >= 500 ? "internal error" : err.message;
    if (status >= 500) app.log.error(err);
    void reply.status(status).send({ error: message, status });
  });
  app.setNotFoundHandler((req, reply) => void reply.status(404).send({ error: `no such route: ${req.method} ${req.url.split("?")[0]}`, status: 404 }));

  // writes: a bearer token, compared in constant time against the stored hash
  const requireToken = async (req: FastifyRequest, reply: FastifyReply) => {
    const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? "");
    const ok = !!opts.tokenHash && !!m && timingSafeEqual(Buffer.from(tokenHashOf(m[1]!), "hex"), Buffer.from(opts.tokenHash, "hex"));
    if (!ok) return reply.status(401).header("www-authenticate", 'Bearer realm="entente"').send({ error: "this needs the write token: Authorization: Bearer TOKEN", status: 401 });
  };
  // uploads: a fixed window per client address
  const perMinute = opts.uploadsPerMinute ?? 60;
  const windows = new Map<string, { start: number; n: number }>();
  const rateLimit = async (req: FastifyRequest, reply: FastifyReply) => {
    const now = Date.now();
    const w = windows.get(req.ip);
    if (!w || now - w.start >= 60_000) windows.set(req.ip, { start: now, n: 1 });
    else if (++w.n > perMinute) return reply.status(429).header("retry-after", String(Math.ceil((w.start + 60_000 - now) / 1000))).send({ error: `more than ${perMinute} uploads a minute; wait and retry`, status: 429 });
  };

  const state = (s: string) => resolveState(lex, s);
  const info = async () => displayInfo(lex, await store.actors());

  app.get("/openapi.json", async () => OPENAPI);
  app.get("/docs", async (_req, reply) => reply.type("text/html; charset=utf-8").send(docsPage()));
  app.get("/api/health", async () => ({ ok: true, store: store.location, ...(await store.counts()) }));

  app.get("/api/documents", async (req) => {
    const q = parse(z.strictObject(Page), req.query, "query");
    const counts = await store.counts();
    return { total: counts.documents, limit: q.limit, offset: q.offset, items: await store.listDocuments(q) };
  });
  app.get<{ Params: { id: string } }>("/api/documents/:id", async (req, reply) => {
    const out = await correctedAnalysis(store, req.params.id);
    if (!out) return reply.status(404).send({ error: `no document ${req.params.id}`, status: 404 });
    return out;
  });
  app.post("/api/documents", { preHandler: [requireToken, rateLimit] }, async (req, reply) => {
    let docs: Doc[];
    const type = String(req.headers["content-type"] ?? "");
    if (Buffer.isBuffer(req.body)) {
      const name = String(req.headers["x-filename"] ?? "upload");
      docs = await docsFromBytes(new Uint8Array(req.body), name, { path: name }, type);
    } else {
      const b = parse(NewDocument, req.body, "body");
      if (!b.text && !b.html && !b.url) throw new BadRequest("body: give text, html or url");
      const meta = { title: b.title ?? null, author: b.author ?? null, outlet: b.outlet ?? null, published: b.published ?? null, source: { path: "api" }, contentType: "text" as const };
      if (b.url) docs = await readInput({ kind: "url", url: b.url }, { ...DEFAULT_INGEST, allowPrivate: opts.allowPrivateUrls ?? false });
      else if (b.html) docs = (await docsFromBytes(new TextEncoder().encode(b.html), "api.html", { path: "api" }, "text/html")).map((d) => makeDoc(d.text, { ...d.meta, ...given(meta) }, d.layers.paragraphs));
      else docs = [makeDoc(b.text!.replace(/\r\n?/g, "\n"), meta)];
    }
    const results = [];
    for (const d of docs) {
      const r = await storeDocument(d, analyzer, store, { indexer });
      results.push({ id: d.id, added: r.added, title: r.output?.document.title ?? null, events: r.output?.events.length ?? 0, actors: r.output?.actors.length ?? 0 });
    }
    return reply.status(results.some((r) => r.added) ? 201 : 200).send({ documents: results });
  });
  app.get("/api/search", async (req) => {
    const q = parse(z.strictObject({ q: z.string({ error: "give q, the words to look for" }).min(1, "give q, the words to look for"), limit: Page.limit }), req.query, "query");
    return { items: await store.search(q.q, { limit: q.limit }) };
  });
  app.get("/api/actors", async () => ({ items: await store.actors() }));
  app.get("/api/events", async (req) => {
    const q = parse(EventsQuery, req.query, "query");
    const actor = q.actor ? (lex.entries.get(q.actor.toUpperCase())?.id ?? q.actor) : undefined;
    let items: StoredEvent[] = await correctedEvents(await store.events({ actor, docId: q.doc, limit: 100_000 }));
    const docs = q.outlet || q.since || q.until ? new Map((await store.listDocuments({ limit: 1_000_000 })).map((d) => [d.id, d])) : null;
    items = items.filter((e) => {
      if (q.arena && !e.arena.includes(q.arena as never)) return false;
      if (q.type && e.type !== q.type.toUpperCase()) return false;
      if (q.modality && e.modality !== q.modality) return false;
      const d = docs?.get(e.docId);
      if (q.outlet && (d?.outlet ?? "").toLowerCase() !== q.outlet.toLowerCase()) return false;
      const day = e.date?.from ?? d?.published ?? null;
      if (q.since && (!day || day < q.since)) return false;
      if (q.until && (!day || day.slice(0, q.until.length) > q.until)) return false;
      return true;
    });
    return { total: items.length, limit: q.limit, offset: q.offset, items: items.slice(q.offset, q.offset + q.limit) };
  });
  // reviewers' corrections: the events to review first, corrections, and reviewed documents as gold
  const correctedEvents = async (events: readonly StoredEvent[]): Promise<StoredEvent[]> => {
    const all = await store.corrections();
    if (!all.length) return [...events];
    const byDoc = new Map<string, StoredEvent[]>();
    for (const e of events) byDoc.set(e.docId, [...(byDoc.get(e.docId) ?? []), e]);
    const out: StoredEvent[] = [];
    for (const [docId, es] of byDoc) {
      const cs = all.filter((c) => c.action === "merge-actors" || c.docId === docId);
      out.push(...applyCorrections({ document: { id: docId }, events: es }, cs).events);
    }
    return out;
  };
  app.get("/api/review", async (req) => {
    const q = parse(z.strictObject(Page), req.query, "query");
    const items = (await correctedEvents(await store.events({ limit: 1_000_000 }))).sort((x, y) => x.confidence - y.confidence || x.docId.localeCompare(y.docId) || x.id.localeCompare(y.id));
    return { total: items.length, limit: q.limit, offset: q.offset, items: items.slice(q.offset, q.offset + q.limit) };
  });
  app.get("/api/corrections", async () => ({ items: await store.corrections() }));
  app.post("/api/corrections", { preHandler: requireToken }, async (req, reply) => {
    const c = await correct(store, indexer, parse(CorrectionInput, req.body, "body"));
    return reply.status(201).send({ correction: c });
  });
  app.get<{ Params: { id: string } }>("/api/export/gold/:id", async (req, reply) => {
    const out = await correctedAnalysis(store, req.params.id);
    if (!out) return reply.status(404).send({ error: `no document ${req.params.id}`, status: 404 });
    return reply.header("content-disposition", `attachment; filename="${req.params.id.replace(/[^a-z0-9]+/gi, "-").slice(0, 40)}.gold.json"`).send(goldOf(out));
  });

  app.get("/api/dyads", async (req) => {
    const q = parse(DyadsQuery, req.query, "query");
    let rows = await dyadTable(store, { actor: q.actor ? state(q.actor) : undefined, since: q.since, until: q.until }, indexer.config);
    if (q.arena) rows = rows.filter((r) => r.arenas[q.arena as keyof typeof r.arenas] !== undefined);
    return { items: rows.slice(0, q.limit) };
  });
  app.get<{ Params: { a: string; b: string } }>("/api/dyads/:a/:b", async (req) => {
    const q = parse(SeriesQuery, req.query, "query");
    const [a, b] = [state(req.params.a), state(req.params.b)];
    if (a === b) throw new BadRequest("give two different states");
    return dyadSeries(store, a, b, q.by, { since: q.since, until: q.until }, indexer.config);
  });
  app.get("/api/triads", async (req) => {
    const q = parse(z.strictObject(Range), req.query, "query");
    return networkOf(await dyadTable(store, q, indexer.config), indexer.config);
  });
  app.get<{ Params: { a: string; b: string } }>("/api/reports/:a/:b", async (req, reply) => {
    const q = parse(ReportQuery, req.query, "query");
    const [a, b] = [state(req.params.a), state(req.params.b)];
    if (a === b) throw new BadRequest("give two different states");
    const priors = await priorsFor(store, a, b, structural);
    const r = await assess(store, a, b, indexer.config, { since: q.since, until: q.until, by: q.by, priors, ...(await info()) });
    if (q.format === "md") return reply.type("text/markdown; charset=utf-8").send(renderMarkdown(r));
    if (q.format === "html") return reply.type("text/html; charset=utf-8").header("content-security-policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:").send(renderHtml(r));
    return r;
  });

  // the dashboard's static files, with a strict content security policy
  if (opts.assets) {
    const assets = opts.assets;
    const serve = (p: string, reply: FastifyReply) => {
      const a = assets.get(p) ?? assets.get("/index.html");
      if (!a) return reply.status(404).send({ error: "no dashboard build", status: 404 });
      return reply
        .type(a.type)
        .header("content-security-policy", "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'")
        .header("x-content-type-options", "nosniff")
        .send(a.body);
    };
    app.get("/", async (_req, reply) => serve("/index.html", reply));
    app.get("/*", async (req, reply) => serve(req.url.split("?")[0]!, reply));
  }
  return app;
}

/** The metadata the caller gave (title, outlet, author, date), to win over what a page says. */
function given(meta: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(meta)) if (v !== null && v !== undefined && k !== "source" && k !== "contentType") out[k] = v;
  return out;
}
