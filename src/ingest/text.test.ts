import { describe, expect, it } from "vitest";
import { looksHardWrapped, readPlainText, splitFrontMatter, normaliseText, isoDate } from "./text.js";

/** Writes paragraphs as a PDF extractor does: a blank line after every line, " " between paragraphs. */
function pdfLike(paras: string[][]): string {
  return paras.map((lines) => lines.map((l) => l + " \n\n").join("")).join(" \n\n");
}

describe("readPlainText: hard-wrapped PDF text", () => {
  const raw = pdfLike([
    ["Moscow and Tehran: partners of convenience?"],
    ["Our analyst looks at the arms trade between the two capitals and asks", "whether it will last."],
    [
      "Russia delivered the first air-defence batteries to Iran in 2016 after a",
      "long delay, and both governments called the transfer a turning point. The",
      "U.S.-",
      "led coalition objected, and officials in Washington spoke of a dangerous prece-",
      "dent for the region.",
    ],
    ["Iranian-", "Russian naval exercises followed in the Caspian Sea. A well-", "known commentator doubted the partnership would outlive the sanctions."],
  ]);
  const r = readPlainText(raw);
  it("recognises the headline as the title and keeps it as the first paragraph", () => {
    expect(r.title).toBe("Moscow and Tehran: partners of convenience?");
    expect(r.text.slice(r.paragraphs[0]!.start, r.paragraphs[0]!.end)).toBe(r.title);
  });
  it("rebuilds the paragraphs the article has", () => {
    expect(r.paragraphs).toHaveLength(4);
    for (const p of r.paragraphs) expect(r.text.slice(p.start, p.end)).not.toMatch(/\n/);
  });
  it("joins wrapped lines with one space and mends soft hyphens", () => {
    expect(r.text).toContain("after a long delay, and both");
    expect(r.text).toContain("a dangerous precedent for the region.");
  });
  it("keeps real compounds hyphenated", () => {
    expect(r.text).toContain("The U.S.-led coalition");
    expect(r.text).toContain("Iranian-Russian naval");
  });
  it("marks it as PDF text", () => expect(r.contentType).toBe("pdf-text"));
});

describe("readPlainText: text that is not wrapped", () => {
  it("keeps one paragraph per line and finds no title in prose", () => {
    const r = readPlainText("Iran and China signed a long-term cooperation agreement on Saturday.\n\nThe deal covers energy and infrastructure.\n");
    expect(r.title).toBeNull();
    expect(r.paragraphs).toHaveLength(2);
    expect(r.contentType).toBe("text");
  });
  it("takes a headline line as the title", () => {
    const r = readPlainText("Beijing and Moscow hold talks\n\nThe two foreign ministers met in Beijing on Monday.\n");
    expect(r.title).toBe("Beijing and Moscow hold talks");
  });
  it("reads front matter and does not keep it in the text", () => {
    const r = readPlainText("---\ntitle: A test\nauthor: Jane Roe\noutlet: Example Wire\npublished: 2019-12-27\n---\nThe body.\n");
    expect(r).toMatchObject({ title: "A test", author: "Jane Roe", outlet: "Example Wire", published: "2019-12-27", text: "The body." });
  });
  it("finds a standfirst byline", () => {
    const r = readPlainText("Old friends, new doubts\n\nJane Roe writes about the state of the partnership.\n\nThe partnership has grown.\n");
    expect(r.author).toBe("Jane Roe");
  });
});

describe("must not", () => {
  it("take a wrapped first line as a title", () => {
    const raw = pdfLike([["The relationship between the two states has improved since the", "summit, and officials expect more visits next year. Trade rose and", "both sides signed new agreements on energy and transport. More", "talks are planned for the spring, according to diplomats."]]);
    expect(readPlainText(raw).title).toBeNull();
  });
  it("see wrapping in short prose lines that end sentences", () => {
    expect(looksHardWrapped(["One.", "Two.", "Three.", "Four.", "Five."])).toBe(false);
  });
  it("treat a document without front matter fences as having fields", () => {
    expect(splitFrontMatter("title: nope\nbody").fields).toEqual({});
  });
});

describe("normaliseText and isoDate", () => {
  it.each([
    ["\uFEFFa\r\nb", "a\nb"],
    ["a\u00A0b", "a b"],
    ["soft\u00ADhyphen", "softhyphen"],
    ["e\u0301", "é"],
  ])("normalises %j", (a, b) => expect(normaliseText(a)).toBe(b));
  it.each([
    ["2019-12-27T10:00:00Z", "2019-12-27"],
    ["2020-01", "2020-01"],
    ["Tue, 24 Sep 2018 19:42:40 GMT", "2018-09-24"],
    ["not a date", null],
  ])("isoDate(%j)", (a, b) => expect(isoDate(a)).toBe(b));
});
