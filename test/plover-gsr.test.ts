/**
 * Acceptance: on PLOVER's gold standard records (older labels mapped to v0.8), event-type
 * accuracy is at least 0.6; the CLI prints the same figures.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadAnalyzer } from "../src/app/setup.js";
import { ploverType, scorePloverGsr, type GsrRecord } from "../src/analysis/plover-gsr.js";
import type { CodedEvent } from "../src/coding/coder.js";
import { makeDoc } from "../src/core/doc.js";
import type { DocActor } from "../src/nlp/actors.js";
import { entente } from "../src/test-support/cli.js";
import { HAS_SHARED, SKIP_SHARED, shared } from "../src/test-support/shared.js";

describe("PLOVER type folding", () => {
  it.each([
    [{ type: "AID", modality: "expected" }, "AGREE"],
    [{ type: "ASSAULT", modality: "hypothetical" }, "THREATEN"],
    [{ type: "ASSAULT", modality: "asserted" }, "ASSAULT"],
    [{ type: "DEMAND", modality: "asserted" }, "REQUEST"],
    [{ type: "ALIGN", modality: "asserted" }, "SUPPORT"],
    [{ type: "DISTRUST", modality: "asserted" }, "ACCUSE"],
  ] as const)("%j → %s", (e, want) => expect(ploverType(e)).toBe(want));
});

describe.skipIf(!HAS_SHARED)(`PLOVER gold standard records ${SKIP_SHARED}`, () => {
  it("codes at least 60% of the records with the right event type", () => {
    const records = JSON.parse(readFileSync(shared("anchors/PLOVER_GSR_CAMEO.json"), "utf8")) as GsrRecord[];
    const analyzer = loadAnalyzer();
    const s = scorePloverGsr(records, (text) => {
      const doc = analyzer.process(makeDoc(text, { title: null, author: null, outlet: null, published: null, source: { path: "gsr" }, contentType: "text" }));
      const actors = (doc.layers.actors ?? []) as readonly DocActor[];
      const events = ((doc.layers.events ?? []) as readonly CodedEvent[]).map((e) => ({ ...e, trigger: e.anchor.text }));
      return { events, country: (id: string) => actors.find((a) => a.id === id)?.country ?? id };
    });
    process.stderr.write(`  PLOVER GSR: type accuracy ${s.typeAccuracy.toFixed(3)}, source ${s.sourceAgreement.toFixed(3)}, target ${s.targetAgreement.toFixed(3)} over ${s.records} records\n`);
    expect(s.records).toBe(322);
    expect(s.typeAccuracy).toBeGreaterThanOrEqual(0.6);
    const cli = entente(["eval", "--plover-gsr", shared("anchors/PLOVER_GSR_CAMEO.json"), "--json"]);
    expect(JSON.parse(cli.stdout).typeAccuracy).toBeCloseTo(s.typeAccuracy, 10);
  });
});
