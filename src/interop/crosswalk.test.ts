import { describe, expect, it } from "vitest";
import { DataError } from "../core/errors.js";
import { compileCrosswalk, loadCrosswalk, type CrosswalkFile, type Mapped } from "./crosswalk.js";

const cw = loadCrosswalk();
const iso = (m: Mapped) => ("iso" in m ? m.iso : m.reason);

describe("COW → ISO alpha-3 (our data/interop/cow-iso3.yaml)", () => {
  it.each([
    // [COW, year, expected ISO or the reason it does not map]
    [2, 2019, "USA"],
    [630, 1950, "IRN"],
    [365, 1980, "RUS"], // the USSR: documented as RUS in every year
    [365, 2016, "RUS"],
    [260, 1960, "DEU"], // West Germany
    [260, 1990, "DEU"],
    [255, 1991, "DEU"],
    [255, 1900, "DEU"],
    [265, 1980, "DDR"],
    [345, 1980, "YUG"], // documented choice: YUG to 2002, SCG 2003–2005, SRB from 2006
    [345, 2004, "SCG"],
    [345, 2006, "SRB"],
    [345, 1900, "SRB"],
    [315, 1985, "CSK"],
    [316, 1993, "CZE"],
    [678, 1985, "YEM"],
    [679, 1995, "YEM"],
    [680, 1985, "YMD"],
    [347, 2010, "XKX"],
    [713, 2000, "TWN"],
    // must not match
    [260, 1995, "out-of-range"], // no West Germany after unification
    [260, 1930, "out-of-range"],
    [255, 1960, "out-of-range"], // COW's 255 in the divided years is not a state
    [265, 1995, "out-of-range"],
    [680, 1995, "out-of-range"],
    [315, 1995, "out-of-range"],
    [316, 1990, "out-of-range"],
    [817, 1970, "no-iso"], // South Vietnam: no ISO code, never mapped to VNM
    [245, 1850, "no-iso"], // Bavaria
    [300, 1900, "no-iso"], // Austria-Hungary is not AUT
    [511, 1963, "no-iso"],
    [999, 2000, "unknown-code"],
    [0, 2000, "unknown-code"],
  ])("COW %i in %i → %s", (code, year, want) => {
    expect(iso(cw.cow(code, year))).toBe(want);
  });
  it("marks the transition years two codes share, and only those", () => {
    expect(cw.contested("DEU", 1990)).toBe(true);
    expect(cw.contested("YEM", 1990)).toBe(true);
    expect(cw.contested("DEU", 1991)).toBe(false);
    expect(cw.contested("DEU", 1989)).toBe(false);
    expect(cw.contested("RUS", 1991)).toBe(false);
  });
});

describe("UN votes' alpha-2 codes → ISO alpha-3", () => {
  it.each([
    ["RU", "Russia", 1960, "RUS"],
    ["IR", "Iran", 2019, "IRN"],
    ["US", "United States", 2019, "USA"],
    ["TW", "Taiwan", 1960, "TWN"],
    ["CS", "Czechoslovakia", 1980, "CSK"],
    ["DD", "German Democratic Republic", 1980, "DDR"],
    ["YD", "Yemen People's Republic", 1980, "YMD"],
    ["YU", "Yugoslavia", 1980, "YUG"],
    ["YU", "Serbia", 2010, "SRB"],
    ["", "Federal Republic of Germany", 1980, "DEU"],
    ["", "Yemen Arab Republic", 1980, "YEM"],
    // must not match
    ["", "Zanzibar", 1963, "no-iso"],
    ["", "Atlantis", 1963, "unknown-code"],
    ["CS", "Czechoslovakia", 1995, "out-of-range"],
    ["XX", "Nowhere", 2000, "unknown-code"],
    ["usa", "United States", 2000, "unknown-code"],
  ])("%s (%s) in %i → %s", (code, name, year, want) => {
    expect(iso(cw.un(code, name, year))).toBe(want);
  });
});

describe("the crosswalk's checks", () => {
  const base = (over: Partial<CrosswalkFile>): CrosswalkFile => ({ kind: "cow-iso3", historic: [], cow: [], noIso: [], alpha2: [], names: [], ...over });
  it.each([
    ["overlapping years of one code", base({ cow: [{ cow: 2, iso: "USA", name: "a" }, { cow: 2, iso: "USA", name: "b", from: 1900 }] }), /listed twice for overlapping years/],
    ["an ISO code that does not exist", base({ cow: [{ cow: 2, iso: "QQQ", name: "a" }] }), /QQQ is neither/],
    ["two codes sharing an ISO code for years", base({ cow: [{ cow: 255, iso: "DEU", name: "a" }, { cow: 260, iso: "DEU", name: "b", from: 1949, to: 1990 }] }), /only a transition year/],
    ["from after to", base({ cow: [{ cow: 2, iso: "USA", name: "a", from: 2000, to: 1990 }] }), /is after/],
  ])("refuses %s", (_what, data, msg) => {
    expect(() => compileCrosswalk(data)).toThrow(DataError);
    expect(() => compileCrosswalk(data)).toThrow(msg);
  });
  it("accepts a historic code only when listed", () => {
    expect(() => compileCrosswalk(base({ cow: [{ cow: 315, iso: "CSK", name: "Czechoslovakia" }] }))).toThrow(/CSK is neither/);
    expect(iso(compileCrosswalk(base({ historic: ["CSK"], cow: [{ cow: 315, iso: "CSK", name: "Czechoslovakia" }] })).cow(315, 1980))).toBe("CSK");
  });
});
