/**
 * The measures on the real datasets in ../shared/priors (read here only, never copied into the
 * repo), against the sanity figures in its README. Skips with a message where it is absent.
 */
import { existsSync, readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import type { AtopObligation, UnVote, UnVoteChoice } from "../core/priors.js";
import { shared } from "../test-support/shared.js";
import { atopLevel, unAgreement, unAgreementTable } from "./structural.js";

const DIR = shared("priors");
const HAS = existsSync(`${DIR}/un_votes.csv.gz`) && existsSync(`${DIR}/atop_alliance.csv.gz`);
const SKIP = `${DIR} (UN votes, ATOP) is absent: skipping the structural measures on real data`;
if (!HAS) process.stderr.write(`note: ${SKIP}\n`);

describe.skipIf(!HAS)("structural measures on the shared priors", () => {
  it("Iran–Russia UN agreement 2019 is 57/83, as the README's sanity check says", () => {
    const years = new Map<number, number>();
    for (const m of readFileSync(`${DIR}/un_roll_calls.csv`, "utf8").matchAll(/^(\d+),[^,\n]*,[^,\n]*,"(\d{4})-/gm)) years.set(Number(m[1]), Number(m[2]));
    const votes: UnVote[] = [];
    const text = gunzipSync(readFileSync(`${DIR}/un_votes.csv.gz`)).toString("utf8");
    for (const m of text.matchAll(/^(\d+),"[^"\n]*","([A-Z]{2})","(yes|no|abstain)"$/gm)) {
      const year = years.get(Number(m[1]));
      if (year === 2019) votes.push({ rcid: Number(m[1]), year, state: m[2]!, vote: m[3] as UnVoteChoice });
    }
    const u = unAgreement(votes, "IR", "RU", 2019);
    // the whole year's table (every pair of ~190 states) gives the same figures for the pair
    const all = unAgreementTable(votes, 2019);
    expect(all.length).toBeGreaterThan(15_000);
    expect(all.find((x) => x.a === "IR" && x.b === "RU")).toEqual(u);
    expect([u.agreements, u.n]).toEqual([57, 83]);
    expect(u.share).toBe(0.6867);
    // chance-corrected agreement is lower than the raw share (most UN votes are "yes")
    expect(u.pi!).toBeLessThan(u.share!);
    expect(u.kappa!).toBeLessThan(u.share!);
  });
  it("Iran–Russia ATOP 2018: neutrality, non-aggression and consultation both ways, no defence pledge", () => {
    const rows: AtopObligation[] = [];
    const text = gunzipSync(readFileSync(`${DIR}/atop_alliance.csv.gz`)).toString("utf8");
    for (const m of text.matchAll(/^(630,365|365,630),(\d+),([01]),([01]),([01]),([01]),([01])$/gm)) {
      const [from, to] = m[1]!.split(",").map((c) => (c === "630" ? "IRN" : "RUS"));
      rows.push({ from: from!, to: to!, year: Number(m[2]), defense: m[3] === "1", offense: m[4] === "1", neutrality: m[5] === "1", nonAggression: m[6] === "1", consultation: m[7] === "1" });
    }
    for (const [a, b] of [["IRN", "RUS"], ["RUS", "IRN"]] as const) expect(atopLevel(rows, a, b, 2018)).toMatchObject({ level: 3, obligations: ["neutrality", "nonAggression", "consultation"] });
    expect(atopLevel(rows, "IRN", "RUS", 1943).level).toBeGreaterThanOrEqual(1);
    expect(atopLevel(rows, "IRN", "RUS", 1950).level).toBe(0);
  });
});
