/**
 * The contract every EventStore implementation must meet. Each implementation's test file
 * calls {@link storeContract} with a factory for a fresh, empty store.
 */
import { describe, expect, it } from "vitest";
import type { EntenteOutput, OutEvent } from "../core/output.js";
import type { EventStore } from "./contract.js";
import type { Cluster, DyadReport } from "../core/dyad.js";
import type { ImportedEvent, ImportSource } from "../core/imported.js";
import type { PriorRow } from "../core/priors.js";
import { packImported, packReport } from "../core/imported-pack.js";

/** A report of the sample output's event, between `a` and `b`. */
export function sampleReport(o: EntenteOutput, over: Partial<DyadReport> = {}): DyadReport {
  return {
    docId: o.document.id, eventId: "e1", a: "IRN", b: "RUS", mutual: true, type: "AGREE", polarity: "cooperation", intensity: 8,
    modality: "asserted", confidence: 0.9, arenas: 1, day: "2025-01-17", sourceKey: "outlet:example", sourceCountry: null,
    claimCountry: null, textKey: "t1", fragility: false, hedging: false, ...over,
  };
}

/** A cluster between IRN and RUS, with `over` applied. */
export function sampleCluster(over: Partial<Cluster>): Cluster {
  return {
    id: "c1", a: "IRN", b: "RUS", mutual: true, type: "AGREE", polarity: "cooperation", day: "2025-01-17", month: "2025-01", arenas: 1 | 4,
    intensity: 8, modality: "asserted", confidence: 0.9, reports: 1, sources: 1, contribution: 7.2, weight: 0.9, fragility: false, hedging: false,
    onlySourceCountry: null, refs: ["d#e1"], ...over,
  };
}

let n = 0;
/** A small analysis record with two actors and one event, unique per call unless `text` is given. */
export function sampleOutput(text = `Iran and Russia signed a treaty in Moscow (${++n}).`): EntenteOutput {
  const ev: OutEvent = {
    id: "e1", type: "AGREE", mode: "sign", cameo: "057", polarity: "cooperation", intensity: 8, arena: ["political"],
    source: ["IRN"], target: ["RUS"], mutual: true, modality: "asserted", negated: false, attributedTo: null,
    date: { from: "2025-01", to: "2025-01", text: "January 2025" }, location: null,
    evidence: { start: 0, end: text.length, text }, confidence: 0.9, rule: "agree.sign",
  };
  return {
    format: "entente/1",
    document: { id: `sha256:${n}-${text.length}-${Buffer.from(text).toString("hex").slice(0, 40)}`, title: "Treaty signed", author: null, outlet: "Example Wire", published: "2025-01-17", source: { path: "x.txt" }, contentType: "text", text },
    actors: [
      { id: "IRN", name: "Iran", type: "state", country: "IRN", code: "IRN", role: null, leaning: null, aliases: ["Iran"], mentions: [{ start: 0, end: 4 }] },
      { id: "RUS", name: "Russia", type: "state", country: "RUS", code: "RUS", role: null, leaning: null, aliases: ["Russia", "Moscow"], mentions: [{ start: 9, end: 15 }] },
    ],
    events: [ev],
    dyads: [],
    triads: [],
    diagnostics: [{ code: "UNKNOWN_ACTOR", message: "test", start: 0, end: 1 }],
  };
}

/** An imported GDELT-like event between Iran's government and Russia. */
export function sampleImported(key: string, over: Partial<ImportedEvent> = {}): ImportedEvent {
  return {
    dataset: "gdelt2", key, file: "events.tsv", row: Number(key) || 1, url: `https://news.example.org/a/${key}`, date: "2025-01-17",
    source: { name: "IRAN", code: "IRNGOV", country: "IRN", id: "IRNGOV" }, target: { name: "RUSSIA", code: "RUS", country: "RUS", id: "RUS" },
    cameo: "042", type: "CONSULT", mode: "visit", polarity: "cooperation", intensity: 1.9, arena: ["political", "military"], modality: "asserted",
    location: "Moscow, Russia", mentions: 3, ...over,
  };
}

const IMPORT_SOURCE: ImportSource = { id: "import:gdelt:abc123", title: "GDELT events: events.tsv", file: "events.tsv" };

export function storeContract(name: string, open: () => Promise<EventStore>): void {
  describe(`EventStore contract: ${name}`, () => {
    it("stores a document once", async () => {
      const s = await open();
      const o = sampleOutput();
      expect(await s.hasDocument(o.document.id)).toBe(false);
      expect(await s.putAnalysis(o)).toBe(true);
      expect(await s.putAnalysis(o)).toBe(false);
      expect(await s.hasDocument(o.document.id)).toBe(true);
      expect(await s.counts()).toEqual({ documents: 1, actors: 2, mentions: 2, events: 1 });
      await s.close();
    });
    it("gives back what was put", async () => {
      const s = await open();
      const o = sampleOutput();
      await s.putAnalysis(o);
      expect(await s.getAnalysis(o.document.id)).toEqual(o);
      expect(await s.getAnalysis("sha256:none")).toBeNull();
      const docs = await s.listDocuments();
      expect(docs).toHaveLength(1);
      expect(docs[0]).toMatchObject({ id: o.document.id, title: "Treaty signed", outlet: "Example Wire", published: "2025-01-17", source: { path: "x.txt" } });
      await s.close();
    });
    it("merges actor aliases across documents", async () => {
      const s = await open();
      const a = sampleOutput();
      const b = sampleOutput();
      b.actors[1]!.aliases = ["Russians"];
      await s.putAnalysis(a);
      await s.putAnalysis(b);
      const rus = (await s.actors()).find((x) => x.id === "RUS");
      expect(rus?.aliases).toEqual(["Moscow", "Russia", "Russians"]);
      await s.close();
    });
    it("finds documents by full-text search, safely", async () => {
      const s = await open();
      await s.putAnalysis(sampleOutput("Beijing and Moscow held naval drills."));
      await s.putAnalysis(sampleOutput("Trade talks stalled in Geneva."));
      const hits = await s.search("naval drills");
      expect(hits).toHaveLength(1);
      expect(hits[0]!.snippet).toContain("«naval»");
      for (const q of ['"unbalanced', "AND OR NOT", "drill*)(", "", "'; DROP TABLE documents; --"]) await expect(s.search(q)).resolves.toBeInstanceOf(Array);
      expect((await s.counts()).documents).toBe(2);
      await s.close();
    });
    it("filters events by actor and document", async () => {
      const s = await open();
      const o = sampleOutput();
      await s.putAnalysis(o);
      expect(await s.events({ actor: "RUS" })).toHaveLength(1);
      expect(await s.events({ actor: "CHN" })).toHaveLength(0);
      const [e] = await s.events({ docId: o.document.id });
      expect(e).toMatchObject({ id: "e1", docId: o.document.id, rule: "agree.sign" });
      await s.close();
    });
    it("keeps reports with their document, marks their pair dirty, and forgets duplicates", async () => {
      const s = await open();
      const o = sampleOutput();
      const r = sampleReport(o);
      expect(await s.putAnalysis(o, [r])).toBe(true);
      await s.putReports([r, { ...r }]);
      expect(await s.pairReports("RUS", "IRN")).toEqual([r]);
      expect(await s.reportPairs()).toEqual([["IRN", "RUS"]]);
      expect(await s.dirtyPairs()).toEqual([["IRN", "RUS"]]);
      await s.replaceClusters("IRN", "RUS", []);
      expect(await s.dirtyPairs()).toEqual([]);
      await s.close();
    });
    it("replaces a pair's clusters and sums them by window, direction and arena", async () => {
      const s = await open();
      await s.replaceClusters("IRN", "RUS", [
        sampleCluster({ id: "c1" }),
        sampleCluster({ id: "c2", mutual: false, a: "RUS", b: "IRN", day: "2025-04-02", month: "2025-04", arenas: 2, polarity: "conflict", contribution: -3, weight: 0.6 }),
      ]);
      await s.replaceClusters("CHN", "IRN", [sampleCluster({ id: "c3", a: "IRN", b: "CHN", mutual: false, day: "2019-05-01", month: "2019-05" })]);
      expect((await s.clusters({ pair: ["RUS", "IRN"] })).map((c) => c.id)).toEqual(["c1", "c2"]);
      expect((await s.clusters({ actor: "IRN", until: "2019" })).map((c) => c.id)).toEqual(["c3"]);
      expect((await s.clusters({ since: "2025-02" })).map((c) => c.id)).toEqual(["c2"]);
      const sums = await s.dyadSums({ pair: ["IRN", "RUS"], by: "quarter" });
      const get = (w: string, d: string, ar: string) => sums.find((x) => x.window === w && x.direction === d && x.arena === ar);
      expect(get("2025-Q1", "mutual", "all")).toMatchObject({ a: "IRN", b: "RUS", sum: 7.2, clusters: 1, cooperation: 1 });
      expect(get("2025-Q1", "mutual", "military")).toMatchObject({ sum: 7.2 });
      expect(get("2025-Q2", "ba", "economic")).toMatchObject({ sum: -3, conflict: 1 });
      expect(get("2025-Q2", "ba", "political")).toBeUndefined();
      const whole = await s.dyadSums({});
      expect(whole.find((x) => x.a === "CHN" && x.b === "IRN" && x.arena === "all")).toMatchObject({ direction: "ba", window: "" });
      // replacing keeps no stale cluster
      await s.replaceClusters("RUS", "IRN", [sampleCluster({ id: "c9" })]);
      expect((await s.clusters({ pair: ["IRN", "RUS"] })).map((c) => c.id)).toEqual(["c9"]);
      await s.close();
    });
    it("cites events with their document and keeps settings", async () => {
      const s = await open();
      const o = sampleOutput();
      await s.putAnalysis(o);
      const [e] = await s.citedEvents([`${o.document.id}#e1`, "sha256:none#e1"]);
      expect(e).toMatchObject({ id: "e1", outlet: "Example Wire", published: "2025-01-17", title: "Treaty signed" });
      expect(await s.setting("x")).toBeNull();
      await s.setSetting("x", "1");
      await s.setSetting("x", "2");
      expect(await s.setting("x")).toBe("2");
      await s.close();
    });
    it("keeps corrections apart, in order, and replaces a document's reports", async () => {
      const s = await open();
      const o = sampleOutput();
      await s.putAnalysis(o, [sampleReport(o)]);
      await s.replaceClusters("IRN", "RUS", []);
      const c1 = await s.putCorrection({ action: "edit", docId: o.document.id, eventId: "e1", changes: { polarity: "conflict" } });
      const c2 = await s.putCorrection({ action: "merge-actors", from: "X1", into: "X2" });
      await s.putCorrection({ action: "reject", docId: "sha256:other", eventId: "e9" });
      expect(c2.id).toBeGreaterThan(c1.id);
      expect((await s.corrections(o.document.id)).map((c) => c.action)).toEqual(["edit", "merge-actors"]);
      expect(await s.corrections()).toHaveLength(3);
      // machine output is untouched
      expect((await s.getAnalysis(o.document.id))!.events[0]!.polarity).toBe("cooperation");
      await s.replaceReports(o.document.id, [sampleReport(o, { a: "CHN", b: "IRN", polarity: "conflict", intensity: -4 })]);
      expect(await s.pairReports("IRN", "RUS")).toEqual([]);
      expect(await s.dirtyPairs()).toEqual([["CHN", "IRN"], ["IRN", "RUS"]]);
      await s.close();
    });
    it("stores imported events once per dataset and key, with reports only for events added now", async () => {
      const s = await open();
      const a = sampleImported("10");
      const b = sampleImported("9", { source: { name: null, code: null, country: null, id: null }, url: null, mode: null, mentions: null, location: null });
      const c = sampleImported("10", { dataset: "icews" });
      const report = sampleReport(sampleOutput(), { docId: IMPORT_SOURCE.id, eventId: "gdelt2:10", mutual: false, type: "CONSULT", intensity: 1.9, confidence: 0.5, textKey: a.url! });
      expect(await s.putImported(IMPORT_SOURCE, [a, b, c], [report])).toEqual({ added: 3, existing: 0, reports: 1 });
      // a re-import (same dataset and key) adds nothing, not even its reports
      expect(await s.putImported({ ...IMPORT_SOURCE, file: "copy.tsv" }, [a, { ...b, file: "copy.tsv" }], [{ ...report, textKey: "other" }])).toEqual({ added: 0, existing: 2, reports: 0 });
      expect(await s.importedCounts()).toEqual({ gdelt2: 2, icews: 1 });
      // numeric keys in numeric order, and everything given back as put
      expect(await s.importedEvents({ dataset: "gdelt2" })).toEqual([b, a]);
      expect(await s.importedEvents({ dataset: "gdelt2", keys: ["10", "11"] })).toEqual([a]);
      expect((await s.importedEvents({ actor: "IRNGOV" })).map((e) => `${e.dataset}:${e.key}`)).toEqual(["gdelt2:10", "icews:10"]);
      expect((await s.importedEvents({ actor: "RUS", limit: 1, offset: 1 })).map((e) => e.key)).toEqual(["10"]);
      expect(await s.pairReports("IRN", "RUS")).toEqual([report]);
      expect(await s.dirtyPairs()).toEqual([["IRN", "RUS"]]);
      // the file's document row holds the reports; it has no analysis and no text
      expect(await s.hasDocument(IMPORT_SOURCE.id)).toBe(true);
      expect(await s.getAnalysis(IMPORT_SOURCE.id)).toBeNull();
      expect((await s.listDocuments())[0]).toMatchObject({ id: IMPORT_SOURCE.id, title: IMPORT_SOURCE.title, chars: 0 });
      expect(await s.counts()).toMatchObject({ documents: 1, events: 0 });
      await s.close();
    });
    it("keeps an imported PLOVER record's detail", async () => {
      const s = await open();
      const e = sampleImported("pl-1", {
        dataset: "plover", cameo: null,
        detail: {
          sources: [{ name: "Iran", code: "IRN", country: "IRN", id: "IRN" }], targets: [{ name: "Russia", code: "RUS", country: "RUS", id: "RUS" }],
          mutual: true, negated: false, text: "Iran and Russia held talks.", trigger: "held talks", attributedTo: null,
          when: null, confidence: 0.8, context: ["military"], origin: null,
        },
      });
      await s.putImported(IMPORT_SOURCE, [e]);
      expect(await s.importedEvents({ dataset: "plover" })).toEqual([e]);
      await s.close();
    });
    it("stores a large import batch whole, or row by row when some of its keys are stored", async () => {
      // batches longer than a multi-row insert: the first is all new; the second repeats ten keys
      // of the first, from another file (those keep their first file and add no report); the
      // third gives one key twice (the first is stored)
      const s = await open();
      const evs = (from: number, to: number, file: string) =>
        Array.from({ length: to - from + 1 }, (_, i) => sampleImported(String(from + i), { file, row: i + 2, intensity: (from + i) / 8 }));
      const put = (events: ImportedEvent[], source: ImportSource) =>
        s.putImportedBatch(source, events.map((e) => packImported(e, source.file)), events.map((e, i) => packReport(
          sampleReport(sampleOutput(), { docId: source.id, eventId: `gdelt2:${e.key}`, a: "IRNGOV", b: e.key.endsWith("7") ? "CHN" : "RUS", intensity: e.intensity, textKey: e.url! }), i)));
      const other: ImportSource = { id: "import:gdelt:def456", title: "GDELT events: other.tsv", file: "other.tsv" };
      expect(await put(evs(1, 40, "events.tsv"), IMPORT_SOURCE)).toEqual({ added: 40, existing: 0, reports: 40 });
      expect(await put(evs(31, 70, "other.tsv"), other)).toEqual({ added: 30, existing: 10, reports: 30 });
      const twice = [...evs(71, 90, "other.tsv"), sampleImported("71", { file: "other.tsv", row: 99 })];
      expect(await put(twice, other)).toEqual({ added: 20, existing: 1, reports: 20 });
      expect(await s.importedCounts()).toEqual({ gdelt2: 90 });
      const stored = await s.importedEvents({ dataset: "gdelt2" });
      expect(stored.map((e) => e.key)).toEqual(Array.from({ length: 90 }, (_, i) => String(i + 1)));
      expect(stored[34]).toEqual(evs(1, 40, "events.tsv")[34]); // must not be replaced by other.tsv's row
      expect(stored[49]).toEqual(evs(31, 70, "other.tsv")[19]);
      expect(stored[70]!.row).toBe(2); // the first of the twice-given key
      const toRus = await s.pairReports("IRNGOV", "RUS");
      const toChn = await s.pairReports("CHN", "IRNGOV");
      expect(toRus.length + toChn.length).toBe(90);
      expect(toChn.map((r) => r.eventId).sort()).toEqual(["gdelt2:17", "gdelt2:27", "gdelt2:37", "gdelt2:47", "gdelt2:57", "gdelt2:67", "gdelt2:7", "gdelt2:77", "gdelt2:87"]);
      // a repeated key's report hangs on the file that added it
      expect(toRus.find((r) => r.eventId === "gdelt2:35")).toMatchObject({ docId: IMPORT_SOURCE.id, intensity: 35 / 8 });
      expect(toRus.find((r) => r.eventId === "gdelt2:50")).toMatchObject({ docId: other.id });
      expect(await s.dirtyPairs()).toEqual([["CHN", "IRNGOV"], ["IRNGOV", "RUS"]]);
      expect(await s.reportPairs()).toEqual([["CHN", "IRNGOV"], ["IRNGOV", "RUS"]]);
      // an import's reports replaced: the old ones are gone from both pairs, both pairs dirty
      await s.replaceClusters("CHN", "IRNGOV", []);
      await s.replaceClusters("IRNGOV", "RUS", []);
      const again = sampleReport(sampleOutput(), { docId: IMPORT_SOURCE.id, eventId: "gdelt2:1", a: "IRNGOV", b: "USA" });
      await s.replaceReports(IMPORT_SOURCE.id, [again]);
      expect(await s.pairReports("CHN", "IRNGOV")).toEqual(toChn.filter((r) => r.docId !== IMPORT_SOURCE.id));
      expect((await s.pairReports("IRNGOV", "RUS")).map((r) => r.docId)).toEqual(Array(45).fill(other.id));
      expect(await s.pairReports("IRNGOV", "USA")).toEqual([again]);
      expect(await s.dirtyPairs()).toEqual([["CHN", "IRNGOV"], ["IRNGOV", "RUS"], ["IRNGOV", "USA"]]);
      await s.close();
    });
    it("gives every imported event once in pages, in dataset and key order", async () => {
      const s = await open();
      const evs = [
        ...["9", "10", "100", "11", "2", "a-1", "b"].map((k) => sampleImported(k)),
        ...["10", "3", "x"].map((k) => sampleImported(k, { dataset: "icews" })),
      ];
      await s.putImported(IMPORT_SOURCE, evs);
      const byKey = (e: ImportedEvent) => `${e.dataset}\t${e.key}`;
      const expected = [...evs].sort((x, y) => (byKey(x) < byKey(y) ? -1 : 1));
      for (const size of [1, 3, 10, 1000]) {
        const pages: ImportedEvent[][] = [];
        for await (const p of s.importedPages(size)) pages.push(p);
        expect(pages.flat()).toEqual(expected);
        expect(pages.every((p) => p.length > 0 && p.length <= size)).toBe(true);
        expect(pages).toHaveLength(Math.ceil(evs.length / size));
      }
      await s.close();
    });
    it("gives no page when nothing was imported", async () => {
      const s = await open();
      for await (const _ of s.importedPages()) expect.unreachable("a page of nothing");
      await s.close();
    });
    it("writes an import batch all or nothing", async () => {
      const s = await open();
      const bad = sampleReport(sampleOutput(), { docId: "import:missing", eventId: "gdelt2:1" });
      await expect(s.putImported(IMPORT_SOURCE, [sampleImported("1")], [bad])).rejects.toThrow(/could not store imported events/);
      expect(await s.importedCounts()).toEqual({});
      expect(await s.hasDocument(IMPORT_SOURCE.id)).toBe(false);
      await s.close();
    });
    it("replaces a prior dataset wholesale and reads it back by states, pair and years", async () => {
      const s = await open();
      expect(await s.priorDatasets()).toEqual([]);
      const votes: PriorRow<"unvotes">[] = [
        { rcid: 1, year: 2018, state: "IRN", vote: "yes", row: 2 },
        { rcid: 1, year: 2018, state: "RUS", vote: "no", row: 3 },
        { rcid: 2, year: 2019, state: "IRN", vote: "abstain", row: 4 },
        { rcid: 2, year: 2019, state: "USA", vote: "no", row: 5 },
        { rcid: 2, year: 2019, state: "IRN", vote: "no", row: 6 }, // a second row for the same key: not stored
      ];
      expect(await s.putPriors("unvotes", "/d/un_votes.csv", [votes.slice(0, 2), votes.slice(2)])).toEqual({ stored: 4, replaced: 0, duplicates: 1 });
      expect(await s.unVotes({ states: ["IRN", "RUS"] })).toEqual([votes[0], votes[1], votes[2]]);
      expect(await s.unVotes({ from: 2019, to: 2019 })).toEqual([votes[2], votes[3]]); // the whole year's table
      expect(await s.unVotes({ states: ["RUS"], from: 2019 })).toEqual([]); // must not match: another year
      // a re-import replaces: the old rows are gone, none duplicated
      expect(await s.putPriors("unvotes", "/d/v2.csv", [[votes[3]!]])).toEqual({ stored: 1, replaced: 4, duplicates: 0 });
      expect(await s.unVotes({})).toEqual([votes[3]]);
      expect(await s.priorDatasets()).toEqual([{ kind: "unvotes", file: "/d/v2.csv", rows: 1, from: 2019, to: 2019 }]);

      const ob = { defense: false, offense: false, neutrality: true, nonAggression: true, consultation: true };
      const atop: PriorRow<"atop">[] = [
        { year: 2001, from: "IRN", to: "RUS", ...ob, row: 10 },
        { year: 2001, from: "RUS", to: "IRN", ...ob, consultation: false, row: 11 },
        { year: 2001, from: "RUS", to: "CHN", ...ob, defense: true, row: 12 },
      ];
      await s.putPriors("atop", "/d/atop.csv", [atop]);
      expect(await s.atopObligations({ pair: ["RUS", "IRN"], from: 2001, to: 2001 })).toEqual([atop[0], atop[1]]);
      expect(await s.atopObligations({ pair: ["IRN", "CHN"] })).toEqual([]); // must not match
      expect(await s.atopObligations({ from: 2001, to: 2001 })).toHaveLength(3);

      const arms: PriorRow<"sipri">[] = [
        { year: 2016, supplier: "RUS", recipient: "IRN", tiv: 413, row: 20 },
        { year: 2016, supplier: "CHN", recipient: "IRN", tiv: 7, row: 21 },
        { year: 2016, supplier: "RUS", recipient: "IND", tiv: 0, row: 22 },
        { year: 2017, supplier: "RUS", recipient: "IRN", tiv: 0.5, row: 23 },
      ];
      await s.putPriors("sipri", "/d/sipri.csv", [arms]);
      expect(await s.armsTransfers({ supplier: "RUS", recipient: "IRN" })).toEqual([arms[0], arms[3]]);
      expect(await s.armsTransfers({ recipient: "IRN", from: 2017 })).toEqual([arms[3]]);
      expect(await s.armsImports({ recipients: ["IRN"] })).toEqual([{ year: 2016, recipient: "IRN", tiv: 420 }, { year: 2017, recipient: "IRN", tiv: 0.5 }]);
      expect(await s.armsImports({ from: 2016, to: 2016 })).toEqual([{ year: 2016, recipient: "IND", tiv: 0 }, { year: 2016, recipient: "IRN", tiv: 420 }]);

      const trade: PriorRow<"cow-trade">[] = [
        { year: 2014, a: "IRN", b: "RUS", aFromB: 1200, bFromA: null, row: 30 },
        { year: 2014, a: "CHN", b: "IRN", aFromB: 20000.5, bFromA: 0, row: 31 },
      ];
      await s.putPriors("cow-trade", "/d/trade.csv", [trade]);
      expect(await s.dyadTrade({ pair: ["RUS", "IRN"] })).toEqual([trade[0]]);
      expect(await s.dyadTrade({ from: 2014, to: 2014 })).toEqual([trade[1], trade[0]]);
      const totals: PriorRow<"cow-trade-totals">[] = [
        { year: 2014, state: "IRN", imports: 52000, exports: null, row: 40 },
        { year: 2014, state: "RUS", imports: 308000, exports: 497000, row: 41 },
      ];
      await s.putPriors("cow-trade-totals", "/d/sy.csv", [totals]);
      expect(await s.nationalTrade({ states: ["IRN"] })).toEqual([totals[0]]);
      expect(await s.nationalTrade({ from: 2015 })).toEqual([]);
      expect((await s.priorDatasets()).map((d) => [d.kind, d.rows])).toEqual([["atop", 3], ["cow-trade", 2], ["cow-trade-totals", 2], ["sipri", 4], ["unvotes", 1]]);
      await s.close();
    });
    it("stores nothing of a prior dataset when its batches fail midway", async () => {
      const s = await open();
      const row = (year: number): PriorRow<"cow-trade-totals"> => ({ year, state: "IRN", imports: 1, exports: 2, row: year });
      await s.putPriors("cow-trade-totals", "/d/a.csv", [[row(2000)]]);
      async function* failing(): AsyncGenerator<PriorRow<"cow-trade-totals">[]> {
        yield [row(2001)];
        throw new Error("the file broke");
      }
      await expect(s.putPriors("cow-trade-totals", "/d/b.csv", failing())).rejects.toThrow(/the file broke/);
      expect(await s.nationalTrade({})).toEqual([row(2000)]);
      expect((await s.priorDatasets())[0]!.file).toBe("/d/a.csv");
      await s.close();
    });
    it("writes a document all or nothing", async () => {
      const s = await open();
      const o = sampleOutput();
      o.events.push({ ...o.events[0]! }); // same event id twice: the insert fails midway
      await expect(s.putAnalysis(o)).rejects.toThrow(/could not store/);
      expect(await s.hasDocument(o.document.id)).toBe(false);
      expect(await s.counts()).toEqual({ documents: 0, actors: 0, mentions: 0, events: 0 });
      await s.close();
    });
  });
}
