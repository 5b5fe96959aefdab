/**
 * The structural priors a brief on one pair needs, read from the store and indexed once: the
 * pair's UN votes, its ATOP rows in both directions, each side's arms imports from every
 * supplier (the denominator of arms dependence), the pair's COW trade and both sides' totals.
 * Undefined when the store holds no priors, so briefs without them are unchanged.
 */
import { indexPriors, type PriorIndex } from "../analysis/structural.js";
import type { StructuralConfig } from "../core/structural-config.js";
import type { EventStore } from "../store/contract.js";

export async function priorsFor(store: EventStore, a: string, b: string, config: StructuralConfig): Promise<{ index: PriorIndex; config: StructuralConfig } | undefined> {
  const datasets = (await store.priorDatasets()).filter((d) => d.rows > 0);
  if (!datasets.length) return undefined;
  const [votes, atop, armsA, armsB, trade, totals] = await Promise.all([
    store.unVotes({ states: [a, b] }),
    store.atopObligations({ pair: [a, b] }),
    store.armsTransfers({ recipient: a }),
    store.armsTransfers({ recipient: b }),
    store.dyadTrade({ pair: [a, b] }),
    store.nationalTrade({ states: [a, b] }),
  ]);
  // a dataset covers every year it has rows for any pair: a covered year with no row for this
  // pair means no alliance (ATOP) or no arms deliveries (SIPRI), not a missing figure
  const span = (kind: string): [number, number] | undefined => {
    const d = datasets.find((x) => x.kind === kind && x.from !== null && x.to !== null);
    return d ? [d.from!, d.to!] : undefined;
  };
  const index = indexPriors({ votes, atop, arms: [...armsA, ...armsB], trade, totals, covered: { atop: span("atop"), arms: span("sipri") } });
  return { index, config };
}
