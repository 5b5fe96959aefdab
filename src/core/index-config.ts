/**
 * The dyad index's weights and thresholds: one schema, one data file (`data/analysis/index.yaml`),
 * overridable by the user's own file. Every figure the analysis prints depends only on these.
 */
import { z } from "zod";

export const IndexConfig = z
  .object({
    /** how much a cluster counts, by the most certain way any report states it */
    modality: z.object({ asserted: z.number().min(0).max(1), reported: z.number().min(0).max(1), expected: z.number().min(0).max(1), desired: z.number().min(0).max(1), hypothetical: z.number().min(0).max(1) }).strict(),
    /** extra weight per doubling of independent sources, and its cap: 1 + perDoubling·log2(n), at most max */
    sources: z.object({ perDoubling: z.number().min(0), max: z.number().min(1) }).strict(),
    /** score = 10·tanh(Σ weight·intensity / scale): the raw sum at which a dyad reaches ±7.6 */
    scale: z.number().positive(),
    /** reports of the same pair, direction, type and polarity within this many days are one happening */
    clusterDays: z.number().int().min(0),
    /** |score| at which a dyad becomes a signed edge of the network */
    edgeThreshold: z.number().min(0).max(10),
    /** |score| under which a dyad with both kinds of events is called mixed */
    mixedBand: z.number().min(0).max(10),
    /** an arena scoring at or below −this while another scores at or above +this is a divergence */
    divergence: z.number().min(0).max(10),
    /** the verdict's words: |score| thresholds for "strong" and "moderate" */
    strong: z.number().min(0).max(10),
    moderate: z.number().min(0).max(10),
    /** |asymmetry| (−1…+1) above which a relationship is called one-sided */
    oneSided: z.number().min(0).max(1),
  })
  .strict()
  .refine((c) => c.modality.asserted >= c.modality.reported && c.modality.reported >= c.modality.hypothetical && c.modality.expected >= c.modality.hypothetical && c.modality.desired >= c.modality.hypothetical, {
    message: "modality weights must keep asserted ≥ reported ≥ hypothetical and expected, desired ≥ hypothetical",
  });
export type IndexConfig = z.infer<typeof IndexConfig>;
