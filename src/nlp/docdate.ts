/**
 * The date a document speaks from: its publication date when known, else the latest year it
 * mentions (an analysis published early in 2020 speaks of "December 2019" as recent).
 */
import type { Doc } from "../core/doc.js";

const MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

export function documentDate(doc: Pick<Doc, "text" | "meta">, now = new Date()): string | null {
  if (doc.meta.published) return doc.meta.published;
  const maxYear = now.getUTCFullYear();
  let best: string | null = null;
  for (const m of doc.text.matchAll(/\b(?:(January|February|March|April|May|June|July|August|September|October|November|December)\s+)?((?:19[4-9]|20[0-9])\d)\b/g)) {
    const y = Number(m[2]);
    if (y > maxYear) continue;
    const month = m[1] ? String(MONTHS.indexOf(m[1].toLowerCase()) + 1).padStart(2, "0") : null;
    const d = month ? `${y}-${month}` : String(y);
    if (!best || d > best) best = d;
  }
  return best;
}
