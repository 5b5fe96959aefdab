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
    ["no text", "{}", "application/json", /give text or html/],
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
