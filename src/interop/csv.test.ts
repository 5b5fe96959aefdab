import { describe, expect, it } from "vitest";
import type { ImportedEvent } from "../core/imported.js";
import type { OutActor } from "../core/output.js";
import type { StoredEvent } from "../store/contract.js";
import { CSV_COLUMNS, csvField, csvLine, writeCsv } from "./csv.js";
import { ploverTerms, type PloverContext } from "./plover.js";

/** RFC 4180 read back, strictly: what a spreadsheet or a CSV library would see. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < text.length) {
    let field = "";
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) throw new Error("unterminated quote");
        if (text[i] === '"' && text[i + 1] === '"') (field += '"'), (i += 2);
        else if (text[i] === '"') {
          i++;
          break;
        } else field += text[i++];
      }
    } else while (i < text.length && text[i] !== "," && text[i] !== "\r") {
      if (text[i] === '"' || text[i] === "\n") throw new Error(`bare ${JSON.stringify(text[i])} in an unquoted field at ${i}`);
      field += text[i++];
    }
    row.push(field);
    if (text[i] === ",") i++;
    else if (text.startsWith("\r\n", i)) (rows.push(row), (row = []), (i += 2));
    else if (i < text.length) throw new Error(`unexpected ${JSON.stringify(text[i])} at ${i}`);
  }
  if (row.length) rows.push(row);
  return rows;
}

const actor = (id: string, name: string, country: string | null, code: string | null): OutActor => ({ id, name, type: "state", country, code, role: null, leaning: null, aliases: [], mentions: [] });
const CTX: PloverContext = {
  actors: new Map([actor("IRN", "Iran", "IRN", "IRN"), actor("RUS", "Russia", "RUS", "RUS"), actor("CHN", "China", "CHN", "CHN")].map((a) => [a.id, a])),
  documents: new Map([["d1", { id: "d1", title: "T", author: null, outlet: null, published: "2020-01-05", source: { url: "https://x.example/a,b" }, contentType: "html", chars: 1 }]]),
  terms: ploverTerms(),
};

const stored = (evidence: string, over: Partial<StoredEvent> = {}): StoredEvent => ({
  docId: "d1", id: "e1", type: "SANCTION", mode: "embargo", cameo: "163", polarity: "conflict", intensity: -6, arena: ["economic", "political"],
  source: ["RUS", "CHN"], target: ["IRN"], mutual: false, modality: "expected", negated: false, attributedTo: "IRN",
  date: { from: "2019-12", to: "2019-12", text: "December" }, location: null, evidence: { start: 0, end: evidence.length, text: evidence }, confidence: 0.7, rule: "r", ...over,
});

async function csvOf(events: (StoredEvent | ImportedEvent)[]): Promise<{ text: string; rows: Record<string, string>[] }> {
  let text = "";
  const n = await writeCsv(events, CTX, { write: (s) => void (text += s) });
  const [head, ...body] = parseCsv(text);
  expect(n).toBe(events.length);
  expect(head).toEqual([...CSV_COLUMNS]);
  return { text, rows: body.map((r) => Object.fromEntries(head!.map((h, i) => [h, r[i]!]))) };
}

describe("CSV", () => {
  it.each([
    ["plain", "plain"],
    ["a,b", '"a,b"'],
    ['quote "x"', '"quote ""x"""'],
    ["line\nbreak", '"line\nbreak"'],
    ["cr\r", '"cr\r"'],
    ["", ""],
  ])("quotes %j as %j", (v, want) => expect(csvField(v)).toBe(want));

  it.each([
    [null, ""],
    [true, "1"],
    [false, "0"],
    [-6.5, "-6.5"],
  ] as const)("writes %j as %j", (v, want) => expect(csvField(v)).toBe(want));

  it("ends every record with CRLF", () => expect(csvLine(["a", "b"])).toBe("a,b\r\n"));

  it.each([
    ["commas, in, it", "commas, in, it"],
    ['He said "no", twice', 'He said "no", twice'],
    ["two\nlines,\r\nand \"quotes\"", "two\nlines,\r\nand \"quotes\""],
    ["Кремль заявил — «нет» 🚫", "Кремль заявил — «нет» 🚫"],
  ])("evidence %j reads back whole, in one row", async (evidence, want) => {
    const { rows } = await csvOf([stored(evidence)]);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.evidence).toBe(want);
  });

  it("fills the GDELT-like columns and ours", async () => {
    const { rows } = await csvOf([stored("x")]);
    expect(rows[0]).toMatchObject({
      GLOBALEVENTID: "d1#e1", SQLDATE: "20191201", Actor1Code: "RUS", Actor1Name: "Russia", Actor1CountryCode: "RUS", Actor2Code: "IRN", Actor2CountryCode: "IRN",
      IsRootEvent: "", EventCode: "163", EventBaseCode: "163", EventRootCode: "16", QuadClass: "4", GoldsteinScale: "-6", NumMentions: "1", AvgTone: "",
      SOURCEURL: "https://x.example/a,b", plover_type: "SANCTION", mode: "embargo", polarity: "conflict", modality: "expected", arena: "economic;political",
      sources: "RUS;CHN", targets: "IRN", attributed_to: "IRN", event_date: "2019-12", doc_id: "d1", event_id: "e1", dataset: "",
    });
  });

  it("takes the CAMEO root from the ontology when the event has no code, and the document's day when it has no date", async () => {
    const { rows } = await csvOf([stored("x", { cameo: null, type: "CONSULT", mode: null, date: null })]);
    expect(rows[0]).toMatchObject({ EventCode: "04", EventBaseCode: "04", EventRootCode: "04", QuadClass: "1", SQLDATE: "20200105", event_date: "" });
  });

  it("writes imported events with their dataset key and mention counts", async () => {
    const g: ImportedEvent = {
      dataset: "gdelt2", key: "99", file: "f", row: 2, url: null, date: "2015-02-18", source: { name: "IRAN", code: "IRN", country: "IRN", id: "IRN" }, target: { name: null, code: null, country: null, id: null },
      cameo: "0431", type: "CONSULT", mode: "visit", polarity: "cooperation", intensity: 2.8, arena: ["political"], modality: "asserted", location: null, mentions: 7,
    };
    const { rows } = await csvOf([g]);
    expect(rows[0]).toMatchObject({ GLOBALEVENTID: "gdelt2:99", SQLDATE: "20150218", Actor1Code: "IRN", Actor2Code: "", EventCode: "0431", EventBaseCode: "043", NumMentions: "7", dataset: "gdelt2", event_id: "99", doc_id: "" });
  });

  it("writes only the header for no events", async () => {
    const { text, rows } = await csvOf([]);
    expect(rows).toEqual([]);
    expect(text.split("\r\n")).toHaveLength(2);
  });

  it("waits for the sink between rows (streaming)", async () => {
    const seen: number[] = [];
    let pending = 0;
    await writeCsv([stored("a"), stored("b")], CTX, {
      write: async () => {
        seen.push(pending);
        pending++;
        await new Promise((r) => setTimeout(r, 1));
        pending--;
      },
    });
    expect(seen).toEqual([0, 0, 0]);
  });
});
