import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readHtml } from "./html.js";
import { HAS_SHARED, SKIP_SHARED, shared } from "../test-support/shared.js";

const PAGE = `<!doctype html><html><head><title>Gulf drill | Example News</title>
<meta property="article:published_time" content="2019-12-27T08:00:00Z"><meta name="author" content="Jane Roe">
<meta property="og:site_name" content="Example News"></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<aside><h3>Most read</h3><ul><li><a href="/a">Celebrity news item</a></li><li><a href="/b">Weather today</a></li></ul></aside>
<article><h1>Three navies begin a drill in the Gulf of Oman</h1>
<p>The navies of Iran, Russia and China began a four-day exercise in the Gulf of Oman on Friday, the first drill of its kind between the three states, officials said.</p>
<p>Iranian commanders described the exercise as a message that the region's security should be kept by its own states, while Russian officials spoke of anti-piracy training.</p>
<p>Chinese state media said a destroyer from the People's Liberation Army Navy took part in the manoeuvres, which covered rescue operations and gunnery practice.</p>
</article><footer>© Example News. All rights reserved. <a href="/privacy">Privacy</a></footer></body></html>`;

describe("readHtml", () => {
  it("takes the article and leaves the boilerplate", () => {
    const r = readHtml(PAGE, "page.html");
    expect(r.text).toContain("began a four-day exercise in the Gulf of Oman");
    expect(r.text).not.toMatch(/Most read|Privacy|Celebrity/);
    expect(r.paragraphs.length).toBeGreaterThanOrEqual(3);
    expect(r).toMatchObject({ published: "2019-12-27", author: "Jane Roe", outlet: "Example News" });
    expect(r.title).toMatch(/Gulf/);
  });
  it.each([
    ["a page with no article", "<html><body><nav><a href='/'>Home</a></nav><p>Subscribe</p></body></html>"],
    ["an empty fragment", "<div></div>"],
  ])("refuses %s with a clear error", (_, html) => {
    expect(() => readHtml(html, "x.html")).toThrow(/x\.html|no article/);
    try {
      readHtml(html, "x.html");
    } catch (e) {
      expect((e as { code: string }).code).toBe("INPUT_NO_ARTICLE");
    }
  });
});

/** Token-level F1 of extracted text against the expected text (bags of lower-cased words). */
function tokenF1(got: string, want: string): number {
  const toks = (s: string) => s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const a = toks(got);
  const b = toks(want);
  const bag = new Map<string, number>();
  for (const t of b) bag.set(t, (bag.get(t) ?? 0) + 1);
  let common = 0;
  for (const t of a) {
    const k = bag.get(t) ?? 0;
    if (k > 0) (common++, bag.set(t, k - 1));
  }
  const p = a.length ? common / a.length : 0;
  const r = b.length ? common / b.length : 0;
  return p + r ? (2 * p * r) / (p + r) : 0;
}

describe.skipIf(!HAS_SHARED)(`main text of real pages against human annotation ${SKIP_SHARED}`, () => {
  it("reaches token F1 ≥ 0.9 on average over the annotated pages", () => {
    const dir = shared("news/html");
    const pages = readdirSync(dir).filter((f) => f.startsWith("aeb-") && f.endsWith(".html"));
    expect(pages.length).toBe(13);
    const scores = pages.map((f) => {
      const id = f.replace(/\.html$/, "");
      const r = readHtml(readFileSync(`${dir}/${f}`, "utf8"), f);
      const s = tokenF1(r.text, readFileSync(`${dir}/${id}.expected.txt`, "utf8"));
      process.stderr.write(`  html F1 ${s.toFixed(3)}  ${id}\n`);
      return s;
    });
    const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
    process.stderr.write(`  html F1 mean ${mean.toFixed(3)} over ${scores.length} pages\n`);
    expect(mean).toBeGreaterThanOrEqual(0.9);
  });
});
