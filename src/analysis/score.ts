/**
 * Scores an `entente/1` output against an `entente-gold/1` file, counting matches exactly as
 * docs/FORMAT.md (and the project's reference scorer) define them: evidence containment,
 * participants, polarity; a one-to-one assignment; optional gold events neither count nor cost.
 */
import { z } from "zod";
import type { EntenteOutput, OutActor, OutEvent } from "../core/output.js";

const oneOrMany = <T extends z.ZodType>(t: T) => z.union([t, z.array(t)]);

export const GoldSchema = z.object({
  format: z.literal("entente-gold/1"),
  document: z.looseObject({ text: z.string(), title: z.string().optional(), author: z.string().optional(), published: z.string().optional() }),
  actors: z
    .array(
      z.looseObject({
        key: z.string(),
        type: z.string().optional(),
        names: z.array(z.string()).optional(),
        country: z.string().optional(),
        optional: z.boolean().optional(),
      }),
    )
    .default([]),
  events: z
    .array(
      z.looseObject({
        id: z.string(),
        evidence: z.string(),
        source: oneOrMany(z.string()),
        target: oneOrMany(z.string()),
        mutual: z.boolean().optional(),
        polarity: z.enum(["cooperation", "conflict"]),
        arena: oneOrMany(z.string()).optional(),
        modality: oneOrMany(z.string()).optional(),
        attributedTo: oneOrMany(z.string().nullable()).nullable().optional(),
        date: z.looseObject({ from: z.string(), to: z.string().optional() }).optional(),
        optional: z.boolean().optional(),
        fragility: z.boolean().optional(),
        hedging: z.boolean().optional(),
      }),
    )
    .default([]),
  dyads: z.array(z.looseObject({ pair: z.tuple([z.string(), z.string()]), polarity: z.string(), minFragilitySignals: z.number().optional() })).default([]),
  triads: z.array(z.looseObject({ members: z.array(z.string()), balanced: z.boolean(), against: z.string().optional() })).default([]),
});
export type Gold = z.infer<typeof GoldSchema>;
type GoldEvent = Gold["events"][number];

export interface Score {
  actors: { recall: number; missed: string[] };
  events: { gold: number; system: number; judged: number; recall: number; precision: number; f1: number; missed: string[]; falsePositives: string[] };
  attributes: { arena: number; modality: number; attribution: number };
  date: number | null;
  dyads: { ok: number; of: number; checks: { pair: string; found: boolean; polarity: boolean; fragility: boolean }[] };
}

/** Lower case, no white space, typographic quotes and dashes folded. */
export function squash(s: unknown): string {
  return String(s ?? "")
    .toLowerCase()
    .replace(/[\u2018\u2019\u201a\u201b\u2032]/g, "'")
    .replace(/[\u201c\u201d\u201e\u2033]/g, '"')
    .replace(/[\u2010-\u2015]/g, "-")
    .replace(/\s+/g, "");
}

function asList<T>(v: T | T[] | undefined): T[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

/** Scores `out` against `gold`. */
export function scoreOutput(gold: Gold, out: Pick<EntenteOutput, "actors" | "events" | "dyads">): Score {
  const goldActors = gold.actors;
  const nameToKey = new Map<string, string>();
  for (const a of goldActors) {
    nameToKey.set(squash(a.key), a.key);
    for (const n of a.names ?? []) nameToKey.set(squash(n), a.key);
  }
  const keyCountry = new Map(goldActors.map((a) => [a.key, a.country ?? a.key]));
  const sysActors = new Map<string, OutActor>();
  for (const a of out.actors ?? []) sysActors.set(a.id, a);

  const keyCache = new Map<string, Set<string>>();
  const keysOf = (id: string): Set<string> => {
    const hit = keyCache.get(id);
    if (hit) return hit;
    const keys = new Set<string>();
    const a = sysActors.get(id);
    const cands = a ? [a.id, a.name, a.country, a.code, ...(a.aliases ?? [])] : [id];
    for (const c of cands) {
      if (!c) continue;
      const k = nameToKey.get(squash(c));
      if (k) keys.add(k);
    }
    if (a?.country) keys.add(String(a.country).toUpperCase());
    if (a?.code && /^[A-Z]{3}/.test(a.code)) keys.add(a.code.slice(0, 3));
    for (const k of [...keys]) if (keyCountry.has(k)) keys.add(keyCountry.get(k)!);
    keyCache.set(id, keys);
    return keys;
  };
  const setOf = (ids: string | string[] | undefined) => {
    const s = new Set<string>();
    for (const id of asList(ids)) for (const k of keysOf(id)) s.add(k);
    return s;
  };

  const foundKeys = new Set<string>();
  for (const a of out.actors ?? []) for (const k of keysOf(a.id)) foundKeys.add(k);
  const coreActors = goldActors.filter((a) => !a.optional);
  const actorHits = coreActors.filter((a) => foundKeys.has(a.key));
  const actorMiss = coreActors.filter((a) => !foundKeys.has(a.key)).map((a) => a.key);

  const sysEvents = (out.events ?? []).filter((e) => e && e.evidence);
  const evText = (e: OutEvent) => squash(e.evidence?.text ?? e.evidence);
  const overlapsEvidence = (g: GoldEvent, s: OutEvent) => {
    const ev = evText(s);
    return ev.length > 0 && ev.length <= 700 && ev.includes(squash(g.evidence));
  };
  const participantsMatch = (g: GoldEvent, s: OutEvent) => {
    const gs = asList(g.source);
    const gt = asList(g.target);
    const ss = setOf(s.source);
    const st = setOf(s.target);
    if (g.mutual) {
      const all = new Set([...ss, ...st]);
      const want = new Set([...gs, ...gt]);
      const hit = [...want].filter((k) => all.has(k)).length;
      return hit >= Math.min(2, want.size);
    }
    return gs.some((k) => ss.has(k)) && gt.some((k) => st.has(k));
  };
  const attributionOk = (g: GoldEvent, s: OutEvent) => {
    const want = asList(g.attributedTo === undefined ? null : g.attributedTo);
    const got = s.attributedTo ?? null;
    if (got === null) return want.includes(null);
    const k = keysOf(Array.isArray(got) ? String(got[0]) : got);
    return want.some((w) => w !== null && k.has(w));
  };
  const matches = (g: GoldEvent, s: OutEvent) => overlapsEvidence(g, s) && participantsMatch(g, s) && s.polarity === g.polarity;
  const agree = (g: GoldEvent, s: OutEvent) =>
    (asList(g.arena).some((a) => (asList(s.arena) as string[]).includes(a)) ? 1 : 0) +
    (asList(g.modality).includes(s.modality) ? 1 : 0) +
    (attributionOk(g, s) ? 1 : 0);

  const goldEvents = gold.events;
  const core = goldEvents.filter((g) => !g.optional);
  const cands = goldEvents.map((g) =>
    sysEvents
      .map((s, si) => (matches(g, s) ? si : -1))
      .filter((si) => si >= 0)
      .sort((a, b) => agree(g, sysEvents[b]!) - agree(g, sysEvents[a]!) || evText(sysEvents[a]!).length - evText(sysEvents[b]!).length),
  );
  // maximum bipartite matching; core gold events are tried first and keep their partners
  const owner = new Map<number, number>();
  const tryGold = (gi: number, seen: Set<number>): boolean => {
    for (const si of cands[gi]!) {
      if (seen.has(si)) continue;
      seen.add(si);
      if (!owner.has(si) || tryGold(owner.get(si)!, seen)) {
        owner.set(si, gi);
        return true;
      }
    }
    return false;
  };
  const coreIdx = goldEvents.map((_, gi) => gi).filter((gi) => !goldEvents[gi]!.optional);
  const optIdx = goldEvents.map((_, gi) => gi).filter((gi) => goldEvents[gi]!.optional);
  for (const gi of [...coreIdx, ...optIdx]) tryGold(gi, new Set());
  const coreOwner = new Map([...owner].filter(([, gi]) => !goldEvents[gi]!.optional));
  const optOwner = new Map([...owner].filter(([, gi]) => goldEvents[gi]!.optional));
  const hitOf = new Map<number, OutEvent>();
  for (const [si, gi] of coreOwner) hitOf.set(gi, sysEvents[si]!);
  const tp = goldEvents.map((g, gi) => ({ g, hit: hitOf.get(gi) })).filter((p) => !p.g.optional && p.hit);
  const missed = goldEvents.filter((g, gi) => !g.optional && !hitOf.has(gi)).map((g) => g.id);
  const neutral = optOwner.size;
  const fps = sysEvents.filter((_, si) => !coreOwner.has(si) && !optOwner.has(si));
  const recall = core.length ? tp.length / core.length : 0;
  const judged = sysEvents.length - neutral;
  const precision = judged ? coreOwner.size / judged : 0;
  const f1 = recall + precision ? (2 * recall * precision) / (recall + precision) : 0;

  const acc = (ok: (g: GoldEvent, s: OutEvent) => boolean) => (tp.length ? tp.filter((p) => ok(p.g, p.hit!)).length / tp.length : 0);
  const dated = tp.filter((p) => p.g.date);
  const dateAcc = dated.length
    ? dated.filter((p) => {
        const d = p.hit!.date as unknown as { from?: string; start?: string } | string | null;
        const f = String((typeof d === "object" && d ? (d.from ?? d.start) : d) ?? "");
        return f.startsWith(p.g.date!.from.slice(0, 7)) || f.startsWith(p.g.date!.from.slice(0, 4));
      }).length / dated.length
    : null;

  const checks = gold.dyads.map((d) => {
    const [a, b] = d.pair;
    const sd = (out.dyads ?? []).find((x) => {
      const p = asList(x.pair).flatMap((id) => [...keysOf(id)]);
      return p.includes(a) && p.includes(b);
    });
    const polarity = !!sd && (sd.polarity === d.polarity || (d.polarity === "cooperation" ? sd.score > 0 : sd.score < 0));
    const fragility = d.minFragilitySignals ? !!sd && asList(sd.fragility).length >= d.minFragilitySignals : true;
    return { pair: `${a}-${b}`, found: !!sd, polarity, fragility };
  });

  return {
    actors: { recall: actorHits.length / (coreActors.length || 1), missed: actorMiss },
    events: {
      gold: core.length,
      system: sysEvents.length,
      judged,
      recall,
      precision,
      f1,
      missed,
      falsePositives: fps.slice(0, 15).map((s) => `${s.type ?? "?"} ${asList(s.source).join("+")}->${asList(s.target).join("+")} ${s.polarity}: ${String(s.evidence?.text ?? "").slice(0, 90)}`),
    },
    attributes: {
      arena: acc((g, s) => asList(g.arena).some((a) => (asList(s.arena) as string[]).includes(a))),
      modality: acc((g, s) => asList(g.modality).includes(s.modality)),
      attribution: acc(attributionOk),
    },
    date: dateAcc,
    dyads: { ok: checks.filter((d) => d.found && d.polarity && d.fragility).length, of: checks.length, checks },
  };
}

/** The scorer's text report, line for line as the reference scorer prints it. */
export function formatScore(r: Score): string {
  const pc = (x: number | null) => (x === null ? "n/a" : (100 * x).toFixed(0) + "%");
  const lines = [
    `actors recall ${pc(r.actors.recall)} missed: ${r.actors.missed.join(" ") || "-"}`,
    `events gold ${r.events.gold} system ${r.events.system}  R ${pc(r.events.recall)} P ${pc(r.events.precision)} F1 ${pc(r.events.f1)}`,
    `missed: ${r.events.missed.join(" ") || "-"}`,
    ...r.events.falsePositives.map((f) => `  FP ${f}`),
    `arena ${pc(r.attributes.arena)} modality ${pc(r.attributes.modality)} attribution ${pc(r.attributes.attribution)} date ${pc(r.date)}`,
    `dyads ${r.dyads.ok}/${r.dyads.of} ${r.dyads.checks.map((d) => `${d.pair}:${d.found ? (d.polarity ? "ok" : "pol") : "none"}${d.fragility ? "" : "/frag"}`).join(" ")}`,
    `SCORE F1=${r.events.f1.toFixed(3)} R=${r.events.recall.toFixed(3)} P=${r.events.precision.toFixed(3)} actors=${r.actors.recall.toFixed(3)} attr=${r.attributes.attribution.toFixed(3)} mod=${r.attributes.modality.toFixed(3)} dyads=${r.dyads.ok}/${r.dyads.of}`,
  ];
  return lines.join("\n");
}
