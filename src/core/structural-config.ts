/**
 * The structural index's weights and thresholds: one schema, one data file
 * (`data/analysis/structural.yaml`), overridable by the user's own file field by field. The
 * measures themselves are defined in `src/analysis/structural.ts` and `docs/STRUCTURAL.md`.
 */
import { z } from "zod";

const weight = z.number().min(0);

export const StructuralConfig = z
  .object({
    un: z
      .object({
        /** which UN voting measure is the UN component: chance-corrected (π, κ, their linear-weighted forms) or the raw share */
        measure: z.enum(["pi", "kappa", "piWeighted", "kappaWeighted", "share"]),
        /** fewer roll calls both states voted on than this: no UN component for that year */
        minVotes: z.number().int().min(1),
      })
      .strict(),
    arms: z
      .object({
        /** years in the window of deliveries ending in the year (SIPRI deliveries are lumpy) */
        windowYears: z.number().int().min(1).max(20),
        /** the earlier window a trend is read against ends this many years before */
        trendLagYears: z.number().int().min(1).max(20),
        /** a change of share (0…1) at least this large reads as rising or falling */
        trendChange: z.number().min(0).max(1),
      })
      .strict(),
    trade: z
      .object({
        /** the weaker-link dependence that maps to the top of the trade component (10) */
        saturation: z.number().positive().max(1),
      })
      .strict(),
    /** each component's weight in the structural index (normalised over the components a dyad-year has) */
    weights: z.object({ un: weight, alliance: weight, arms: weight, trade: weight }).strict(),
    /** a dataset's latest year at or before the asked year is used when no more than this many years older */
    maxLagYears: z.number().int().min(0).max(50),
    divergence: z
      .object({
        /** |event score − structural index| (both −10…+10) at or above which the two diverge */
        threshold: z.number().min(0).max(20),
        /** the event side needs at least this many clusters to be compared at all */
        minClusters: z.number().int().min(1),
      })
      .strict(),
  })
  .strict()
  .refine((c) => c.weights.un + c.weights.alliance + c.weights.arms + c.weights.trade > 0, { message: "at least one structural weight must be above 0" });
export type StructuralConfig = z.infer<typeof StructuralConfig>;
