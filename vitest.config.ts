import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    env: { TZ: "UTC" },
    reporters: ["default", ["json", { outputFile: "test-artifacts/vitest.json" }]],
    // CLI tests spawn processes and build databases; two files at a time suits a 2-core machine
    maxWorkers: 2,
  },
});
