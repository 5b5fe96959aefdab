/**
 * The API in-process (fastify inject): open reads, token-guarded writes, limits, validation at
 * the edge, and the relation endpoints over documents added through the API.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createIndexer } from "../app/index.js";
import { loadAnalyzer } from "../app/setup.js";
import { loadIndexConfig } from "../data/coding.js";
import { SqliteStore } from "../store/sqlite/store.js";
import { buildServer, tokenHashOf } from "./app.js";

const TOKEN = "test-token-1234567890";
const auth = { authorization: `Bearer ${TOKEN}` };
// our own sentences
const NOTE = [
  "Iran and Russia signed a defence cooperation agreement in Moscow on 12 March 2024.",
  "Russia and Iran held joint naval exercises in the Caspian Sea in May 2024.",
  "Iran accused the United States of destabilising the region in June 2024.",
].join("\n\n");

describe("HTTP API", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "entente-api-"));
  let app: FastifyInstance;
  let store: SqliteStore;
  beforeAll(async () => {
    const analyzer = loadAnalyzer();
    store = SqliteStore.open(path.join(dir, "api.db"));
    app = await buildServer({ store, analyzer, indexer: createIndexer(analyzer.lexicon, loadIndexConfig()), tokenHash: tokenHashOf(TOKEN), bodyLimit: 64 * 1024, uploadsPerMinute: 1000 });
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("describes itself: /openapi.json and a readable /docs page", async () => {
    const spec = await app.inject({ url: "/openapi.json" });
    expect(spec.statusCode).toBe(200);
    expect(spec.json().openapi).toBe("3.1.0");
    expect(Object.keys(spec.json().paths)).toEqual(expect.arrayContaining(["/api/documents", "/api/events", "/api/dyads/{a}/{b}", "/api/reports/{a}/{b}"]));
    const docs = await app.inject({ url: "/docs" });
    expect(docs.headers["content-type"]).toMatch(/text\/html/);
    expect(docs.body).toContain("/api/dyads/{a}/{b}");
  });

  it.each([
    ["no token", {}],
    ["a wrong token", { authorization: "Bearer nope" }],
    ["a malformed header", { authorization: TOKEN }],
  ])("refuses a write with %s (401)", async (_w, headers) => {
    const r = await app.inject({ method: "POST", url: "/api/documents", headers, payload: { text: NOTE } });
    expect(r.statusCode).toBe(401);
    expect(r.json().error).toMatch(/token/);
    expect((await store.counts()).documents).toBe(0);
  });

  it("refuses a body over the limit (413)", async () => {
    const r = await app.inject({ method: "POST", url: "/api/documents", headers: auth, payload: { text: "x".repeat(70 * 1024) } });
    expect(r.statusCode).toBe(413);
  });

  it.each([
    ["malformed JSON", "{", "application/json", /JSON|body/i],
    ["no text", "{}", "application/json", /give text, html or url/],
    ["a url that is not http", '{"url":"file:///etc/passwd"}', "application/json", /http\(s\) address/],
    ["a url on loopback", '{"url":"http://127.0.0.1:1/x"}', "application/json", /private|loopback|refused/i],
    ["an empty text", '{"text":""}', "application/json", /text is empty/],
    ["an unknown field", '{"text":"Iran met Russia.","colour":"red"}', "application/json", /colour|unrecognized/i],
    ["a bad date", '{"text":"Iran met Russia.","published":"yesterday"}', "application/json", /published/],
    ["a zip file", Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00]), "application/octet-stream", /zip|binary|not text/],
  ])("refuses %s with 400 and a message", async (_w, payload, type, re) => {
    const r = await app.inject({ method: "POST", url: "/api/documents", headers: { ...auth, "content-type": type }, payload });
    expect(r.statusCode).toBe(400);
    expect(r.json().error).toMatch(re);
  });

  it("adds a document by text, once", async () => {
    const r = await app.inject({ method: "POST", url: "/api/documents", headers: auth, payload: { text: NOTE, title: "Test note", outlet: "Example Wire", published: "2024-06-30" } });
    expect(r.statusCode, r.body).toBe(201);
    const [d] = r.json().documents;
    expect(d).toMatchObject({ added: true, title: "Test note" });
    expect(d.events).toBeGreaterThanOrEqual(2);
    const again = await app.inject({ method: "POST", url: "/api/documents", headers: auth, payload: { text: NOTE } });
    expect(again.statusCode).toBe(200);
    expect(again.json().documents[0].added).toBe(false);
    const got = await app.inject({ url: `/api/documents/${encodeURIComponent(d.id)}` });
    expect(got.json().format).toBe("entente/1");
    expect((await app.inject({ url: "/api/documents?limit=10" })).json()).toMatchObject({ total: 1, limit: 10, offset: 0 });
  });

  it("adds a text file by its bytes", async () => {
    const r = await app.inject({ method: "POST", url: "/api/documents", headers: { ...auth, "content-type": "text/plain", "x-filename": "note.txt" }, payload: "Chile and Peru signed a trade agreement in Lima on 3 April 2023." });
    expect(r.statusCode, r.body).toBe(201);
  });

  it("answers events, dyads, series, triads and reports", async () => {
    const ev = (await app.inject({ url: "/api/events?actor=IRN&arena=military" })).json();
    expect(ev.items.length).toBeGreaterThan(0);
    expect(ev.items.every((e: { arena: string[] }) => e.arena.includes("military"))).toBe(true);
    const dy = (await app.inject({ url: "/api/dyads?actor=Iran" })).json();
    expect(dy.items.find((x: { pair: string[] }) => x.pair.join() === "IRN,RUS")).toBeDefined();
    const s = (await app.inject({ url: "/api/dyads/Russia/Iran?by=month" })).json();
    expect(s.pair).toEqual(["IRN", "RUS"]);
    expect(s.points.length).toBeGreaterThan(0);
    expect((await app.inject({ url: "/api/triads" })).json()).toHaveProperty("edges");
    const html = await app.inject({ url: "/api/reports/IRN/RUS?format=html" });
    expect(html.headers["content-type"]).toMatch(/text\/html/);
    expect(html.headers["content-security-policy"]).toContain("default-src 'none'");
    expect(html.body).toContain("<svg");
    expect((await app.inject({ url: "/api/reports/IRN/RUS?format=md" })).body).toMatch(/^# Iran–Russia/);
  });

  it.each([
    ["/api/events?modality=rumoured", /modality/],
    ["/api/events?limit=0", /limit/],
    ["/api/events?since=last-week", /since/],
    ["/api/events?colour=red", /colour|unrecognized/i],
    ["/api/dyads/Iran/Atlantis", /Atlantis/],
    ["/api/dyads/Iran/IRN", /two different states/],
    ["/api/reports/IRN/RUS?format=pdf", /format/],
    ["/api/search", /give q/],
  ])("refuses %s with 400 and a message", async (url, re) => {
    const r = await app.inject({ url });
    expect(r.statusCode).toBe(400);
    expect(r.json().error).toMatch(re);
  });

  it("answers 404 with a message for unknown routes and documents", async () => {
    expect((await app.inject({ url: "/api/nothing" })).json()).toMatchObject({ status: 404 });
    expect((await app.inject({ url: "/api/documents/sha256:none" })).statusCode).toBe(404);
  });

  it("limits uploads per client (429)", async () => {
    const analyzer = loadAnalyzer();
    const limited = await buildServer({ store, analyzer, indexer: createIndexer(analyzer.lexicon, loadIndexConfig()), tokenHash: tokenHashOf(TOKEN), uploadsPerMinute: 2 });
    const codes: number[] = [];
    for (let i = 0; i < 3; i++) codes.push((await limited.inject({ method: "POST", url: "/api/documents", headers: auth, payload: { text: `Iran and Iraq met in Baghdad, round ${i}.` } })).statusCode);
    expect(codes.slice(0, 2).every((c) => c === 200 || c === 201)).toBe(true);
    const last = await limited.inject({ method: "POST", url: "/api/documents", headers: auth, payload: { text: "Iran and Iraq met again." } });
    expect(last.statusCode).toBe(429);
    expect(last.headers["retry-after"]).toBeDefined();
    await limited.close();
  }, 30_000);
});

describe("reviewers' corrections through the API", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "entente-api-corr-"));
  let app: FastifyInstance;
  let store: SqliteStore;
  let docId = "";
  const analyzer = loadAnalyzer();
  const indexer = createIndexer(analyzer.lexicon, loadIndexConfig());
  const score = async () => ((await app.inject({ url: "/api/dyads?actor=IRN" })).json().items as { pair: string[]; score: number }[]).find((d) => d.pair.join() === "IRN,RUS")?.score ?? 0;
  beforeAll(async () => {
    store = SqliteStore.open(path.join(dir, "corr.db"));
    app = await buildServer({ store, analyzer, indexer, tokenHash: tokenHashOf(TOKEN) });
    const r = await app.inject({ method: "POST", url: "/api/documents", headers: auth, payload: { text: NOTE, published: "2024-06-30", title: "Test note" } });
    docId = r.json().documents[0].id;
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("lists events to review, least confident first", async () => {
    const items = (await app.inject({ url: "/api/review?limit=50" })).json().items as { confidence: number }[];
    expect(items.length).toBeGreaterThan(1);
    for (let i = 1; i < items.length; i++) expect(items[i]!.confidence).toBeGreaterThanOrEqual(items[i - 1]!.confidence);
  });

  it.each([
    ["no token", {}, { action: "reject", docId: "x", eventId: "e1" }, 401, /token/],
    ["an unknown action", auth, { action: "delete", docId: "x", eventId: "e1" }, 400, /action/],
    ["no changes", auth, { action: "edit", docId: "d", eventId: "e1", changes: {} }, 400, /at least one field/],
    ["a bad type", auth, { action: "edit", docId: "d", eventId: "e1", changes: { type: "agree!" } }, 400, /PLOVER type/],
    ["an unknown document", auth, { action: "reject", docId: "sha256:none", eventId: "e1" }, 400, /no such document/],
    ["a merge into itself", auth, { action: "merge-actors", from: "IRN", into: "IRN" }, 400, /itself/],
  ])("refuses a correction with %s", async (_w, headers, payload, code, re) => {
    const r = await app.inject({ method: "POST", url: "/api/corrections", headers, payload });
    expect(r.statusCode).toBe(code);
    expect(r.json().error).toMatch(re);
  });

  it("keeps a correction apart from machine output, moves the score, and keeps it through re-analysis", async () => {
    const doc = (await app.inject({ url: `/api/documents/${encodeURIComponent(docId)}` })).json();
    const coop = doc.events.find((e: { polarity: string; source: string[]; target: string[] }) => e.polarity === "cooperation" && [...e.source, ...e.target].includes("RUS"));
    expect(coop).toBeDefined();
    const before = await score();
    const r = await app.inject({ method: "POST", url: "/api/corrections", headers: auth, payload: { action: "edit", docId, eventId: coop.id, changes: { polarity: "conflict", type: "ACCUSE" } } });
    expect(r.statusCode, r.body).toBe(201);
    const after = await score();
    expect(after).toBeLessThan(before);
    const shown = (await app.inject({ url: `/api/documents/${encodeURIComponent(docId)}` })).json().events.find((e: { id: string }) => e.id === coop.id);
    expect(shown).toMatchObject({ polarity: "conflict", type: "ACCUSE", corrected: true });
    expect((await store.getAnalysis(docId))!.events.find((e) => e.id === coop.id)!.polarity).toBe("cooperation");
    // re-analysis: every report derived again from stored analyses, every pair re-clustered
    await indexer.rebuildReports(store);
    await indexer.reindex(store, { all: true });
    expect(await score()).toBe(after);
  });

  it("rejects an event and exports the reviewed document as entente-gold/1", async () => {
    const doc = (await app.inject({ url: `/api/documents/${encodeURIComponent(docId)}` })).json();
    const victim = doc.events.at(-1).id as string;
    expect((await app.inject({ method: "POST", url: "/api/corrections", headers: auth, payload: { action: "reject", docId, eventId: victim } })).statusCode).toBe(201);
    const gold = (await app.inject({ url: `/api/export/gold/${encodeURIComponent(docId)}` })).json();
    expect(gold.format).toBe("entente-gold/1");
    expect(gold.events.map((e: { id: string }) => e.id)).not.toContain(victim);
    const { GoldSchema } = await import("../analysis/score.js");
    expect(GoldSchema.safeParse(gold).success).toBe(true);
    expect((await app.inject({ url: "/api/corrections" })).json().items.length).toBe(2);
  });
});
