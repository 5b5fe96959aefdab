import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { compileLexicon, holderAt, roleAt } from "../nlp/lexicon.js";
import { loadGazetteer } from "./load.js";
import type { EntenteError } from "../core/errors.js";

const dir = mkdtempSync(path.join(tmpdir(), "entente-dict-"));
const ours = path.join(dir, "ours");
mkdirSync(ours);
writeFileSync(
  path.join(ours, "states.yaml"),
  `kind: states
entries:
  - id: IRN
    name: Iran
    demonyms: [Iranian]
    capitals: [Tehran]
  - id: RUS
    name: Russia
    aliases: [Russian Federation]
    demonyms: [Russian]
    capitals: [Moscow]
`,
);
writeFileSync(
  path.join(ours, "persons.yaml"),
  `kind: persons
entries:
  - id: PUTIN
    name: Vladimir Putin
    aliases: [Putin]
    country: RUS
    roles:
      - { role: prime minister, from: 1999-08-16, to: 2000-05-07 }
      - { role: president, from: 2000-05-07, to: 2008-05-07 }
      - { role: prime minister, from: 2008-05-08, to: 2012-05-07 }
      - { role: president, from: 2012-05-07, to: null }
  - id: MEDVEDEV
    name: Dmitry Medvedev
    country: RUS
    roles:
      - { role: president, from: 2008-05-07, to: 2012-05-07 }
`,
);
const user = (name: string, text: string) => {
  const f = path.join(dir, name);
  writeFileSync(f, text);
  return f;
};
/** The one line the CLI would print for what `fn` throws. */
function errLine(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as EntenteError).oneLine();
  }
  return "(nothing thrown)";
}
const split = (s: string) => s.match(/[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu) ?? [];

describe("loading gazetteer files", () => {
  it("loads ours and merges a user's entries over them", () => {
    const f = user("extra.yaml", "kind: media\nentries:\n  - { id: SHARGH, name: Shargh, country: IRN, leaning: reformist, kind: newspaper }\n");
    const { data } = loadGazetteer([f], ours);
    expect(data.states.map((s) => s.id)).toEqual(["IRN", "RUS"]);
    expect(data.media[0]).toMatchObject({ id: "SHARGH", leaning: "reformist" });
  });
  it("lets a user's entry replace ours with the same id", () => {
    const f = user("replace.yaml", "kind: states\nentries:\n  - { id: IRN, name: Iran, aliases: [Persia] }\n");
    const { data } = loadGazetteer([f], ours);
    expect(data.states.find((s) => s.id === "IRN")?.aliases).toEqual(["Persia"]);
  });
  it("reads JSON as well", () => {
    const f = user("extra.json", JSON.stringify({ kind: "places", entries: [{ id: "CASPIAN", name: "Caspian Sea", kind: "sea" }] }));
    expect(loadGazetteer([f], ours).data.places).toHaveLength(1);
  });

  const BAD: [string, string, string, RegExp][] = [
    ["bad YAML", "bad.yaml", "kind: states\nentries:\n  - id: IRQ\n    name: [Iraq\n", /bad\.yaml:\d+: bad YAML/],
    ["bad JSON", "bad.json", '{ "kind": "states", "entries": [ { "id": "IRQ", } ] ', /bad\.json:\d+: bad JSON/],
    ["a missing field", "missing.yaml", "kind: persons\nentries:\n  - id: ZARIF\n    name: Mohammad Javad Zarif\n    country: IRN\n", /missing\.yaml:3: entry ZARIF: roles: /],
    ["a wrong id", "wrongid.yaml", "kind: states\nentries:\n  - id: Iraq\n    name: Iraq\n", /wrongid\.yaml:3: entry Iraq: id: a country is an ISO 3166-1 alpha-3 code/],
    ["a duplicate id", "dup.yaml", "kind: media\nentries:\n  - { id: KAYHAN, name: Kayhan, country: IRN, kind: newspaper }\n  - { id: KAYHAN, name: Keyhan, country: IRN, kind: newspaper }\n", /dup\.yaml:4: duplicate id KAYHAN \(already at .*dup\.yaml:3\)/],
    ["an unknown kind", "kind.yaml", "kind: people\nentries: []\n", /kind\.yaml:1: not a gazetteer file: kind/],
    ["an unknown field", "field.yaml", "kind: places\nentries:\n  - { id: GULF, name: Gulf, kind: gulf, colour: blue }\n", /field\.yaml:3: entry GULF: .*colour/],
  ];
  it.each(BAD)("rejects %s with the file, line or entry, and what is wrong", (_, name, text, msg) => {
    const f = user(name, text);
    expect(errLine(() => loadGazetteer([f], ours))).toMatch(msg);
  });
  it("rejects a missing dictionary path", () => {
    expect(errLine(() => loadGazetteer([path.join(dir, "nope.yaml")], ours))).toMatch(/nope\.yaml: no such dictionary file/);
  });
  it("rejects a conflicting alias when compiling, naming both entries", () => {
    const f = user("conflict.yaml", "kind: media\nentries:\n  - { id: TEHRANTIMES, name: Tehran Times, aliases: [Tehran], country: IRN, kind: newspaper }\n");
    const { data, where } = loadGazetteer([f], ours);
    expect(errLine(() => compileLexicon(data, split, where))).toMatch(/conflict\.yaml:3.*conflicting name "Tehran": TEHRANTIMES and IRN/);
  });
  it("rejects an id used by two kinds", () => {
    const f = user("twokinds.yaml", "kind: organizations\nentries:\n  - { id: PUTIN, type: organization, name: Putin Fund }\n");
    const { data, where } = loadGazetteer([f], ours);
    expect(errLine(() => compileLexicon(data, split, where))).toMatch(/duplicate id PUTIN/);
  });
});

describe("date-aware roles in the lexicon", () => {
  const { data, where } = loadGazetteer([], ours);
  const lex = compileLexicon(data, split, where);
  it.each([
    ["1999-10", "prime minister", true],
    ["2005-06-01", "president", true],
    ["2010", "prime minister", true],
    ["2020-02", "president", true],
  ])("Putin on %s was %s", (date, role, current) => {
    expect(roleAt(lex, "PUTIN", date)).toMatchObject({ spell: { role }, current });
  });
  it.each([
    ["2006-01", "PUTIN"],
    ["2010-01", "MEDVEDEV"],
    ["2019-12", "PUTIN"],
    ["1995-01", null],
  ])("the Russian president on %s was %s", (date, who) => {
    expect(holderAt(lex, "RUS", "president", date)).toBe(who);
  });
  it("is frozen", () => expect(Object.isFrozen(lex)).toBe(true));
});
