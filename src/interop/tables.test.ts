/**
 * The interop tables, table-driven: CAMEO codes to PLOVER types (with codes that must NOT land
 * on a cooperative type), actor codes to our ids, and the build refusing bad rows.
 */
import { describe, expect, it } from "vitest";
import { loadOntology } from "../data/coding.js";
import { compileInteropTables, loadInteropTables } from "./tables.js";
import { ActorsFile, CameoPloverFile } from "./schema.js";

const t = loadInteropTables({ states: ["USA", "IRN", "RUS", "ROU", "TLS", "MNE", "PSE", "IRQ", "ISR", "CHN", "IND", "VNM", "BGD"] });

describe("CAMEO → PLOVER", () => {
  it.each([
    // code, type, mode, polarity, arenas (null: not a PLOVER event)
    ["010", null, null, null, null],
    ["019", null, null, null, null],
    ["020", "REQUEST", null, "cooperation", ["political"]],
    ["0231", "REQUEST", null, "cooperation", ["economic"]],
    ["036", "AGREE", null, "cooperation", ["political"]],
    ["0312", "AGREE", null, "cooperation", ["military"]],
    ["040", "CONSULT", null, "cooperation", ["political"]],
    ["041", "CONSULT", "phone", "cooperation", ["political"]],
    ["042", "CONSULT", "visit", "cooperation", ["political"]],
    ["051", "SUPPORT", null, "cooperation", ["political"]],
    ["055", "CONCEDE", null, "cooperation", ["political"]],
    ["057", "AGREE", null, "cooperation", ["political"]],
    ["061", "COOPERATE", null, "cooperation", ["economic"]],
    ["072", "AID", "military", "cooperation", ["military"]],
    ["0841", "RETREAT", "release", "cooperation", ["political"]],
    ["085", "CONCEDE", "ease-sanctions", "cooperation", ["economic"]],
    ["0871", "RETREAT", null, "cooperation", ["military"]],
    ["090", "ACCUSE", null, "conflict", ["political"]],
    ["100", "REQUEST", null, "conflict", ["political"]],
    ["1056", "REQUEST", "yield", "conflict", ["political"]],
    ["112", "ACCUSE", "allege", "conflict", ["political"]],
    ["1121", "ACCUSE", "allege", "conflict", ["political"]],
    ["129", "REJECT", "veto", "conflict", ["political"]],
    ["1312", "THREATEN", null, "conflict", ["economic"]],
    ["1383", "THREATEN", "violence", "conflict", ["military"]],
    ["141", "PROTEST", null, "conflict", ["political"]],
    ["152", "MOBILIZE", null, "conflict", ["military"]],
    ["163", "SANCTION", "embargo", "conflict", ["economic"]],
    ["1661", "SANCTION", "expel", "conflict", ["political"]],
    ["173", "COERCE", null, "conflict", ["security"]],
    ["183", "ASSAULT", null, "conflict", ["military", "security"]],
    ["190", "ASSAULT", null, "conflict", ["military"]],
    ["192", "COERCE", "occupy", "conflict", ["military"]],
    ["195", "ASSAULT", "aerial", "conflict", ["military"]],
    ["204", "ASSAULT", null, "conflict", ["military", "security"]],
  ])("%s → %s %s", (code, type, mode, polarity, arena) => {
    const m = t.cameo(code);
    if (type === null) expect(m).toBeNull();
    else expect(m).toMatchObject({ type, mode, polarity, arena });
  });

  // false cooperation costs the most: threats, demands, force and rejection never read as cooperation
  it.each(["10", "100", "1041", "105", "11", "112", "12", "125", "13", "138", "14", "15", "16", "163", "17", "172", "18", "19", "191", "20", "09"])(
    "must not be cooperative: %s",
    (code) => expect(t.cameo(code)?.polarity).toBe("conflict"),
  );
  it.each(["03", "036", "04", "042", "05", "057", "06", "07", "08", "0874"])("must not be conflictual: %s", (code) => expect(t.cameo(code)?.polarity).toBe("cooperation"));
  it.each(["", "0", "21", "00", "215", "ABC", "04a", "04311", "---"])("unknown code %j → undefined", (code) => expect(t.cameo(code)).toBeUndefined());
  it("covers every CAMEO root", () => {
    for (let i = 1; i <= 20; i++) expect(t.cameo(String(i).padStart(2, "0"))).not.toBeUndefined();
  });
});

describe("actor codes", () => {
  it.each([
    ["USA", "USA"],
    ["ROM", "ROU"],
    ["TMP", "TLS"],
    ["MTN", "MNE"],
    ["WSB", "PSE"],
    ["BAG", "IRQ"],
    ["EUR", null],
    ["AFR", null],
    ["MEA", null],
  ])("CAMEO country %s → %s", (code, iso) => expect(t.country(code)).toBe(iso));
  it.each([
    ["GOV", "GOV", true],
    ["MIL", "MIL", true],
    ["COP", "COP", true],
    ["MED", "MED", false],
    ["OPP", "OPP", false],
  ])("CAMEO role %s → sector %s (state organ: %s)", (code, sector, state) => expect(t.role(code)).toEqual({ sector, state }));
  it.each(["REB", "CVL", "INS", "ETH", "NGO", "IGO"])("CAMEO role %s is none of our sectors", (code) => expect(t.role(code)).toBeUndefined());
  it.each([
    ["Executive,Foreign Ministry,Government", "GOV"],
    ["Military,Government", "MIL"],
    ["Government,Legislative / Parliamentary", "LEG"],
    ["Government,Executive Office,Executive,(National) Major Party,Parties,Legislative / Parliamentary", "GOV"],
    ["Judicial,Government", "JUD"],
    ["Police", "COP"],
    ["Media,News", "MED"],
    ["General Population / Civilian / Social", null],
    ["Insurgents,Rebels", null],
    ["", null],
  ])("ICEWS sectors %j → %s", (list, sector) => expect(t.icewsSector(list)?.sector ?? null).toBe(sector));
  it.each([
    ["Russian Federation", "RUS"],
    ["Occupied Palestinian Territory", "PSE"],
    ["the former Yugoslav Republic of Macedonia", "MKD"],
    ["Moldova, Republic of", "MDA"],
    ["Holy See", "VAT"],
    ["Democratic Republic of Congo", "COD"],
    ["Syria", "SYR"],
    ["NA", null],
    ["", null],
    ["Atlantis", null],
  ])("ICEWS country %j → %s", (name, iso) => expect(t.countryNamed(name)).toBe(iso));
});

describe("building the tables", () => {
  const ontology = loadOntology();
  const base = loadInteropTables();
  expect(base.cameo("040")).not.toBeUndefined();
  const cameo = (entries: unknown[]) => CameoPloverFile.parse({ kind: "cameo-plover", entries: [...Array.from({ length: 20 }, (_, i) => ({ cameo: String(i + 1).padStart(2, "0"), type: "CONSULT" })), ...entries] });
  const actors = ActorsFile.parse({ kind: "interop-actors", countries: [], regions: [], roles: [], icewsSectors: [], icewsCountries: [], datasets: {} });
  it.each([
    [[{ cameo: "04", type: "CONSULT" }], /listed twice/],
    [[{ cameo: "042", type: "MEET" }], /not a type of our ontology/],
    [[{ cameo: "042", type: "CONSULT", mode: "teleport" }], /no mode "teleport"/],
    [[{ cameo: "042", type: null, mode: "visit" }], /takes no mode/],
  ])("refuses %j", (rows, msg) => expect(() => compileInteropTables(cameo(rows), actors, ontology, [])).toThrow(msg));
  it("refuses a table without every root", () => {
    const f = cameo([]);
    f.entries = f.entries.filter((e) => e.cameo !== "14");
    expect(() => compileInteropTables(f, actors, ontology, [])).toThrow(/root 14 is missing/);
  });
  it("rejects a row without its code, by schema", () => {
    expect(CameoPloverFile.safeParse({ kind: "cameo-plover", entries: [{ type: "CONSULT" }] }).success).toBe(false);
    expect(CameoPloverFile.safeParse({ kind: "cameo-plover", entries: [{ cameo: "42", type: "CONSULT" }] }).success).toBe(false);
  });
});
