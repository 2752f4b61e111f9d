import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Network tests open real loopback sockets; give slow shared machines room.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: "forks",
  },
});
