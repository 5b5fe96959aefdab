/**
 * RSS 2.0, RSS 0.9x/1.0 and Atom feeds: one document per item, its text taken from the item's
 * content or description (HTML made plain), metadata from the item and its channel.
 */
import Parser from "rss-parser";
import { parseHTML } from "linkedom";
import { InputError, messageOf } from "../core/errors.js";
import { htmlToParagraphs } from "./html.js";
import { isoDate, joinParagraphs, normaliseText, type ReadText } from "./text.js";

export interface FeedItem extends ReadText {
  readonly link: string | null;
  readonly index: number;
}

/** Whether text looks like a feed rather than a page or prose. */
export function looksLikeFeed(head: string): boolean {
  const h = head.replace(/^\uFEFF/, "").trimStart().slice(0, 2000);
  return /^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<(rss|feed|rdf:RDF)\b)/i.test(h) || (/^<\?xml/i.test(h) && /<(rss|feed|rdf:RDF)\b/i.test(h));
}

const MONTHS: Record<string, number> = {};
[
  ["jan", "janv", "ene", "gen"],
  ["feb", "fev", "fév", "févr", "fevr", "fv"],
  ["mar", "mär", "mars", "marz"],
  ["apr", "abr", "avr", "avril"],
  ["may", "mai", "mayo", "mag", "maio"],
  ["jun", "juin", "giu", "junio", "juni"],
  ["jul", "juil", "lug", "julio", "juli"],
  ["aug", "ago", "août", "aout"],
  ["sep", "set", "sept"],
  ["oct", "okt", "out", "ott"],
  ["nov"],
  ["dec", "dez", "dic", "déc"],
].forEach((names, i) => names.forEach((n) => (MONTHS[n] = i + 1)));

/** Dates as feeds write them, in English and other languages ("Seg, 24 Set 2018 19:42:40 -0300"). */
export function feedDate(s: string | null | undefined): string | null {
  if (!s) return null;
  const iso = isoDate(s);
  if (iso) return iso;
  const m = /(\d{1,2})\s+([\p{L}]{3,5})\.?\s+(\d{4})/u.exec(s);
  if (!m) return null;
  const mon = MONTHS[m[2]!.toLowerCase()] ?? MONTHS[m[2]!.toLowerCase().slice(0, 3)];
  if (!mon) return null;
  return `${m[3]}-${String(mon).padStart(2, "0")}-${m[1]!.padStart(2, "0")}`;
}

function plain(html: string): string[] {
  if (!/[<&]/.test(html)) return [normaliseText(html).replace(/\s+/g, " ").trim()].filter(Boolean);
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  return htmlToParagraphs(document.body as never).map((p) => normaliseText(p).trim()).filter(Boolean);
}

/** Parses a feed's text into items; throws when it is not a feed. */
export async function readFeed(xml: string, input: string): Promise<{ title: string | null; items: FeedItem[] }> {
  if (!looksLikeFeed(xml)) throw new InputError("INPUT_NOT_FEED", input, "not an RSS or Atom feed (no <rss>, <feed> or <rdf:RDF> root element)");
  const parser = new Parser({ customFields: { item: [["dc:creator", "creator"], ["content:encoded", "contentEncoded"]] } });
  let feed: Awaited<ReturnType<typeof parser.parseString>>;
  // rss-parser insists on <rss version="…">; feeds in the wild (UOL's, for one) leave it out
  const versioned = xml.replace(/<rss\b(?![^>]*\bversion=)/i, '<rss version="2.0"');
  try {
    feed = await parser.parseString(versioned);
  } catch (e) {
    throw new InputError("INPUT_NOT_FEED", input, `the feed is not well-formed XML (${messageOf(e).split("\n")[0]})`, { cause: e });
  }
  const channel = feed.title?.trim() || null;
  const items: FeedItem[] = [];
  (feed.items ?? []).forEach((it, index) => {
    const rec = it as unknown as Record<string, unknown>;
    const body = [rec.contentEncoded, it.content, it.summary, rec.description].find((x) => typeof x === "string" && x.trim()) as string | undefined;
    const title = it.title ? normaliseText(it.title).replace(/\s+/g, " ").trim() : null;
    let paras = body ? plain(body) : [];
    if (paras.length === 0 && title) paras = [title];
    if (paras.length === 0) return;
    const author = (typeof rec.creator === "string" ? rec.creator : null) ?? (typeof rec.author === "string" ? rec.author : null);
    items.push({
      ...joinParagraphs(paras),
      title,
      author: author?.trim() || null,
      outlet: channel,
      published: feedDate(it.isoDate ?? it.pubDate ?? null),
      contentType: "feed-item",
      link: it.link?.trim() || null,
      index,
    });
  });
  return { title: channel, items };
}
