import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["packages/*/src/**/*.test.ts", "packages/*/test/**/*.test.ts"],
    // End-to-end tests spawn real processes and real esbuild builds; two cores are shared.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
