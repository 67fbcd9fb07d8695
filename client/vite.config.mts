import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/**
 * Two entries: `index.html` (results, later the workspace) and `take.html`
 * (residents). Rollup splits shared code into chunks, so the respondent page
 * never loads chart.js or results code.
 */
export default defineConfig({
  root: here("."),
  base: "/",
  plugins: [react()],
  publicDir: false,
  build: {
    outDir: here("../dist/client"),
    emptyOutDir: true,
    target: "es2022",
    sourcemap: false,
    // fonts are subset files; inlining them as data: URLs would defeat unicode-range
    assetsInlineLimit: 0,
    rollupOptions: {
      input: { index: here("index.html"), take: here("take.html") },
    },
  },
  server: { fs: { allow: [here("..")] } },
});
