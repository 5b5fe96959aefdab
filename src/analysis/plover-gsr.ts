/**
 * Scoring against PLOVER's gold standard records (PLOVER_GSR_CAMEO): each record is one sentence
 * with its event type and actor codes. Older labels are mapped to PLOVER v0.8 (DEMAND → REQUEST,
 * FIGHT → ASSAULT, DISAPPROVE and INVESTIGATE → ACCUSE), and Entente's extensions to the
 * nearest v0.8 type (ALIGN → SUPPORT, DISTRUST → ACCUSE).
 */
import type { Modality } from "../core/output.js";

/** What the scorer needs of one coded event. */
export interface GsrEvent {
  type: string;
  modality: Modality;
  polarity: "cooperation" | "conflict";
  source: readonly string[];
  target: readonly string[];
  mutual: boolean;
  trigger: string;
}

export interface GsrCoded {
  events: readonly GsrEvent[];
  country(id: string): string;
}

export interface GsrRecord {
  id: string;
  event: string;
  mode?: string;
  text?: string;
  eventText?: string;
  source?: { code?: string; actorText?: string }[];
  target?: { code?: string; actorText?: string }[];
}

export const OLD_TO_V08: Readonly<Record<string, string>> = { DEMAND: "REQUEST", FIGHT: "ASSAULT", DISAPPROVE: "ACCUSE", INVESTIGATE: "ACCUSE" };
export const EXTENSION_TO_V08: Readonly<Record<string, string>> = { ALIGN: "SUPPORT", DISTRUST: "ACCUSE" };

export interface GsrScore {
  records: number;
  coded: number;
  typeAccuracy: number;
  sourceAgreement: number;
  targetAgreement: number;
  byType: Record<string, { n: number; correct: number }>;
  confusions: Record<string, number>;
}

const v08 = (t: string) => OLD_TO_V08[t] ?? EXTENSION_TO_V08[t] ?? t;
const MATERIAL_COOPERATION = new Set(["COOPERATE", "AID", "RETREAT"]);
const MATERIAL_CONFLICT = new Set(["ASSAULT", "COERCE", "SANCTION", "MOBILIZE"]);

/**
 * PLOVER codes a promise of material cooperation as AGREE and a threatened act of force as
 * THREATEN ("the coder should return the single event category"); Entente keeps the act and its
 * modality, so the comparison folds them back.
 */
export function ploverType(e: Pick<GsrEvent, "type" | "modality">): string {
  const t = v08(e.type);
  if ((e.modality === "expected" || e.modality === "desired") && MATERIAL_COOPERATION.has(t)) return "AGREE";
  if (e.modality !== "asserted" && e.modality !== "reported" && MATERIAL_CONFLICT.has(t)) return "THREATEN";
  return t;
}

/**
 * Scores analyses of the records' sentences. `analyze` returns the entente/1 output of one
 * sentence. The event scored for a record is the one whose trigger words the record's
 * `eventText` names, else the first one.
 */
export function scorePloverGsr(records: readonly GsrRecord[], analyze: (text: string) => GsrCoded): GsrScore {
  const rs = records.filter((r) => r.text && r.event !== "DOCUMENT");
  const byType: GsrScore["byType"] = {};
  const confusions: Record<string, number> = {};
  let correct = 0;
  let coded = 0;
  let srcOk = 0;
  let srcN = 0;
  let tgtOk = 0;
  let tgtN = 0;
  for (const r of rs) {
    const want = v08(r.event);
    const o = analyze(r.text!);
    const cue = (r.eventText ?? "").toLowerCase().split(/\s+/).filter(Boolean);
    const ev = o.events.find((e) => triggerHas(e, cue)) ?? o.events.find((e) => e.source.length && e.target.length) ?? o.events[0];
    const got = ev ? ploverType(ev) : "NONE";
    const b = (byType[want] ??= { n: 0, correct: 0 });
    b.n++;
    if (ev) coded++;
    if (got === want) {
      correct++;
      b.correct++;
    } else confusions[`${want}→${got}`] = (confusions[`${want}→${got}`] ?? 0) + 1;
    if (ev) {
      const country = (id: string) => o.country(id).slice(0, 3);
      const codes = (xs: GsrRecord["source"] | { code?: string }) => new Set((Array.isArray(xs) ? xs : xs ? [xs] : []).map((x) => String(x.code ?? "").slice(0, 3)).filter(Boolean));
      const gs = codes(r.source);
      const gt = codes(r.target);
      const ss = new Set(ev.source.map(country));
      const st = new Set(ev.target.map(country));
      const all = new Set([...ss, ...st]);
      if (gs.size) (srcN++, [...gs].some((c) => (ev.mutual ? all : ss).has(c)) && srcOk++);
      if (gt.size) (tgtN++, [...gt].some((c) => (ev.mutual ? all : st).has(c)) && tgtOk++);
    }
  }
  return {
    records: rs.length,
    coded,
    typeAccuracy: rs.length ? correct / rs.length : 0,
    sourceAgreement: srcN ? srcOk / srcN : 0,
    targetAgreement: tgtN ? tgtOk / tgtN : 0,
    byType,
    confusions,
  };
}

/** Whether an event's trigger word is among the record's event words. */
function triggerHas(e: GsrEvent, cue: readonly string[]): boolean {
  const anchor = e.trigger.toLowerCase();
  if (!anchor) return false;
  return cue.some((w) => anchor.includes(w) || w.includes(anchor.split(" ")[0]!));
}

export function formatGsr(s: GsrScore): string {
  const pc = (x: number) => (100 * x).toFixed(1) + "%";
  const lines = [
    `PLOVER gold records: ${s.records}, coded ${s.coded}`,
    `event-type accuracy ${pc(s.typeAccuracy)}  source agreement ${pc(s.sourceAgreement)}  target agreement ${pc(s.targetAgreement)}`,
    ...Object.entries(s.byType)
      .sort((a, b) => b[1].n - a[1].n)
      .map(([t, b]) => `  ${t.padEnd(10)} ${String(b.correct).padStart(3)}/${String(b.n).padEnd(3)} ${pc(b.n ? b.correct / b.n : 0)}`),
    `most frequent confusions: ${Object.entries(s.confusions)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 8)
      .map(([k, n]) => `${k} ${n}`)
      .join(", ")}`,
  ];
  return lines.join("\n");
}
