import { afterEach, describe, expect, it, vi } from "vitest";
import { dbOption, requireStore } from "./store.js";

describe("--db", () => {
  afterEach(() => vi.unstubAllEnvs());
  it.each([
    [undefined, "entente.db", "entente.db"],
    ["postgres://u:secret@db.example/entente", "postgres://u:secret@db.example/entente", "postgres://u@db.example/entente"],
  ])("DATABASE_URL=%s gives the default %s, shown without a password", (env, value, shown) => {
    if (env) vi.stubEnv("DATABASE_URL", env);
    else vi.stubEnv("DATABASE_URL", "");
    const o = dbOption();
    expect(o.defaultValue).toBe(value);
    expect(o.defaultValueDescription ?? o.defaultValue).toBe(shown);
  });
  it.each([
    ["no-such-file.db", true],
    ["postgres://localhost/entente", false],
    ["postgresql://u@h:5433/x", false],
  ])("requireStore(%s) refuses a missing file, not a server", (db, throws) => {
    if (throws) expect(() => requireStore(db)).toThrow(/no-such-file\.db|no such database/);
    else expect(() => requireStore(db)).not.toThrow();
  });
});
