import { describe, expect, it } from "vitest";
import { makeDoc, paragraphSpans } from "../core/doc.js";
import { createWink, tokenize } from "./tokens.js";

const wink = createWink();
const sentencesOf = (text: string) => {
  const doc = makeDoc(text, { title: null, author: null, outlet: null, published: null, source: { path: "t" }, contentType: "text" });
  const t = tokenize(wink, doc);
  return { doc, ...t, texts: t.sentences.map((s) => text.slice(s.start, s.end)) };
};

describe("sentences", () => {
  const cases: [string, string, number][] = [
    ["abbreviation mid-sentence", "The U.S. and Russia met in Geneva. Talks went on.", 2],
    ["abbreviation ending a sentence", "Iran will fight the U.S. But Russia would stay out.", 2],
    ["titles", "Dr. Smith met Gov. Jones and Sen. Brown on Monday. They agreed.", 2],
    ["times and initials", "They met at 3 p.m. on Monday in Washington D.C. Later they left.", 2],
    ["compound with abbreviation", "The U.S.-enforced embargo hurt Iran. Russia helped.", 2],
    ["quotes", "He said: “It is good.” Then he left.", 2],
    ["paragraph breaks always end a sentence", "A headline without a stop\n\nThe story starts here.", 2],
  ];
  it.each(cases)("%s", (_, text, n) => {
    const s = sentencesOf(text);
    expect(s.texts).toHaveLength(n);
    for (const t of s.texts) expect(t).not.toMatch(/\n/);
  });
});

describe("token offsets", () => {
  it("point into the text exactly", () => {
    const text = "Russia’s “veto” of the U.S.-drafted text — can't pass, won't pass.\n\nIran-Russia ties, 2019–2020: déjà vu?";
    const s = sentencesOf(text);
    for (const t of s.tokens) expect(text.slice(t.start, t.end).toLowerCase()).toBe(t.norm);
    expect(s.diagnostics).toEqual([]);
    for (const se of s.sentences) {
      expect(s.tokens[se.firstToken]!.start).toBe(se.start);
      expect(s.tokens[se.lastToken]!.end).toBe(se.end);
    }
  });
  it("give lemmas and parts of speech", () => {
    const s = sentencesOf("Russia has vetoed several resolutions.");
    expect(s.tokens.map((t) => t.lemma)).toEqual(["russia", "have", "veto", "several", "resolution", "."]);
    expect(s.tokens[2]!.pos).toBe("VERB");
  });
  it("paragraphSpans splits on blank lines only", () => {
    expect(paragraphSpans("a\nb\n\n c \n \n\nd")).toEqual([{ start: 0, end: 3 }, { start: 6, end: 7 }, { start: 12, end: 13 }]);
  });
});
