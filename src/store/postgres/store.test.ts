import { afterAll, describe, expect, it } from "vitest";
import { sampleCluster, sampleOutput, sampleReport, storeContract } from "../contract.suite.js";
import { PG_SKIP, PG_URL, pgSchemas } from "../../test-support/pg.js";
import { PostgresStore, isPostgresUrl, numbered, redactUrl } from "./store.js";

describe("PostgreSQL helpers", () => {
  it.each([
    ["postgres://u:secret@db.example:5432/entente", true, "postgres://u@db.example:5432/entente"],
    ["postgresql://localhost/x?sslmode=require", true, "postgresql://localhost/x"],
    ["POSTGRES://h/d", true, "postgres://h/d"],
    ["entente.db", false, null],
    ["./postgres://x", false, null],
  ])("%s", (url, pgUrl, redacted) => {
    expect(isPostgresUrl(url)).toBe(pgUrl);
    if (redacted) expect(redactUrl(url)).toBe(redacted);
  });
  it("numbers placeholders", () => expect(numbered("a = ? AND (b = ? OR c = ?)")).toBe("a = $1 AND (b = $2 OR c = $3)"));
});

describe.skipIf(!PG_URL)(`PostgreSQL store${PG_SKIP}`, () => {
  const url = PG_URL!;
  const schemas = pgSchemas(url);
  afterAll(() => schemas.dropAll());

  storeContract("PostgreSQL", async () => PostgresStore.open(url, { schema: (await schemas.create()).schema }));

  describe("PostgresStore specifics", () => {
    it("migrates once when two processes open a new schema together", async () => {
      const { schema } = await schemas.create();
      const [a, b] = await Promise.all([PostgresStore.open(url, { schema }), PostgresStore.open(url, { schema })]);
      await Promise.all([a.putAnalysis(sampleOutput()), b.putAnalysis(sampleOutput())]);
      expect((await a.counts()).documents).toBe(2);
      await Promise.all([a.close(), b.close()]);
      const again = await PostgresStore.open(url, { schema });
      expect((await again.counts()).documents).toBe(2);
      await again.close();
    });
    it("stores a document once when writers race for it", async () => {
      const { schema } = await schemas.create();
      const stores = await Promise.all([1, 2, 3].map(() => PostgresStore.open(url, { schema })));
      const o = sampleOutput();
      const put = await Promise.all(stores.map((s) => s.putAnalysis(o, [sampleReport(o)])));
      expect(put.filter(Boolean)).toHaveLength(1);
      expect(await stores[0]!.counts()).toEqual({ documents: 1, actors: 2, mentions: 2, events: 1 });
      await Promise.all(stores.map((s) => s.close()));
    });
    it("keeps a pair dirty when a report arrives while it is being clustered", async () => {
      const { schema } = await schemas.create();
      const [s, other] = await Promise.all([PostgresStore.open(url, { schema }), PostgresStore.open(url, { schema })]);
      const o1 = sampleOutput();
      await s.putAnalysis(o1, [sampleReport(o1)]);
      const read = await s.pairReports("IRN", "RUS");
      const o2 = sampleOutput();
      await other.putAnalysis(o2, [sampleReport(o2)]); // lands between the read and the write
      await s.replaceClusters("IRN", "RUS", []);
      expect(read).toHaveLength(1);
      expect(await s.dirtyPairs()).toEqual([["IRN", "RUS"]]);
      // a write from an older read than the stored clusters' is dropped
      expect(await s.pairReports("IRN", "RUS")).toHaveLength(2);
      const o3 = sampleOutput();
      await other.putAnalysis(o3, [sampleReport(o3)]);
      expect(await other.pairReports("IRN", "RUS")).toHaveLength(3);
      await other.replaceClusters("IRN", "RUS", [sampleCluster({ id: "newer" })]);
      await s.replaceClusters("IRN", "RUS", [sampleCluster({ id: "older" })]);
      expect((await s.clusters({ pair: ["IRN", "RUS"] })).map((c) => c.id)).toEqual(["newer"]);
      expect(await s.dirtyPairs()).toEqual([]);
      await Promise.all([s.close(), other.close()]);
    });
    it("refuses an unreachable server with a one-line message and no password", async () => {
      const bad = "postgres://someone:hunter2@127.0.0.1:1/nothing";
      const err = await PostgresStore.open(bad).then(
        () => null,
        (e: unknown) => e as Error & { oneLine(): string },
      );
      expect(err?.oneLine()).toMatch(/^postgres:\/\/someone@127\.0\.0\.1:1\/nothing: cannot use the PostgreSQL store \(.*ECONNREFUSED/);
      expect(err?.oneLine()).not.toContain("hunter2");
    });
    it("snippets the match in «»", async () => {
      const s = await PostgresStore.open(url, { schema: (await schemas.create()).schema });
      await s.putAnalysis(sampleOutput("Officials met in Ankara. Later that week Beijing and Moscow held naval drills near the coast, and both sides said more would follow."));
      const [hit] = await s.search("NAVAL drills");
      expect(hit!.snippet).toContain("«naval» «drills»");
      expect(hit!.rank).toBeLessThan(0);
      await s.close();
    });
  });
});
