import { describe, expect, it } from "vitest";
import { isoDay } from "./formats.js";

describe("isoDay", () => {
  it.each([
    ["20190115", "2019-01-15"],
    ["2019-01-15", "2019-01-15"],
    ["20000229", "2000-02-29"],
    ["2024-02-29", "2024-02-29"],
    ["19991231", "1999-12-31"],
    ["2019-04-30", "2019-04-30"],
  ])("reads %j as %j", (s, want) => expect(isoDay(s)).toBe(want));
  it.each([
    ["", "empty"],
    ["2019011", "seven digits"],
    ["201901150", "nine digits"],
    ["2019-1-15", "a one-digit month"],
    ["2019/01/15", "slashes"],
    ["2019-01-1x", "a letter"],
    ["20190015", "month 0"],
    ["20191301", "month 13"],
    ["20190100", "day 0"],
    ["20190431", "31 April"],
    ["19000229", "29 February of a century that is not a leap year"],
    ["20230229", "29 February of a common year"],
    ["2019-01-15T0", "a time after the day"],
    ["-2019-0115", "a sign"],
  ])("refuses %j (%s)", (s) => expect(isoDay(s)).toBeNull());
});
