/**
 * Golden test: the seed article (PDF-extracted, hard-wrapped, double-spaced) comes out with its
 * title, its paragraphs, whole sentences and "U.S.-enforced" rejoined. The golden file holds the
 * structure and a hash of each sentence, not the article's text (which others wrote).
 * Regenerate with UPDATE_GOLDEN=1 after checking the change by eye.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readInput } from "../src/ingest/sources.js";
import { createWink, tokenize } from "../src/nlp/tokens.js";
import { HAS_SHARED, REPO, SKIP_SHARED, shared } from "../src/test-support/shared.js";

const GOLDEN = path.join(REPO, "test/golden/seed-structure.json");
const h = (s: string) => createHash("sha256").update(s).digest("hex").slice(0, 16);

describe.skipIf(!HAS_SHARED)(`the seed article ${SKIP_SHARED}`, () => {
  it("reads into title, paragraphs and whole sentences", async () => {
    const [doc] = await readInput({ kind: "file", path: shared("seed/iran-russia-ties.txt"), fromFolder: false });
    const d = doc!;
    const t = tokenize(createWink(), d);
    expect(d.meta.title).toBe("Iran-Russia ties: Never better but maybe not forever?");
    expect(d.meta.author).toBe("Ardavan Khoshnood");
    expect(d.meta.contentType).toBe("pdf-text");
    expect(d.text).toContain("the U.S.-enforced embargoes");
    const sentences = t.sentences.map((s) => d.text.slice(s.start, s.end));
    for (const s of sentences) {
      expect(s).not.toMatch(/\n/);
      expect(s).toMatch(/^[A-Z“"]/); // no sentence starts mid-line
      expect(s).toMatch(/[.?!”"]$/); // and none stops at a line end
    }
    const structure = {
      title: d.meta.title,
      paragraphs: d.layers.paragraphs!.length,
      sentencesPerParagraph: d.layers.paragraphs!.map((_, i) => t.sentences.filter((s) => s.paragraph === i).length),
      sentenceHashes: sentences.map(h),
    };
    if (process.env.UPDATE_GOLDEN || !existsSync(GOLDEN)) writeFileSync(GOLDEN, JSON.stringify(structure, null, 2) + "\n");
    expect(structure).toEqual(JSON.parse(readFileSync(GOLDEN, "utf8")));
  });
});
