/**
 * `entente export` end to end, on the built CLI over the bundled examples (build first:
 * `npx tsc -p tsconfig.build.json && node scripts/compile-data.mjs`).
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parsePlover, ploverTerms, type PloverRecord } from "../interop/plover.js";
import { entente } from "../test-support/cli.js";
import { REPO } from "../test-support/shared.js";

let dir: string;
let db: string;
let records: PloverRecord[];

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "entente-export-"));
  db = path.join(dir, "ex.db");
  const r = entente(["ingest", path.join(REPO, "examples"), "--db", db]);
  expect(r.code, r.stderr).toBe(0);
  const p = entente(["export", "plover", "--db", db]);
  expect(p.code, p.stderr).toBe(0);
  records = p.stdout.trim().split("\n").map((l) => JSON.parse(l) as PloverRecord);
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const stats = () => JSON.parse(entente(["stats", "--db", db]).stdout) as { events: number; documents: number };

describe("entente export plover", () => {
  it("writes every stored event as one JSON line, and says how many on stderr", () => {
    expect(records.length).toBeGreaterThan(20);
    const s = stats();
    if (typeof s.events === "number") expect(records.length).toBe(s.events);
    expect(new Set(records.map((r) => r.id)).size).toBe(records.length);
    for (const r of records) expect(r).toMatchObject({ coder: "entente", entente: { format: "entente-plover/1" } });
  });

  it("reads back with parsePlover without a problem", () => {
    const text = records.map((r) => JSON.stringify(r)).join("\n");
    const { events, problems } = parsePlover(text, "x.jsonl", ploverTerms());
    expect(problems).toEqual([]);
    expect(events.map((e) => e.detail!.origin)).toEqual(records.map((r) => r.entente.origin));
  });

  it.each([
    ["--actor CHN", ["--actor", "CHN"], (r: PloverRecord) => [...r.actor, ...r.recipient].some((a) => a.entente_id === "CHN" || a.country_code === "CHN")],
    ["--actor China (a name)", ["--actor", "China"], (r: PloverRecord) => [...r.actor, ...r.recipient].some((a) => a.country_code === "CHN")],
    ["--since 2019 --until 2019", ["--since", "2019", "--until", "2019"], (r: PloverRecord) => r.date !== null && r.date.startsWith("2019")],
    ["--since 2023-01", ["--since", "2023-01"], (r: PloverRecord) => r.date !== null && r.date >= "2023-01-01"],
  ])("%s keeps exactly the matching events", (_, args, keep) => {
    const r = entente(["export", "plover", "--db", db, ...args]);
    expect(r.code, r.stderr).toBe(0);
    const got = r.stdout.trim().split("\n").filter(Boolean).map((l) => (JSON.parse(l) as PloverRecord).id);
    expect(got.length).toBeGreaterThan(0);
    expect(got).toEqual(records.filter(keep).map((x) => x.id));
  });

  it("takes document ids, and --out", () => {
    const doc = records[0]!.cite_info!.doc_id!;
    const out = path.join(dir, "one.jsonl");
    const r = entente(["export", "plover", doc, "--db", db, "--out", out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/events? as PLOVER JSON lines → /);
    const lines = readFileSync(out, "utf8").trim().split("\n");
    expect(lines.map((l) => (JSON.parse(l) as PloverRecord).id)).toEqual(records.filter((x) => x.cite_info?.doc_id === doc).map((x) => x.id));
  });
});

describe("entente export csv", () => {
  it("writes a header and one CRLF-terminated row per event", () => {
    const r = entente(["export", "csv", "--db", db]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.startsWith("GLOBALEVENTID,SQLDATE,Actor1Code,")).toBe(true);
    // rows end with CRLF; line breaks inside quoted evidence are bare LF at most
    expect(r.stdout.split("\r\n").length - 2).toBe(records.length);
  });
});

describe("entente export graphml", () => {
  it("opens in an XML parser with a node per state and an edge per pair of the dyad table", () => {
    const r = entente(["export", "graphml", "--db", db]);
    expect(r.code, r.stderr).toBe(0);
    expect(XMLValidator.validate(r.stdout)).toBe(true);
    const g = new XMLParser({ ignoreAttributes: false, parseTagValue: false, isArray: (n) => ["node", "edge", "data", "key"].includes(n) }).parse(r.stdout).graphml.graph;
    const dy = entente(["dyads", "--db", db, "--format", "json", "--limit", "10000"]);
    const table = JSON.parse(dy.stdout) as { pair: [string, string]; score: number; polarity: string; clusters: number }[];
    expect(g.edge).toHaveLength(table.length);
    expect(g.node).toHaveLength(new Set(table.flatMap((t) => t.pair)).size);
    const byPair = new Map(table.map((t) => [t.pair.join("|"), t]));
    for (const e of g.edge as { "@_source": string; "@_target": string; data: { "@_key": string; "#text": string }[] }[]) {
      const t = byPair.get(`${e["@_source"]}|${e["@_target"]}`)!;
      const d = Object.fromEntries(e.data.map((x) => [x["@_key"], x["#text"]]));
      expect([Number(d.score), d.polarity, Number(d.clusters)]).toEqual([t.score, t.polarity, t.clusters]);
    }
  });
});

describe("entente export gold", () => {
  it("writes a stored document as entente-gold/1", () => {
    const doc = records[0]!.cite_info!.doc_id!;
    const r = entente(["export", "gold", doc, "--db", db]);
    expect(r.code, r.stderr).toBe(0);
    const g = JSON.parse(r.stdout) as { format: string; events: unknown[] };
    expect(g.format).toBe("entente-gold/1");
    expect(g.events).toHaveLength(records.filter((x) => x.cite_info?.doc_id === doc).length);
  });
});

describe("entente export: usage and errors", () => {
  it.each([
    ["no reviewed documents for gold", ["export", "gold"], 2, /no reviewed documents/],
    ["unknown document", ["export", "plover", "sha256:nope"], 2, /sha256:nope: no such document/],
    ["document ids for graphml", ["export", "graphml", "x"], 2, /takes no document ids/],
    ["unknown format", ["export", "xml"], 2, /invalid for argument 'format'/],
    ["bad date", ["export", "csv", "--since", "2019-1"], 2, /--since takes a date/],
    ["unknown actor", ["export", "csv", "--actor", "Narnia"], 2, /Narnia: not a state or actor id/],
  ])("%s: one line, non-zero exit", (_, args, code, msg) => {
    const r = entente([...args, "--db", db]);
    expect(r.code).toBe(code);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(msg);
  });

  it("a missing database is an input error", () => {
    const r = entente(["export", "plover", "--db", path.join(dir, "none.db")]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no such database/);
  });

  it("--help names the formats", () => {
    const r = entente(["export", "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/plover.*csv.*graphml.*gold/s);
  });
});

const hasPloverImport = /plover/.test(entente(["import", "--help"]).stdout);

describe("entente export plover → entente import plover", () => {
  it.skipIf(!hasPloverImport)("a fresh database gets the same events", () => {
    const file = path.join(dir, "all.jsonl");
    expect(entente(["export", "plover", "--db", db, "--out", file]).code).toBe(0);
    const db2 = path.join(dir, "again.db");
    const imp = entente(["import", "plover", file, "--db", db2]);
    expect(imp.code, imp.stderr).toBe(0);
    const again = entente(["export", "plover", "--db", db2]);
    expect(again.code, again.stderr).toBe(0);
    const key = (r: PloverRecord) => ({
      type: r.event_type, mode: r.mode, date: r.date, intensity: r.event_intensity, polarity: r.entente.polarity, modality: r.entente.modality,
      actors: r.actor.map((a) => a.entente_id), recipients: r.recipient.map((a) => a.entente_id), text: r.text, origin: r.entente.origin,
    });
    const sort = (xs: ReturnType<typeof key>[]) => xs.map((x) => JSON.stringify(x)).sort();
    expect(sort(again.stdout.trim().split("\n").map((l) => key(JSON.parse(l) as PloverRecord)))).toEqual(sort(records.map(key)));
  });
});
