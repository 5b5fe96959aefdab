import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { ImportedEvent } from "../core/imported.js";
import type { OutActor, OutEvent } from "../core/output.js";
import type { StoredDocument, StoredEvent } from "../store/contract.js";
import { HAS_SHARED, SKIP_SHARED, shared } from "../test-support/shared.js";
import { padDay, parsePlover, ploverLines, ploverTerms, toPlover, type PloverContext } from "./plover.js";

const terms = ploverTerms();

const actor = (id: string, name: string, type: OutActor["type"], country: string | null, code: string | null): OutActor => ({ id, name, type, country, code, role: null, leaning: null, aliases: [], mentions: [] });
const ACTORS = new Map(
  [
    actor("IRN", "Iran", "state", "IRN", "IRN"),
    actor("RUS", "Russia", "state", "RUS", "RUS"),
    actor("CHN", "China", "state", "CHN", "CHN"),
    actor("IRNGOV", "Iranian government", "government", "IRN", "IRNGOV"),
    actor("PUTIN", "Vladimir Putin", "official", "RUS", "RUSGOV"),
    actor("KAYHAN", "Kayhan", "media", "IRN", "IRNMED"),
    actor("IAEA", "International Atomic Energy Agency", "igo", null, "IGOUNOIAE"),
    actor("CIV", "Côte d’Ivoire", "state", "CIV", "CIV"),
  ].map((a) => [a.id, a]),
);
const DOC: StoredDocument = { id: "sha256:abc", title: "Ties, \"deep\" and wide", author: null, outlet: "Tehran Times", published: "2020-01-15", source: { url: "https://example.org/a?x=1&y=2" }, contentType: "html", chars: 100 };
const DOC2: StoredDocument = { id: "sha256:def", title: null, author: null, outlet: null, published: null, source: { path: "examples/x.txt" }, contentType: "text", chars: 10 };
const CTX: PloverContext = { actors: ACTORS, documents: new Map([[DOC.id, DOC], [DOC2.id, DOC2]]), terms };

function ev(over: Partial<OutEvent> & { docId?: string }): StoredEvent {
  const text = over.evidence?.text ?? "Russia vetoed the resolution against Iran.";
  return {
    docId: DOC.id,
    id: "e1",
    type: "SUPPORT",
    mode: "veto",
    cameo: "05",
    polarity: "cooperation",
    intensity: 5,
    arena: ["political"],
    source: ["RUS"],
    target: ["IRN"],
    mutual: false,
    modality: "asserted",
    negated: false,
    attributedTo: null,
    date: { from: "2019-12", to: "2019-12", text: "December 2019" },
    location: null,
    evidence: { start: 10, end: 10 + text.length, text },
    trigger: { start: 17, end: 23, text: "vetoed" },
    confidence: 0.8,
    rule: "support.veto-against",
    ...over,
  };
}

/** The varied events the round trip must keep, each with what it is about. */
const CASES: [string, StoredEvent][] = [
  ["plain, month-precise date", ev({})],
  ["hypothetical modality", ev({ id: "e2", type: "ASSAULT", mode: null, cameo: "19", polarity: "conflict", intensity: -9, modality: "hypothetical", arena: ["military"], evidence: { start: 0, end: 40, text: "In the event of a war, Russia would fight." } })],
  ["attributed claim", ev({ id: "e3", type: "ACCUSE", mode: "allege", polarity: "conflict", intensity: -3.5, attributedTo: "KAYHAN", modality: "reported" })],
  ["several sources and targets, mutual", ev({ id: "e4", type: "COOPERATE", mode: "joint-exercise", source: ["IRN", "RUS", "CHN"], target: [], mutual: true, arena: ["military", "security"], intensity: 9.5 })],
  ["several targets", ev({ id: "e5", source: ["PUTIN"], target: ["IRNGOV", "CHN"], type: "CONSULT", mode: "visit", intensity: 4 })],
  ["undated, in an undated document", ev({ docId: DOC2.id, id: "e6", date: null, type: "AGREE", mode: "currency", arena: ["economic"] })],
  ["undated, in a dated document", ev({ id: "e7", date: null, type: "AGREE", mode: null })],
  ["year-only date", ev({ id: "e8", date: { from: "2016", to: "2017", text: "2016–17" } })],
  ["negated, desired", ev({ id: "e9", negated: true, modality: "desired", type: "REQUEST", mode: "membership", intensity: 0.5 })],
  ["non-ASCII text and names", ev({ id: "e10", source: ["CIV"], target: ["IAEA"], evidence: { start: 3, end: 50, text: "La Côte d’Ivoire « salue » l’AIEA — 合作 🤝, \"quoted\"\nnext line" } })],
  ["no trigger, fragility and hedging", { ...ev({ id: "e11", type: "DISTRUST", mode: "commitment", polarity: "conflict", intensity: -2.5, fragility: true, hedging: true }), trigger: undefined }],
];

describe("PLOVER JSON: writing", () => {
  it("writes v0.8 fields: id, date, event type, mode, context, actors with country and sector, intensity, text, cite info", () => {
    const [r] = toPlover([CASES[4]![1]], CTX);
    expect(r).toMatchObject({
      id: "entente:sha256:abc#e5",
      date: "2019-12-01",
      enddate: "2019-12-31",
      event: ["CONSULT"],
      event_type: "CONSULT",
      mode: ["visit"],
      context: ["diplomatic"],
      event_intensity: 4,
      quad_code: 1,
      text: "Russia vetoed the resolution against Iran.",
      cite_info: { url: "https://example.org/a?x=1&y=2", title: 'Ties, "deep" and wide', publication: "Tehran Times", date: "2020-01-15", doc_id: DOC.id },
    });
    expect(r!.actor).toEqual([{ entity_name: "Vladimir Putin", code: "RUSGOV", country_name: "Russian Federation", country_code: "RUS", sector_code: "GOV", other_sector_codes: "", entente_id: "PUTIN", entente_type: "official" }]);
    expect(r!.recipient.map((x) => [x.entente_id, x.country_code, x.sector_code])).toEqual([["IRNGOV", "IRN", "GOV"], ["CHN", "CHN", null]]);
  });

  it.each([
    ["2019", false, "2019-01-01"],
    ["2019", true, "2019-12-31"],
    ["2020-02", true, "2020-02-29"],
    ["2019-02", true, "2019-02-28"],
    ["2019-12-05", true, "2019-12-05"],
    ["December", false, null],
    ["", false, null],
  ] as const)("pads %s (end %s) to %s", (d, end, want) => expect(padDay(d, end)).toBe(want));

  it("counts an undated event on its document's day, and keeps it undated in the extension", () => {
    const [r] = toPlover([CASES[6]![1]], CTX);
    expect(r!.date).toBe("2020-01-15");
    expect(r!.entente.date).toBeNull();
    const [u] = toPlover([CASES[5]![1]], CTX);
    expect(u!.date).toBeNull();
    expect(u!.cite_info).toMatchObject({ url: null, path: "examples/x.txt" });
  });

  it("gives media the PLOVER journalist sector, and IGOs no country", () => {
    const [r] = toPlover([ev({ source: ["KAYHAN"], target: ["IAEA"] })], CTX);
    expect(r!.actor[0]).toMatchObject({ sector_code: "JRN", country_code: "IRN" });
    expect(r!.recipient[0]).toMatchObject({ country_code: null, country_name: null, code: "IGOUNOIAE" });
  });
});

/** What must survive export → parsePlover, in the terms of an imported event. */
function kept(e: ImportedEvent) {
  const d = e.detail!;
  return {
    type: e.type,
    mode: e.mode,
    polarity: e.polarity,
    intensity: e.intensity,
    arena: e.arena,
    modality: e.modality,
    date: e.date,
    cameo: e.cameo,
    url: e.url,
    sources: d.sources.map((a) => [a.id, a.country, a.name, a.code]),
    targets: d.targets.map((a) => [a.id, a.country, a.name, a.code]),
    mutual: d.mutual,
    negated: d.negated,
    text: d.text,
    trigger: d.trigger,
    attributedTo: d.attributedTo,
    when: d.when,
    confidence: d.confidence,
    origin: d.origin,
  };
}

function expected(e: StoredEvent) {
  const doc = CTX.documents.get(e.docId)!;
  const side = (ids: string[]) => ids.map((id) => { const a = ACTORS.get(id)!; return [id, a.country, a.name, a.code]; });
  const own = e.date && /^\d{4}-\d{2}/.test(e.date.from) ? padDay(e.date.from) : null;
  return {
    type: e.type,
    mode: e.mode,
    polarity: e.polarity,
    intensity: e.intensity,
    arena: e.arena,
    modality: e.modality,
    date: own ?? padDay(doc.published) ?? padDay(e.date?.from),
    cameo: e.cameo,
    url: "url" in doc.source ? doc.source.url : null,
    sources: side(e.source),
    targets: side(e.target),
    mutual: e.mutual,
    negated: e.negated,
    text: e.evidence.text,
    trigger: e.trigger?.text ?? null,
    attributedTo: e.attributedTo,
    when: e.date,
    confidence: e.confidence,
    origin: { kind: "document", docId: e.docId, eventId: e.id, rule: e.rule, evidence: { start: e.evidence.start, end: e.evidence.end }, title: doc.title, outlet: doc.outlet, published: doc.published, fragility: e.fragility ?? false, hedging: e.hedging ?? false },
  };
}

describe("PLOVER JSON: round trip", () => {
  it.each(CASES)("%s: export → parsePlover gives the same event (JSON lines)", (_, e) => {
    const { events, problems } = parsePlover(ploverLines(toPlover([e], CTX)), "x.jsonl", terms);
    expect(problems).toEqual([]);
    expect(events).toHaveLength(1);
    expect(kept(events[0]!)).toEqual(expected(e));
    expect(events[0]).toMatchObject({ dataset: "plover", key: `entente:${e.docId}#${e.id}`, file: "x.jsonl", row: 1 });
  });

  it("reads the whole table back as a JSON array too, numbering records", () => {
    const all = CASES.map(([, e]) => e);
    const { events, problems } = parsePlover(JSON.stringify(toPlover(all, CTX), null, 2), "x.json", terms);
    expect(problems).toEqual([]);
    expect(events.map(kept)).toEqual(all.map(expected));
    expect(events.map((e) => e.row)).toEqual(all.map((_, i) => i + 1));
  });

  it("an imported dataset event keeps its dataset, key and row through an export", () => {
    const g: ImportedEvent = {
      dataset: "gdelt1", key: "498765432", file: "gdelt.tsv", row: 17, url: "https://news.example/x", date: "2016-07-28",
      source: { name: "RUSSIA", code: "RUS", country: "RUS", id: "RUS" }, target: { name: "IRANIAN", code: "IRNGOV", country: "IRN", id: "IRNGOV" },
      cameo: "0431", type: "CONSULT", mode: "visit", polarity: "cooperation", intensity: 1.9, arena: ["political"], modality: "asserted", location: "Tehran", mentions: 4,
    };
    const back = parsePlover(ploverLines(toPlover([g], CTX)), "again.jsonl", terms).events;
    expect(back).toHaveLength(1);
    const b = back[0]!;
    expect({ ...b, detail: undefined, file: g.file, row: g.row }).toEqual({ ...g, detail: undefined });
    expect(b.detail!.origin).toEqual({ kind: "dataset", dataset: "gdelt1", key: "498765432", file: "gdelt.tsv", row: 17, cameo: "0431" });
    expect([b.file, b.row]).toEqual(["again.jsonl", 1]);
    // and once more: the second export is the first
    expect(toPlover(back, CTX)).toEqual(toPlover([g], CTX));
  });
});

describe("PLOVER JSON: reading other coders' records", () => {
  it.each([
    ["v0.8 names", { id: "P1", date: "2016-07-24", actor: [{ entity_name: "Frank-Walter Steinmeier", country_name: "Germany", sector_code: "GOV" }], recipient: [{ country_name: "France" }], event: ["CONSULT"], mode: ["visit"], context: ["diplomatic"] }, { type: "CONSULT", mode: "visit", src: "DEUGOV", tgt: "FRA", intensity: 4, arena: ["political"], polarity: "cooperation" }],
    ["later PLOVER spelling", { id: "P2", date: "2021-03-01T10:00:00Z", actor: { country_name: "Russia", sector_code: "MIL" }, recipient: [{ country_name: "Ukraine" }], event_type: "ASSAULT", event_mode: "aerial", event_intensity: -9.5 }, { type: "ASSAULT", mode: "aerial", src: "RUSMIL", tgt: "UKR", intensity: -9.5, arena: ["political"], polarity: "conflict" }],
    ["older labels and fields", { id: "P3", date: "2000-01-01", source: [{ actorText: "Hungarian", code: "HUN", sector: "GOV" }], target: "", event: "DEMAND", mode: "", context: "economic", text: "x" }, { type: "REQUEST", mode: null, src: "HUNGOV", tgt: null, intensity: 0, arena: ["economic"], polarity: "cooperation" }],
    ["non-state sector gives no id", { id: "P4", date: "20000101", source: [{ code: "ALB", sector: "REB" }], target: [{ code: "SRB", sector: "MIL" }], event: "FIGHT" }, { type: "ASSAULT", mode: null, src: null, tgt: "SRBMIL", intensity: -9, arena: ["political"], polarity: "conflict" }],
    ["unknown country code", { id: "P5", date: "2000-01-01", source: [{ code: "IGO" }], target: [{ code: "JAP" }], event: "AGREE" }, { type: "AGREE", mode: null, src: null, tgt: null, intensity: 2.5, arena: ["political"], polarity: "cooperation" }],
  ])("%s", (_, rec, want) => {
    const { events, problems } = parsePlover(JSON.stringify(rec), "in.jsonl", terms);
    expect(problems).toEqual([]);
    const e = events[0]!;
    expect({ type: e.type, mode: e.mode, src: e.source.id, tgt: e.target.id, intensity: e.intensity, arena: e.arena, polarity: e.polarity }).toEqual(want);
    expect(e.modality).toBe("asserted");
  });

  it("gives one event per type a record lists", () => {
    const { events } = parsePlover(JSON.stringify({ id: "M", date: "2001-01-01", actor: [{ code: "USA" }], recipient: [{ code: "CAN" }], event: ["CONSULT", "AGREE"] }), "m", terms);
    expect(events.map((e) => [e.key, e.type])).toEqual([["M", "CONSULT"], ["M#2", "AGREE"]]);
  });

  // must not match: records that are not usable events become problems, with their number
  it.each([
    ["not JSON", "{oops", 1, /not a JSON record/],
    ["not an object", "[1]", 1, /not a JSON object/],
    ["no id", JSON.stringify({ event: "AGREE", actor: [{ code: "USA" }] }), 1, /has no id/],
    ["no event type", JSON.stringify({ id: "A", actor: [{ code: "USA" }] }), 1, /no event type/],
    ["unknown event type", JSON.stringify({ id: "A", event: "TELEPORT", actor: [{ code: "USA" }] }), 1, /not a PLOVER type/],
    ["no actors", JSON.stringify({ id: "A", event: "AGREE", source: "", target: [] }), 1, /names no actor/],
    ["bad date", JSON.stringify({ id: "A", event: "AGREE", date: "last Tuesday", actor: [{ code: "USA" }] }), 1, /not a date/],
    ["impossible day", JSON.stringify({ id: "A", event: "AGREE", date: "2019-02-30", actor: [{ code: "USA" }] }), 1, /not a real day/],
    ["documentation record", JSON.stringify({ id: "DOC", event: "DOCUMENT" }), 1, /documentation record/],
    ["bad JSON array", "[{", 0, /not valid JSON/],
  ])("%s → a problem", (_, text, row, msg) => {
    const { events, problems } = parsePlover(text, "bad.json", terms);
    expect(events).toEqual([]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: "bad.json", row });
    expect(problems[0]!.message).toMatch(msg);
  });

  it("numbers JSON lines by line, skipping blank lines, and keeps going after a bad one", () => {
    const good = JSON.stringify({ id: "G", event: "AGREE", actor: [{ code: "USA" }] });
    const { events, problems } = parsePlover(`${good}\n\nnot json\r\n${good.replace('"G"', '"H"')}\n`, "l", terms);
    expect(events.map((e) => [e.key, e.row])).toEqual([["G", 1], ["H", 4]]);
    expect(problems.map((p) => p.row)).toEqual([3]);
  });

  it.skipIf(!HAS_SHARED)(`reads PLOVER's gold-standard records${SKIP_SHARED ? ` (${SKIP_SHARED})` : ""}`, () => {
    const text = readFileSync(shared("anchors/PLOVER_GSR_CAMEO.json"), "utf8");
    const n = (JSON.parse(text) as unknown[]).length;
    const { events, problems } = parsePlover(text, "gsr.json", terms);
    expect(events.length + problems.length).toBe(n);
    expect(events.length).toBeGreaterThan(n * 0.95);
    expect(problems.every((p) => p.row >= 1)).toBe(true);
    for (const e of events) expect(terms.polarityOf(e.type)).toBeDefined();
    expect(events.filter((e) => e.detail!.text).length).toBe(events.length);
  });
});
