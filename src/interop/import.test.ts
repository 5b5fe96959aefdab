/**
 * Importers against the field's real samples (in ../shared, never copied here) and our own
 * POLECAT fixture: row counts, chosen rows checked against their own fields parsed here
 * independently, malformed copies (counted, reported, skipped, never a crash), wrong files
 * refused before anything is stored, re-imports that add nothing, and dyad reports that
 * cluster GDELT's duplicates of one article.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { clusterReports } from "../analysis/dyadindex.js";
import { loadIndexConfig } from "../data/coding.js";
import type { ImportedEvent } from "../core/imported.js";
import { SqliteStore } from "../store/sqlite/store.js";
import { HAS_SHARED, REPO, SKIP_SHARED, shared } from "../test-support/shared.js";
import { InputError } from "../core/errors.js";
import { BatchParser } from "./batches.js";
import { importFile, hostOf, type ImportKind } from "./import.js";
import { readLines } from "./lines.js";
import { loadInteropTables } from "./tables.js";

const tmp = mkdtempSync(path.join(tmpdir(), "entente-import-"));
let n = 0;
const fresh = () => SqliteStore.open(path.join(tmp, `i${++n}.db`));
const tables = loadInteropTables();
const A = (f: string) => shared("anchors", f);
const lines = (file: string) => readFileSync(file, "utf8").split("\n").filter((l) => l !== "");

/** GDELT's own layout, written out here independently of the importer. */
function gdeltFields(line: string) {
  const f = line.split("\t");
  const v2 = f.length === 61;
  const d = f[1]!;
  return {
    key: f[0]!, date: `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`, a1: f[5]!, a1name: f[6]!, a1country: f[7]!, a2: f[15]!, a2country: f[17]!,
    code: f[26]!, goldstein: Number(f[30]), url: v2 ? f[60]! : f.length === 58 ? f[57]! : null, columns: f.length,
  };
}

async function imported(store: SqliteStore, dataset: ImportedEvent["dataset"], key: string): Promise<ImportedEvent> {
  const [e] = await store.importedEvents({ dataset, keys: [key] });
  expect(e, `${dataset} ${key} is stored`).toBeDefined();
  return e!;
}

describe.skipIf(!HAS_SHARED)(`GDELT samples ${SKIP_SHARED}`, () => {
  it.each([
    ["gdelt1_events_20160728_mixed_710rows.tsv", 710, { 57: 201, 58: 509 }],
    ["gdelt1_events_sample100_57and58col.tsv", 100, { 57: 40, 58: 60 }],
    ["gdelt2_events_20150218230000_sample100.tsv", 100, { 61: 100 }],
  ])("%s: every row read, each event true to its row", async (file, count, widths) => {
    const store = fresh();
    const s = await importFile(store, "gdelt", A(file), tables);
    const rows = lines(A(file));
    expect(rows).toHaveLength(count);
    const seen: Record<number, number> = {};
    for (const l of rows) seen[l.split("\t").length] = (seen[l.split("\t").length] ?? 0) + 1;
    expect(seen).toEqual(widths);
    expect(s).toMatchObject({ rows: count, skipped: 0, existing: 0, problems: [] });
    expect(s.added + s.uncoded).toBe(count);
    // every row: stored as itself unless its CAMEO code is a public statement (01…)
    const dataset = 61 in widths ? "gdelt2" : "gdelt1";
    const stored = new Map((await store.importedEvents({ dataset, limit: 10_000 })).map((e) => [e.key, e]));
    rows.forEach((l, i) => {
      const g = gdeltFields(l);
      const e = stored.get(g.key);
      if (g.code.startsWith("01")) return expect(e, `row ${i + 1}`).toBeUndefined();
      expect(e, `row ${i + 1}`).toMatchObject({ row: i + 1, date: g.date, cameo: g.code, intensity: g.goldstein, url: g.url || null });
      expect(e!.source.code).toBe(g.a1 || null);
      expect(e!.target.code).toBe(g.a2 || null);
    });
    await store.close();
  });

  it("reads chosen rows as a person would (57- and 58-column rows of one file)", async () => {
    const store = fresh();
    const file = A("gdelt1_events_20160728_mixed_710rows.tsv");
    await importFile(store, "gdelt", file, tables);
    const byKey = new Map(lines(file).map((l) => [l.split("\t")[0]!, gdeltFields(l)]));
    // a backfile row (57 columns, no URL): Costa Rica consults Guatemala's government
    const old = byKey.get("1552889")!;
    expect(old.columns).toBe(57);
    const e1 = await imported(store, "gdelt1", "1552889");
    expect(e1).toMatchObject({ date: old.date, url: null, cameo: old.code, type: "CONSULT", polarity: "cooperation" });
    expect(e1.source).toMatchObject({ code: old.a1, country: "CRI", id: "CRI" });
    expect(e1.target).toMatchObject({ code: old.a2, country: "GTM", id: "GTMGOV" });
    // a daily row (58 columns, SOURCEURL last): China's government accuses the United States
    const daily = byKey.get("564111714")!;
    expect(daily.columns).toBe(58);
    const e2 = await imported(store, "gdelt1", "564111714");
    expect(e2).toMatchObject({ date: daily.date, url: daily.url, cameo: "112", type: "ACCUSE", mode: "allege", polarity: "conflict", intensity: daily.goldstein });
    expect(e2.url).toMatch(/^http:\/\/www\.morningstaronline\.co\.uk\//);
    expect([e2.source.id, e2.target.id]).toEqual(["CHNGOV", "USA"]);
    // both between states: reports of the dyad index, keyed by the article's host
    const rs = await store.pairReports("CHN", "USA");
    const r = rs.find((x) => x.eventId === "gdelt1:564111714");
    expect(r).toMatchObject({ a: "CHN", b: "USA", mutual: false, type: "ACCUSE", polarity: "conflict", day: "2016-07-27", sourceKey: "web:morningstaronline.co.uk", textKey: daily.url });
    expect(r!.intensity).toBeLessThan(0);
    await store.close();
  });

  it("GDELT 2.0: an article's duplicate events are one cluster with one source", async () => {
    const store = fresh();
    const file = A("gdelt2_events_20150218230000_sample100.tsv");
    await importFile(store, "gdelt", file, tables);
    const g = gdeltFields(lines(file).find((l) => l.startsWith("410412353\t"))!);
    expect(g.columns).toBe(61);
    const e = await imported(store, "gdelt2", "410412353");
    expect(e).toMatchObject({ date: g.date, url: g.url, cameo: g.code, type: "CONSULT", mode: "visit" });
    expect([e.source.id, e.target.id]).toEqual([g.a1country, g.a2country]);
    const reports = await store.pairReports("AUS", "NZL");
    const same = reports.filter((r) => r.textKey === g.url);
    expect(same.length).toBeGreaterThan(1);
    const clusters = clusterReports(reports, loadIndexConfig());
    const c = clusters.find((x) => x.refs.some((ref) => ref.endsWith("#gdelt2:410412353")))!;
    expect(c.reports).toBeGreaterThan(1);
    expect(c.sources).toBe(1);
    await store.close();
  });

  it("mentions: a mention of a stored event copies it with its own article; others are reported", async () => {
    const store = fresh();
    await importFile(store, "gdelt", A("gdelt2_events_20150218230000_sample100.tsv"), tables);
    const file = A("gdelt2_mentions_sample100.tsv");
    const s = await importFile(store, "gdelt-mentions", file, tables);
    const rows = lines(file).map((l) => l.split("\t"));
    expect(rows.every((f) => f.length === 16)).toBe(true);
    const storedKeys = new Set((await store.importedEvents({ dataset: "gdelt2", limit: 1000 })).map((e) => e.key));
    const known = rows.filter((f) => storedKeys.has(f[0]!));
    expect(s.rows).toBe(100);
    expect(s.added).toBe(known.length);
    expect(s.skipped).toBe(100 - known.length);
    expect(s.problems[0]!.message).toMatch(/is not in the store/);
    const f = known[0]!;
    const m = await imported(store, "gdelt2-mentions", `${f[0]}:${f[5]}`);
    const ev = await imported(store, "gdelt2", f[0]!);
    expect(m).toMatchObject({ type: ev.type, cameo: ev.cameo, source: ev.source, target: ev.target, url: f[3] === "1" ? f[5] : null });
    await store.close();
  });

  it("a re-import adds nothing; a .gz copy reads the same", async () => {
    const store = fresh();
    const file = A("gdelt2_events_20150218230000_sample100.tsv");
    const first = await importFile(store, "gdelt", file, tables);
    const again = await importFile(store, "gdelt", file, tables);
    expect(again).toMatchObject({ added: 0, existing: first.added, reports: 0 });
    const gz = path.join(tmp, "copy.tsv.gz");
    writeFileSync(gz, gzipSync(readFileSync(file)));
    const store2 = fresh();
    const z = await importFile(store2, "gdelt", gz, tables);
    expect({ ...z, file: "", docId: "" }).toEqual({ ...first, file: "", docId: "" });
    await store.close();
    await store2.close();
  });

  it("malformed rows are counted, reported with their line and skipped", async () => {
    const src = lines(A("gdelt2_events_20150218230000_sample100.tsv"));
    const bad = [...src];
    const cut = (i: number, f: (x: string[]) => string[]) => (bad[i] = f(bad[i]!.split("\t")).join("\t"));
    cut(2, (x) => x.slice(0, 30)); // line 3: truncated
    cut(4, (x) => [...x, "extra"]); // line 5: a field too many
    cut(6, (x) => ((x[1] = "20151341"), x)); // line 7: month 13
    cut(8, (x) => ((x[30] = "abc"), x)); // line 9: Goldstein not a number
    cut(10, (x) => ((x[26] = "999"), x)); // line 11: no such CAMEO code
    const file = path.join(tmp, "bad.tsv");
    writeFileSync(file, bad.join("\n") + "\n\n");
    const store = fresh();
    const s = await importFile(store, "gdelt", file, tables);
    expect(s.rows).toBe(100);
    expect(s.skipped).toBe(5);
    expect(s.problems.map((p) => [p.row, p.message.split(" ")[0]])).toEqual([
      [3, "30"],
      [5, "62"],
      [7, "bad"],
      [9, "bad"],
      [11, "unknown"],
    ]);
    expect(s.problems[2]!.message).toMatch(/bad date "20151341"/);
    expect(s.added + s.uncoded + s.skipped).toBe(100);
    await store.close();
  });

  it.each([
    ["an ICEWS file given as GDELT", "gdelt", () => A("icews_events_2018-06-01_02_sample.tab"), /not a GDELT events file \(line 1: 20 fields/],
    ["a GDELT file given as ICEWS", "icews", () => A("gdelt2_events_20150218230000_sample100.tsv"), /not an ICEWS events file/],
    ["a GDELT file given as mentions", "gdelt-mentions", () => A("gdelt2_events_20150218230000_sample100.tsv"), /not a GDELT 2.0 mentions file/],
    ["a binary file", "gdelt", () => (writeFileSync(path.join(tmp, "x.bin"), Buffer.from([1, 2, 0, 3, 0, 0, 9])), path.join(tmp, "x.bin")), /binary/],
    ["a zip archive", "gdelt", () => (writeFileSync(path.join(tmp, "x.zip"), Buffer.from("PK\x03\x04rest", "latin1")), path.join(tmp, "x.zip")), /ZIP/],
    ["a missing file", "gdelt", () => path.join(tmp, "nope.tsv"), /no such file/],
    ["an empty file", "icews", () => (writeFileSync(path.join(tmp, "empty.tab"), ""), path.join(tmp, "empty.tab")), /empty/],
  ])("refuses %s, storing nothing", async (_, kind, file, msg) => {
    const store = fresh();
    await importFile(store, "gdelt", A("gdelt2_events_20150218230000_sample100.tsv"), tables);
    const before = await store.importedCounts();
    await expect(importFile(store, kind as ImportKind, file(), tables)).rejects.toThrow(msg);
    expect(await store.importedCounts()).toEqual(before);
    await store.close();
  });
});

describe.skipIf(!HAS_SHARED)(`ICEWS sample ${SKIP_SHARED}`, () => {
  let store: SqliteStore;
  const file = () => A("icews_events_2018-06-01_02_sample.tab");
  const row = (id: string) => {
    const all = lines(file());
    const head = all[0]!.split("\t");
    const l = all.find((x) => x.startsWith(`${id}\t`))!;
    const f = l.split("\t");
    return Object.fromEntries(head.map((h, i) => [h, f[i]!]));
  };
  beforeAll(async () => {
    store = fresh();
  });
  it("reads all 3,705 rows", async () => {
    const s = await importFile(store, "icews", file(), tables);
    expect(lines(file())).toHaveLength(3706);
    expect(s).toMatchObject({ rows: 3705, skipped: 0, problems: [] });
    expect(s.added + s.uncoded).toBe(3705);
    expect((await store.importedCounts()).icews).toBe(s.added);
  });
  it.each([
    // event id, source id, target id, type
    ["32891068", "USAGOV", "CHN", "REQUEST"],
    ["32891069", "CHNGOV", "USA", "ACCUSE"],
    ["32891071", "USAGOV", "CANGOV", "THREATEN"],
    ["32889841", "POL", "IRLJUD", "ACCUSE"],
    ["32890051", "MYSOPP", "AUS", "ACCUSE"],
  ])("event %s: %s → %s, %s, true to its row", async (id, src, tgt, type) => {
    const f = row(id);
    const e = await imported(store, "icews", id);
    expect(e).toMatchObject({ date: f["Event Date"], cameo: f["CAMEO Code"], intensity: Number(f["Intensity"]), type, url: null, modality: "asserted" });
    expect(e.source).toMatchObject({ name: f["Source Name"], id: src });
    expect(e.target).toMatchObject({ name: f["Target Name"], id: tgt });
  });
  it("feeds the dyad index between states only, keyed by publisher and story sentence", async () => {
    const f = row("32891069");
    const r = (await store.pairReports("CHN", "USA")).find((x) => x.eventId === "icews:32891069")!;
    expect(r).toMatchObject({ a: "CHN", b: "USA", polarity: "conflict", sourceKey: `outlet:${f["Publisher"]!.toLowerCase()}`, textKey: `icews:${f["Story ID"]}:${f["Sentence Number"]}` });
    // an opposition figure does not speak for the state
    expect((await store.pairReports("AUS", "MYS")).some((x) => x.eventId === "icews:32890051")).toBe(false);
  });
  it("malformed copies: short and long rows, a bad date, never a crash", async () => {
    const all = lines(file());
    const bad = all.slice(0, 50);
    bad[3] = bad[3]!.split("\t").slice(0, 12).join("\t"); // a line break inside a field: short…
    bad[4] = "continued text\t" + bad[4]!; // …and a tab: long
    bad[5] = bad[5]!.replace(/\t2018-06-0\d\t/, "\t2018-06-31\t");
    const p = path.join(tmp, "bad.tab");
    writeFileSync(p, bad.join("\r\n"));
    const s2 = fresh();
    const s = await importFile(s2, "icews", p, tables);
    expect(s.rows).toBe(49);
    expect(s.problems.map((x) => x.row)).toEqual([4, 5, 6]);
    expect(s.problems[0]!.message).toMatch(/12 fields, expected 20/);
    expect(s.problems[1]!.message).toMatch(/21 fields, expected 20/);
    expect(s.problems[2]!.message).toMatch(/bad date "2018-06-31"/);
    await s2.close();
  });
});

describe("POLECAT (our fixture, the published column layout)", () => {
  const file = path.join(REPO, "test/fixtures/polecat/polecat-sample.tsv");
  it("the parse worker stores what the writing thread's parse does, malformed rows included", async () => {
    const [here, there] = [fresh(), fresh()];
    const a = await importFile(here, "polecat", file, tables, { worker: false, batch: 3 });
    expect(await importFile(there, "polecat", file, tables, { worker: true, batch: 3 })).toEqual(a);
    expect(await there.importedEvents()).toEqual(await here.importedEvents());
    await Promise.all([here.close(), there.close()]);
  });
  it("imports good rows and reports each malformed one", async () => {
    const store = fresh();
    const s = await importFile(store, "polecat", file, tables);
    expect(s).toMatchObject({ rows: 9, added: 4, skipped: 5, uncoded: 0 });
    expect(s.problems.map((p) => [p.row, p.message])).toEqual([
      [4, "41 fields, expected 40 (a tab or line break inside a text field?)"],
      [5, "22 fields, expected 40 (a tab or line break inside a text field?)"],
      [6, "19 fields, expected 40 (a tab or line break inside a text field?)"],
      [7, 'bad date "2023-02-30" (expected YYYY-MM-DD)'],
      [8, 'event type "TELEPORT" is not a PLOVER type of our ontology'],
    ]);
    const [a, b, c, d] = await store.importedEvents({ dataset: "polecat" });
    expect(a).toMatchObject({ key: "PC-0001", type: "CONSULT", mode: "visit", polarity: "cooperation", source: { id: "IRNGOV" }, target: { id: "RUS" }, cameo: null, location: "Moscow" });
    expect(b).toMatchObject({ key: "PC-0002", type: "ASSAULT", mode: "aerial", polarity: "conflict", intensity: -9, arena: ["military"], source: { id: "RUSMIL" }, target: { id: "UKR" } });
    expect(c).toMatchObject({ key: "PC-0007", type: "ACCUSE", mode: "allege", source: { id: "CHNGOV" }, target: { id: "USAMIL" } });
    expect(d).toMatchObject({ key: "PC-0008", type: "PROTEST", mode: null, source: { id: null, country: "FRA" } });
    expect(s.reports).toBe(3);
    expect(await store.reportPairs()).toEqual([["CHN", "USA"], ["IRN", "RUS"], ["RUS", "UKR"]]);
    await store.close();
  });
});

describe("line reading", () => {
  it.each([
    ["a\nb\nc", ["a", "b", "c"]],
    ["a\r\nb\r\n", ["a", "b"]],
    ["\uFEFFa\nb", ["a", "b"]],
    ["only", ["only"]],
    ["x\n\ny\n", ["x", "", "y"]],
  ])("%j → %j", async (text, want) => {
    const p = path.join(tmp, `l${++n}.txt`);
    writeFileSync(p, text);
    const got: string[] = [];
    for await (const b of readLines(p, { batch: 1 })) got.push(...b.lines);
    expect(got).toEqual(want);
  });
  it("numbers lines across batches and chunk boundaries", async () => {
    const p = path.join(tmp, "many.txt");
    writeFileSync(p, Array.from({ length: 50_000 }, (_, i) => `line ${i + 1} ${"é".repeat(i % 50)}`).join("\n"));
    let count = 0;
    for await (const b of readLines(p, { batch: 7_000 })) {
      b.lines.forEach((l, i) => expect(l.startsWith(`line ${b.first + i} `)).toBe(true));
      count += b.lines.length;
    }
    expect(count).toBe(50_000);
  });
  it.each([
    ["http://www.Example.com/a/b", "example.com"],
    ["https://user@news.example.org:8080/x?y", "news.example.org"],
    ["not a url", null],
    [null, null],
  ])("host of %j is %j", (url, host) => expect(hostOf(url)).toBe(host));
});

describe("PLOVER JSON (parsePlover, streamed by line)", () => {
  const rec = (o: Record<string, unknown>) => JSON.stringify(o);
  const actor = (name: string, code: string) => ({ entity_name: name, country_code: code });
  const lines = [
    rec({ id: "t-1", date: "2023-05-01", event_type: "CONSULT", mode: "visit", actor: actor("Iran", "IRN"), recipient: actor("Russia", "RUS") }),
    "{ not json",
    rec({ id: "t-3", date: "2023-05-02", event_type: "ASSAULT", actor: actor("Russia", "RUS"), recipient: actor("Ukraine", "UKR"), text: "Russian forces shelled Kharkiv." }),
    rec({ id: "doc", event_type: "DOCUMENT" }),
  ];
  it("JSON lines: events, problems by line, reports; a re-import adds nothing", async () => {
    const p = path.join(tmp, "plover.jsonl");
    writeFileSync(p, lines.join("\n") + "\n");
    const store = fresh();
    const s = await importFile(store, "plover", p, tables, { batch: 2 });
    expect(s).toMatchObject({ rows: 4, added: 2, skipped: 2 });
    expect(s.problems.map((x) => x.row)).toEqual([2, 4]);
    const [a, b] = await store.importedEvents({ dataset: "plover" });
    expect(a).toMatchObject({ key: "t-1", row: 1, type: "CONSULT", mode: "visit", date: "2023-05-01" });
    expect(b).toMatchObject({ key: "t-3", row: 3, type: "ASSAULT", polarity: "conflict" });
    expect(b!.detail?.text).toBe("Russian forces shelled Kharkiv.");
    expect(await store.reportPairs()).toEqual([["IRN", "RUS"], ["RUS", "UKR"]]);
    expect((await store.pairReports("RUS", "UKR"))[0]!.textKey).toMatch(/^text:[0-9a-f]{16}$/);
    expect(await importFile(store, "plover", p, tables)).toMatchObject({ added: 0, existing: 2 });
    await store.close();
  });
  it("a JSON array is read whole", async () => {
    const p = path.join(tmp, "plover.json");
    writeFileSync(p, JSON.stringify([JSON.parse(lines[0]!), JSON.parse(lines[2]!)], null, 2));
    const store = fresh();
    expect(await importFile(store, "plover", p, tables)).toMatchObject({ rows: 2, added: 2, skipped: 0 });
    await store.close();
  });
  it.each([
    ["a TSV file", "a\tb\tc\n", /not PLOVER JSON \(it starts with/],
    ["broken JSON array", "[{\"id\": 1,", /not valid JSON/],
    ["records without events", `${rec({ id: "doc", event_type: "DOCUMENT" })}\n`, /not PLOVER JSON \(record 1: doc: a documentation record/],
  ])("refuses %s", async (_, text, msg) => {
    const p = path.join(tmp, `bad-${++n}.json`);
    writeFileSync(p, text);
    const store = fresh();
    await expect(importFile(store, "plover", p, tables)).rejects.toThrow(msg);
    expect(await store.importedCounts()).toEqual({});
    await store.close();
  });
});

describe.skipIf(!HAS_SHARED)(`the parse worker ${SKIP_SHARED}`, () => {
  const everything = async (s: SqliteStore) => ({
    counts: await s.importedCounts(),
    events: await s.importedEvents({ limit: 100_000 }),
    reports: await Promise.all((await s.reportPairs()).map(([a, b]) => s.pairReports(a, b))),
    pairs: await s.dirtyPairs(),
  });
  /**
   * A sample made several MB long: its rows (after its header, when it has one) `copies` times,
   * each copy's keys prefixed with its own four digits. Lines are read a MB at a time, so only a
   * file this long is read in several batches.
   */
  const enlarged = (f: string, header: boolean, copies: number): string => {
    const lines = readFileSync(A(f), "utf8").split("\n").filter((l) => l.trim() !== "");
    const out = header ? [lines.shift()!] : [];
    for (let c = 1; c <= copies; c++) for (const l of lines) out.push(`${1000 + c}${l}`);
    const file = path.join(tmp, `${copies}x-${f}`);
    writeFileSync(file, out.join("\n") + "\n");
    return file;
  };
  const big: Record<string, string> = {};
  beforeAll(() => {
    big.gdelt1 = enlarged("gdelt1_events_20160728_mixed_710rows.tsv", false, 12);
    big.gdelt2 = enlarged("gdelt2_events_20150218230000_sample100.tsv", false, 80);
    big.icews = enlarged("icews_events_2018-06-01_02_sample.tab", true, 4);
  });
  /** how many batches of 1,000 lines or more a file is read in */
  const batchesOf = async (file: string) => {
    let n = 0;
    for await (const _ of readLines(file, { batch: 1000 })) n++;
    return n;
  };
  it.each([
    ["GDELT 1.0, 57 and 58 columns mixed", "gdelt", "gdelt1"],
    ["GDELT 2.0", "gdelt", "gdelt2"],
    ["ICEWS", "icews", "icews"],
  ])("stores exactly what parsing in the writing thread stores: %s", async (_, kind, which) => {
    const f = big[which]!;
    expect(await batchesOf(f)).toBeGreaterThanOrEqual(3);
    const here = fresh();
    const there = fresh();
    const a = await importFile(here, kind as ImportKind, f, tables, { worker: false, batch: 1000 });
    const b = await importFile(there, kind as ImportKind, f, tables, { worker: true, batch: 1000 });
    expect(a.added).toBeGreaterThan(0);
    expect(b).toEqual(a);
    expect(await everything(there)).toEqual(await everything(here));
    // and the same when the worker lends every batch after the header to the writing thread,
    // or none (which thread parses a batch changes nothing stored)
    for (const lend of ["all", "none"] as const) {
      const lent = fresh();
      expect(await importFile(lent, kind as ImportKind, f, tables, { worker: true, batch: 1000, lend })).toEqual(a);
      expect(await everything(lent)).toEqual(await everything(here));
      await lent.close();
    }
    // and a second import through the worker adds nothing
    expect(await importFile(there, kind as ImportKind, f, tables, { worker: true, batch: 1000 })).toMatchObject({ added: 0, existing: a.added + a.existing, reports: 0 });
    await here.close();
    await there.close();
  });
  it.each([
    ["a header that is not ICEWS's (thrown in the worker)", "icews", () => A("gdelt2_events_20150218230000_sample100.tsv"), /not an ICEWS events file/],
    ["rows that are not GDELT's (found by the writer)", "gdelt", () => A("icews_events_2018-06-01_02_sample.tab"), /not a GDELT events file \(line 1: 20 fields/],
    ["an empty file", "icews", () => (writeFileSync(path.join(tmp, "empty2.tab"), ""), path.join(tmp, "empty2.tab")), /empty/],
  ])("refuses %s with the same typed error, storing nothing", async (_, kind, file, msg) => {
    const store = fresh();
    const err = await importFile(store, kind as ImportKind, file(), tables, { worker: true }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect(String((err as Error).message)).toMatch(msg);
    expect(await store.importedCounts()).toEqual({});
    await store.close();
  });
  it.each([
    // [kind, file, lend, batches this thread parses, of n]: GDELT has no header, so with "idle"
    // the first batch is always lent (this thread waits for it before the worker has started);
    // an ICEWS file's first batch holds the header, which the worker reads, and its next is lent
    ["gdelt", "gdelt2", "none", () => 0],
    ["gdelt", "gdelt2", "all", (n: number) => n],
    ["gdelt", "gdelt2", "idle", () => "some"],
    ["icews", "icews", "none", () => 0],
    ["icews", "icews", "all", (n: number) => n - 1],
    ["icews", "icews", "idle", () => "some"],
  ] as const)("%s (%s), lend %s: the writing thread parses the batches it is lent", async (kind, which, lend, expected) => {
    const f = big[which]!;
    const want = expected(await batchesOf(f));
    const parse = vi.spyOn(BatchParser.prototype, "parse");
    try {
      const store = fresh();
      const s = await importFile(store, kind, f, tables, { worker: true, batch: 1000, lend });
      await store.close();
      expect(s.added).toBeGreaterThan(0);
      // only this thread's calls are seen: the worker has its own copy of the module
      if (want === "some") expect(parse.mock.calls.length).toBeGreaterThan(0);
      else expect(parse.mock.calls.length).toBe(want);
    } finally {
      parse.mockRestore();
    }
  });
  it("is not used with tables that do not carry what they were compiled from (it could not build the same)", async () => {
    const custom = { ...tables, inputs: undefined };
    const store = fresh();
    // nothing to tell from outside but the result: the import works in this thread
    expect(await importFile(store, "gdelt", A("gdelt2_events_20150218230000_sample100.tsv"), custom, { worker: true })).toMatchObject({ rows: 100 });
    await store.close();
  });
});
