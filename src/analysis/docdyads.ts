/**
 * A first per-document summary of relationships: dyads between states from the document's
 * events (score, polarity, arenas, fragility and hedging signals) and the triads they form.
 * The weights live here, in one place.
 */
import type { Arena, Modality, OutDyad, OutEvent, OutTriad } from "../core/output.js";

/** How much an event counts, by how certain the text is. */
export const MODALITY_WEIGHT: Readonly<Record<Modality, number>> = { asserted: 1, reported: 0.7, expected: 0.6, desired: 0.5, hypothetical: 0.3 };
/** Dyads whose score is within this band of zero, with events of both signs, are "mixed". */
export const MIXED_BAND = 0.5;
/** |score| needed for a dyad to count as a signed edge in a triad. */
export const TRIAD_THRESHOLD = 0.5;

const HEDGE_CUES = /\b(as well|also|too|increasingly|turn(?:s|ed|ing)? to|closer|alternative|hedg\w*|diversif\w*|pivot\w*)\b/i;

/** States of an event side, rolled up from officials, governments and militaries. */
function statesOf(ids: readonly string[], countryOf: (id: string) => string | null): string[] {
  return [...new Set(ids.map(countryOf).filter((c): c is string => !!c))];
}

export function documentDyads(events: readonly OutEvent[], countryOf: (id: string) => string | null, isState: (iso: string) => boolean): { dyads: OutDyad[]; triads: OutTriad[]; hedging: Set<string> } {
  interface Acc {
    pair: [string, string];
    sum: number;
    weight: number;
    arenas: Map<Arena, { sum: number; weight: number }>;
    events: string[];
    fragility: string[];
    conflicts: string[];
    coop: number;
    conf: number;
  }
  const acc = new Map<string, Acc>();
  const pairsOf = (e: OutEvent): [string, string][] => {
    const s = statesOf(e.source, countryOf).filter(isState);
    const t = statesOf(e.target, countryOf).filter(isState);
    const out: [string, string][] = [];
    const add = (a: string, b: string) => {
      if (a !== b && !out.some(([x, y]) => (x === a && y === b) || (x === b && y === a))) out.push(a < b ? [a, b] : [b, a]);
    };
    if (e.mutual) {
      const all = [...new Set([...s, ...t])];
      for (let i = 0; i < all.length; i++) for (let j = i + 1; j < all.length; j++) add(all[i]!, all[j]!);
    } else for (const a of s) for (const b of t) add(a, b);
    return out;
  };
  for (const e of events) {
    const w = MODALITY_WEIGHT[e.modality] * e.confidence;
    for (const pair of pairsOf(e)) {
      const key = pair.join("|");
      let a = acc.get(key);
      if (!a) acc.set(key, (a = { pair, sum: 0, weight: 0, arenas: new Map(), events: [], fragility: [], conflicts: [], coop: 0, conf: 0 }));
      a.sum += w * e.intensity;
      a.weight += w;
      for (const ar of e.arena) {
        const x = a.arenas.get(ar) ?? { sum: 0, weight: 0 };
        x.sum += w * e.intensity;
        x.weight += w;
        a.arenas.set(ar, x);
      }
      a.events.push(e.id);
      if (e.fragility) a.fragility.push(e.id);
      if (e.polarity === "conflict") (a.conflicts.push(e.id), a.conf++);
      else a.coop++;
    }
  }
  const dyads: OutDyad[] = [];
  for (const a of acc.values()) {
    const score = Math.max(-10, Math.min(10, a.weight ? a.sum / a.weight : 0));
    const polarity = Math.abs(score) < MIXED_BAND && a.coop && a.conf ? "mixed" : score >= 0 ? "cooperation" : "conflict";
    // in a cooperative dyad, conflict between the same two states is itself a sign of fragility
    const fragility = polarity === "cooperation" ? [...new Set([...a.fragility, ...a.conflicts])] : a.fragility;
    const arenas: Partial<Record<Arena, number>> = {};
    for (const [ar, x] of a.arenas) arenas[ar] = Math.round((x.sum / x.weight) * 100) / 100;
    dyads.push({ pair: a.pair, score: Math.round(score * 100) / 100, polarity, arenas, fragility, hedging: [], events: a.events });
  }
  // hedging: a state of the strongest cooperative dyad cooperating with a third state, with a cue
  const hedging = new Set<string>();
  const top = [...dyads].filter((d) => d.polarity === "cooperation").sort((x, y) => y.events.length * y.score - x.events.length * x.score)[0];
  if (top) {
    for (const e of events) {
      if (e.polarity !== "cooperation") continue;
      const text = e.evidence.text;
      for (const [x, y] of pairsOf(e)) {
        const side = top.pair.includes(x) && !top.pair.includes(y) ? x : top.pair.includes(y) && !top.pair.includes(x) ? y : null;
        if (!side || !HEDGE_CUES.test(text)) continue;
        hedging.add(e.id);
        const d = dyads.find((dd) => dd.pair[0] === (x < y ? x : y) && dd.pair[1] === (x < y ? y : x));
        if (d && !d.hedging.includes(e.id)) d.hedging.push(e.id);
        if (!top.hedging.includes(e.id)) top.hedging.push(e.id);
      }
    }
  }
  return { dyads: dyads.sort((x, y) => y.events.length - x.events.length || x.pair.join().localeCompare(y.pair.join())), triads: triadsOf(dyads), hedging };
}

/** Triangles of signed dyads: balanced when the product of signs is positive. */
export function triadsOf(dyads: readonly OutDyad[]): OutTriad[] {
  const sign = new Map<string, number>();
  for (const d of dyads) if (Math.abs(d.score) >= TRIAD_THRESHOLD) sign.set([...d.pair].sort().join("|"), Math.sign(d.score));
  const get = (a: string, b: string) => sign.get([a, b].sort().join("|"));
  const nodes = [...new Set(dyads.flatMap((d) => d.pair))].sort();
  const out: OutTriad[] = [];
  for (let i = 0; i < nodes.length; i++)
    for (let j = i + 1; j < nodes.length; j++)
      for (let k = j + 1; k < nodes.length; k++) {
        const [a, b, c] = [nodes[i]!, nodes[j]!, nodes[k]!];
        const s1 = get(a, b);
        const s2 = get(b, c);
        const s3 = get(a, c);
        if (s1 === undefined || s2 === undefined || s3 === undefined) continue;
        const against = nodes.find((d) => d !== a && d !== b && d !== c && [a, b, c].every((x) => get(x, d) === -1)) ?? null;
        out.push({ members: [a, b, c], signs: [s1, s2, s3], balanced: s1 * s2 * s3 > 0, against });
      }
  return out;
}
