import { describe, expect, it } from "vitest";
import type { DyadReport } from "./dyad.js";
import type { ImportedEvent } from "./imported.js";
import { REST_ACTOR_FIELDS, packImported, packReport, packReports, unpackImported, unpackReport } from "./imported-pack.js";

const base: ImportedEvent = {
  dataset: "gdelt2", key: "410479387", file: "events.tsv", row: 7, url: "https://news.example.org/a/1", date: "2015-02-18",
  source: { name: "IRAN", code: "IRNGOV", country: "IRN", id: "IRNGOV" }, target: { name: "RUSSIA", code: "RUS", country: "RUS", id: "RUS" },
  cameo: "042", type: "CONSULT", mode: "visit", polarity: "cooperation", intensity: 1.9, arena: ["political", "military"], modality: "asserted",
  location: "Moscow, Russia", mentions: 3,
};

const report: DyadReport = {
  docId: "import:gdelt:abc", eventId: "gdelt2:410479387", a: "IRN", b: "RUS", mutual: false, type: "CONSULT", polarity: "cooperation", intensity: 1.9,
  modality: "asserted", confidence: 0.5, arenas: 5, day: "2015-02-18", sourceKey: "web:news.example.org", sourceCountry: null, claimCountry: null,
  textKey: "https://news.example.org/a/1", fragility: false, hedging: false,
};

describe("packed imported events", () => {
  const cases: [string, ImportedEvent][] = [
    ["a GDELT row", base],
    ["no actor, no url, no mode, no mentions", { ...base, source: { name: null, code: null, country: null, id: null }, url: null, mode: null, mentions: null, location: null, date: null }],
    ["a conflict with a negative intensity and no arena", { ...base, polarity: "conflict", intensity: -10, arena: [] }],
    ["text with tabs, quotes, newlines and non-Latin letters", { ...base, source: { ...base.source, name: "Iran\t\"IRGC\"\nسپاه" }, location: "Ζ\\" }],
    [
      "a PLOVER record's detail",
      {
        ...base, dataset: "plover", key: "pl-1", cameo: null,
        detail: { sources: [base.source], targets: [base.target], mutual: true, negated: false, text: "Iran and Russia held talks.", trigger: "held talks", attributedTo: null, when: null, confidence: 0.8, context: ["military"], origin: null },
      },
    ],
  ];
  it.each(cases)("round trip: %s", (_name, e) => {
    expect(unpackImported(packImported(e))).toEqual(e);
    // the source's file is not repeated in each row, and comes back from the source
    const p = packImported(e, e.file);
    expect(p[2]).toBeNull();
    expect(unpackImported(p, e.file)).toEqual(e);
    // a row from another file than the source's keeps its file
    expect(packImported(e, "other.tsv")[2]).toBe(e.file);
  });
  it("keeps the key fields as columns and the rest as one JSON text, the actors where REST_ACTOR_FIELDS says", () => {
    const p = packImported(base);
    expect(p.slice(0, 4)).toEqual(["gdelt2", "410479387", "events.tsv", 7]);
    const rest = JSON.parse(p[4]) as unknown[];
    expect(rest).toHaveLength(20);
    expect(Object.fromEntries(Object.entries(REST_ACTOR_FIELDS).map(([k, i]) => [k, rest[i]]))).toEqual({ sourceId: "IRNGOV", sourceCountry: "IRN", targetId: "RUS", targetCountry: "RUS" });
    expect(rest[15]).toBe("2015-02-18");
  });
});

describe("packed reports", () => {
  const events = [{ ...base, key: "1" }, base];
  it("round trip against their batch", () => {
    const packed = packReports([report], report.docId, events)!;
    expect(packed).toEqual([packReport(report, 1)]);
    expect(unpackReport(packed[0]!, report.docId, events.map((e) => packImported(e)))).toEqual(report);
  });
  it("a key given twice in a batch: the report goes with the first, the one stored", () => {
    expect(packReports([report], report.docId, [base, base])![0]![0]).toBe(0);
  });
  const misfits: [string, DyadReport][] = [
    ["another document", { ...report, docId: "sha256:x" }],
    ["an event not in the batch", { ...report, eventId: "gdelt2:999" }],
    ["an outlet's country", { ...report, sourceCountry: "IRN" }],
    ["a claim's country", { ...report, claimCountry: "RUS" }],
    ["a fragility flag", { ...report, fragility: true }],
    ["a hedging flag", { ...report, hedging: true }],
  ];
  it.each(misfits)("must not pack a report of another shape: %s", (_name, r) => {
    expect(packReports([report, r], report.docId, events)).toBeNull();
  });
  it("no reports: an empty list", () => {
    expect(packReports([], "x", [])).toEqual([]);
  });
});
