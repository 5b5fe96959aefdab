import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { importActors, importAgents } from "./petrarch.js";

const AGENTS = `# a made-up agents file in PETRARCH's format
!PERSON! = MAN, WOMAN
!MINIST! = MINISTER, MINISTRY

DEFENSE_SECRETARY [~GOVMIL]
!MINIST! FOR_DEFENCE [~GOVMIL]
FISHER!PERSON! [~AGR]
CHAMBER_OF_COMMERCE {CHAMBERS_OF_COMMERCE} [~BUS]
ARMED_POLICE {} [~COP]
GOVERNMENT [~GOV]
NOT A VALID LINE
`;

const ACTORS = `# a made-up actors file in PETRARCH's format
MOHAMMAD_JAVAD_ZARIF_
+JAVAD_ZARIF_
+ZARIF_
[IRNGOV 130815-210825]
[IRNELI >210826]
KAYHAN_NEWSPAPER_ [IRNMED]
+KAYHAN_
UNITED_NATIONS_ [IGOUNO]
+UN_
`;

describe("PETRARCH agents import", () => {
  const r = importAgents(AGENTS, "agents.txt", new Set(["government", "governments"]));
  const doc = parse(r.yaml) as { kind: string; entries: { id: string; sector: string; nouns: string[] }[] };
  it("groups nouns by sector with substitution sets, regular and irregular plurals", () => {
    expect(doc.kind).toBe("sectors");
    const mil = doc.entries.find((e) => e.sector === "GOVMIL")!;
    expect(mil.nouns).toEqual(expect.arrayContaining(["defense secretary", "defense secretaries", "minister for defence", "ministry for defence"]));
    expect(doc.entries.find((e) => e.sector === "AGR")!.nouns).toEqual(expect.arrayContaining(["fisherman", "fisherwoman"]));
    const bus = doc.entries.find((e) => e.sector === "BUS")!;
    expect(bus.nouns).toEqual(["chamber of commerce", "chambers of commerce"]);
    expect(doc.entries.find((e) => e.sector === "COP")!.nouns).toEqual(["armed police"]);
  });
  it("leaves out nouns we already have and reports lines it cannot read", () => {
    expect(doc.entries.find((e) => e.sector === "GOV")).toBeUndefined();
    expect(r.skipped).toEqual([expect.objectContaining({ line: 11, why: "not NOUN [~CODE]" })]);
  });
});

describe("PETRARCH actors import", () => {
  const r = importActors(ACTORS, "actors.txt");
  const [persons, orgs] = r.yaml.split(/^---$/m).map((y) => parse(y) as { kind: string; entries: Record<string, unknown>[] });
  it("makes persons of actors with dated codes, with their roles", () => {
    expect(persons!.kind).toBe("persons");
    expect(persons!.entries[0]).toMatchObject({
      name: "Mohammad Javad Zarif",
      aliases: ["Javad Zarif", "Zarif"],
      country: "IRN",
      roles: [
        { sector: "GOV", from: "2013-08-15", to: "2021-08-25" },
        { sector: "ELI", from: "2021-08-26", to: null },
      ],
    });
  });
  it("makes organisations of the others", () => {
    expect(orgs!.kind).toBe("organizations");
    expect(orgs!.entries).toEqual([
      expect.objectContaining({ name: "Kayhan Newspaper", country: "IRN", code: "IRNMED" }),
      expect.objectContaining({ name: "United Nations", type: "igo", aliases: ["Un"] }),
    ]);
  });
  it("refuses a file with no entries", () => expect(() => importActors("# nothing\n", "empty.txt")).toThrow(/no actor entries/));
});
