/**
 * HTML article pages: main text through Readability on linkedom, with title, byline and date
 * taken from the page's metadata where Readability does not find them.
 */
import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import { InputError, messageOf } from "../core/errors.js";
import { isoDate, joinParagraphs, normaliseText, type ReadText } from "./text.js";

const BLOCK = new Set([
  "P", "DIV", "SECTION", "ARTICLE", "MAIN", "HEADER", "FOOTER", "ASIDE", "BLOCKQUOTE", "PRE",
  "H1", "H2", "H3", "H4", "H5", "H6", "UL", "OL", "LI", "TABLE", "TR", "FIGURE", "FIGCAPTION",
  "DL", "DT", "DD", "HR", "ADDRESS", "NAV", "FORM",
]);
const SKIP = new Set(["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "SVG", "BUTTON", "IFRAME", "OBJECT"]);

interface MinimalNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<MinimalNode>;
}

/** Text of an HTML fragment with block elements as paragraph breaks. */
export function htmlToParagraphs(root: MinimalNode): string[] {
  const paras: string[] = [];
  let cur = "";
  const flush = () => {
    const t = cur.replace(/\s+/g, " ").trim();
    if (t) paras.push(t);
    cur = "";
  };
  const walk = (n: MinimalNode) => {
    if (n.nodeType === 3) {
      cur += n.textContent ?? "";
      return;
    }
    if (n.nodeType !== 1 && n.nodeType !== 9 && n.nodeType !== 11) return;
    const name = n.nodeName.toUpperCase();
    if (SKIP.has(name)) return;
    if (name === "BR") {
      flush();
      return;
    }
    const block = BLOCK.has(name);
    if (block) flush();
    for (let i = 0; i < n.childNodes.length; i++) walk(n.childNodes[i]!);
    if (block) flush();
  };
  walk(root);
  flush();
  return paras;
}

type Doc = ReturnType<typeof parseHTML>["document"];

function meta(document: Doc, ...names: string[]): string | null {
  for (const name of names) {
    const el =
      document.querySelector(`meta[property="${name}"]`) ??
      document.querySelector(`meta[name="${name}"]`) ??
      document.querySelector(`meta[itemprop="${name}"]`);
    const v = el?.getAttribute("content")?.trim();
    if (v) return v;
  }
  return null;
}

/** `datePublished` and `author` from JSON-LD blocks, when the page has them. */
function jsonLd(document: Doc): { date: string | null; author: string | null } {
  let date: string | null = null;
  let author: string | null = null;
  for (const s of document.querySelectorAll('script[type="application/ld+json"]')) {
    let data: unknown;
    try {
      data = JSON.parse(s.textContent ?? "");
    } catch (e) {
      // pages often carry broken JSON-LD; it is only a hint, so skip that block
      if (e instanceof SyntaxError) continue;
      throw e;
    }
    const stack: unknown[] = [data];
    while (stack.length) {
      const x = stack.pop();
      if (Array.isArray(x)) stack.push(...x);
      else if (x && typeof x === "object") {
        const o = x as Record<string, unknown>;
        if (!date && typeof o.datePublished === "string") date = o.datePublished;
        if (!author && o.author) {
          const a = Array.isArray(o.author) ? o.author[0] : o.author;
          if (typeof a === "string") author = a;
          else if (a && typeof a === "object" && typeof (a as Record<string, unknown>).name === "string") author = (a as { name: string }).name;
        }
        if (o["@graph"]) stack.push(o["@graph"]);
      }
    }
  }
  return { date, author };
}

function cleanByline(b: string | null | undefined): string | null {
  if (!b) return null;
  const t = b.replace(/\s+/g, " ").replace(/^by\s+/i, "").replace(/[\s,;|]+$/, "").trim();
  if (!t || t.length > 120 || /^https?:/.test(t)) return null;
  return t;
}

/** Reads an HTML page; throws when it holds no article text. */
export function readHtml(html: string, input: string): ReadText {
  const page = /<html[\s>]/i.test(html) ? html : `<!doctype html><html><head></head><body>${html}</body></html>`;
  const { document } = parseHTML(page);
  const ld = jsonLd(document);
  const published = isoDate(
    meta(document, "article:published_time", "og:published_time", "datePublished", "date", "pubdate", "publishdate", "parsely-pub-date", "dc.date", "DC.date.issued", "sailthru.date") ??
      ld.date ??
      document.querySelector("time[datetime]")?.getAttribute("datetime") ??
      null,
  );
  const metaAuthor = meta(document, "author", "article:author", "parsely-author", "sailthru.author", "dc.creator");
  const siteName = meta(document, "og:site_name", "application-name");
  let article: ReturnType<Readability["parse"]>;
  try {
    article = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0], { charThreshold: 200 }).parse();
  } catch (e) {
    throw new InputError("INPUT_NO_ARTICLE", input, `no article could be read from this HTML page (${messageOf(e)})`, { cause: e });
  }
  if (!article || !article.content) throw new InputError("INPUT_NO_ARTICLE", input, "no article text found in this HTML page");
  const frag = parseHTML(`<!doctype html><html><body>${article.content}</body></html>`).document.body as unknown as MinimalNode;
  const paras = htmlToParagraphs(frag).map((p) => normaliseText(p).trim()).filter(Boolean);
  const words = paras.join(" ").split(/\s+/).length;
  if (words < 40) throw new InputError("INPUT_NO_ARTICLE", input, `no article text found in this HTML page (only ${words} words of main text)`);
  const title = (article.title ?? meta(document, "og:title") ?? document.title ?? "").replace(/\s+/g, " ").trim() || null;
  return {
    ...joinParagraphs(paras),
    title,
    author: cleanByline(article.byline) ?? cleanByline(metaAuthor) ?? cleanByline(ld.author),
    outlet: article.siteName ?? siteName ?? null,
    published: published ?? isoDate(article.publishedTime ?? null),
    contentType: "html",
  };
}
