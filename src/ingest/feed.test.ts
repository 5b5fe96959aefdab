import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { docsFromBytes } from "./sources.js";
import { feedDate, looksLikeFeed } from "./feed.js";
import { HAS_SHARED, SKIP_SHARED, shared } from "../test-support/shared.js";

const RSS = `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Test Wire</title>
<item><title>Tehran and Beijing sign deal</title><link>https://example.org/1</link><pubDate>Sat, 27 Mar 2021 10:00:00 GMT</pubDate><dc:creator>Jane Roe</dc:creator>
<description>&lt;p&gt;Iran and China signed a 25-year cooperation agreement in Tehran.&lt;/p&gt;&lt;p&gt;The deal covers oil and infrastructure.&lt;/p&gt;</description></item>
<item><title>Only a title here</title><link>https://example.org/2</link></item>
</channel></rss>`;
const ATOM = `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Wire</title>
<entry><title>Moscow and Beijing talk</title><link href="https://example.org/a"/><updated>2019-06-05T12:00:00Z</updated><author><name>John Doe</name></author>
<summary>Russia and China upgraded their ties to a comprehensive strategic partnership.</summary></entry></feed>`;

describe("feeds: one document per item", () => {
  it("reads RSS 2.0 items with their metadata", async () => {
    const docs = await docsFromBytes(Buffer.from(RSS), "wire.rss", { path: "wire.rss" });
    expect(docs).toHaveLength(2);
    expect(docs[0]!.meta).toMatchObject({ title: "Tehran and Beijing sign deal", author: "Jane Roe", outlet: "Test Wire", published: "2021-03-27", contentType: "feed-item" });
    expect(docs[0]!.meta.source).toMatchObject({ path: "wire.rss", item: 0, url: "https://example.org/1" });
    expect(docs[0]!.text).toBe("Iran and China signed a 25-year cooperation agreement in Tehran.\n\nThe deal covers oil and infrastructure.");
    expect(docs[1]!.text).toBe("Only a title here");
  });
  it("reads Atom entries", async () => {
    const docs = await docsFromBytes(Buffer.from(ATOM), "wire.atom", { path: "wire.atom" });
    expect(docs).toHaveLength(1);
    expect(docs[0]!.meta).toMatchObject({ title: "Moscow and Beijing talk", outlet: "Atom Wire", published: "2019-06-05" });
  });
  it.each([
    ["<rss><channel><title>x</title><item><title>broken", /not well-formed|no items/],
    ["<rss version='2.0'><channel><title>Empty</title></channel></rss>", /no items/],
  ])("refuses a bad feed %#", async (xml, msg) => {
    await expect(docsFromBytes(Buffer.from(xml), "bad.rss", { path: "bad.rss" })).rejects.toThrow(msg);
  });
  it.each([
    ["Seg, 24 Set 2018 19:42:40 -0300", "2018-09-24"],
    ["Mon, 01 Feb 2016 10:00:00 +0100", "2016-02-01"],
    ["5 déc 2019", "2019-12-05"],
    ["soon", null],
  ])("feedDate(%j)", (s, want) => expect(feedDate(s)).toBe(want));
  it("tells feeds from pages", () => {
    expect(looksLikeFeed('<?xml version="1.0"?>\n<rss version="2.0">')).toBe(true);
    expect(looksLikeFeed("<feed xmlns='http://www.w3.org/2005/Atom'>")).toBe(true);
    expect(looksLikeFeed("<!doctype html><html>")).toBe(false);
    expect(looksLikeFeed("The feed was cut.")).toBe(false);
  });
});

describe.skipIf(!HAS_SHARED)(`real feeds ${SKIP_SHARED}`, () => {
  it.each([
    ["bbc-news-world-2019-02-24.rss", 33, "utf-8"],
    ["guardian-us-edition-2018-01-31.rss", 55, "utf-8"],
    ["heise-developer-2016-02-01.atom", 15, "utf-8"],
    ["uol-noticias-2018-09-24.rss", 15, "windows-1252"],
  ])("%s gives %i items", async (file, n, enc) => {
    const docs = await docsFromBytes(readFileSync(shared("news/feeds", file)), file, { path: file });
    expect(docs).toHaveLength(n);
    expect(docs[0]!.meta.encoding).toBe(enc);
    for (const d of docs) expect(d.text).not.toMatch(/\uFFFD|Ã©|Ã£/);
  });
  it("decodes the undeclared Latin-1 feed correctly", async () => {
    const docs = await docsFromBytes(readFileSync(shared("news/feeds/uol-noticias-2018-09-24.rss")), "uol", { path: "uol" });
    expect(docs.map((d) => d.text).join(" ")).toMatch(/simulações|inquérito/);
    expect(docs[0]!.meta.published).toBe("2018-09-24");
  });
});
