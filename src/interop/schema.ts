/**
 * Schemas of the interop mapping tables (`data/interop/*.yaml`): CAMEO event codes → PLOVER
 * type and mode, and the datasets' actor codes → our actor ids. Every row names its code.
 */
import { z } from "zod";

const Arena = z.enum(["political", "economic", "military", "security"]);
const Iso3 = z.string().regex(/^[A-Z]{3}$/, "an ISO 3166-1 alpha-3 code");
const Sector = z.string().regex(/^[A-Z]{3}$/, "a three-letter sector code");

/** One CAMEO code's PLOVER equivalent; `type: null` where PLOVER codes no event. */
export const CameoRow = z.strictObject({
  cameo: z.string().regex(/^(0[1-9]|1\d|20)\d{0,2}$/, "a CAMEO event code (01–20, then up to two digits)"),
  type: z.string().regex(/^[A-Z]+$/).nullable(),
  mode: z.string().regex(/^[a-z-]+$/).optional(),
  arena: z.array(Arena).min(1).optional(),
  polarity: z.enum(["cooperation", "conflict"]).optional(),
  note: z.string().optional(),
});
export type CameoRow = z.infer<typeof CameoRow>;

export const CameoPloverFile = z.strictObject({ kind: z.literal("cameo-plover"), entries: z.array(CameoRow).min(20) });
export type CameoPloverFile = z.infer<typeof CameoPloverFile>;

export const ActorsFile = z.strictObject({
  kind: z.literal("interop-actors"),
  countries: z.array(z.strictObject({ cameo: z.string().regex(/^[A-Z]{3}$/), iso: Iso3, note: z.string().optional() })),
  regions: z.array(z.string().regex(/^[A-Z]{3}$/)),
  roles: z.array(z.strictObject({ cameo: z.string().regex(/^[A-Z]{3}$/), sector: Sector, state: z.boolean(), note: z.string().optional() })),
  icewsSectors: z.array(z.strictObject({ icews: z.string().min(1), sector: Sector })),
  icewsCountries: z.array(z.strictObject({ name: z.string().min(1), iso: Iso3 })),
  datasets: z.partialRecord(z.enum(["gdelt1", "gdelt2", "gdelt2-mentions", "icews", "polecat", "plover"]), z.strictObject({ confidence: z.number().gt(0).max(1) })),
});
export type ActorsFile = z.infer<typeof ActorsFile>;
