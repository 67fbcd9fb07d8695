import { fileURLToPath } from "node:url";
import zlib from "node:zlib";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { compression, defineAlgorithm } from "vite-plugin-compression2";

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/**
 * Two entries: `index.html` (results, later the workspace) and `take.html`
 * (residents). Rollup splits shared code into chunks, so the respondent page
 * never loads chart.js or results code.
 */
export default defineConfig({
  root: here("."),
  base: "/",
  plugins: [
    react(),
    // Scripts and styles compressed once here, at the strongest settings, and served
    // as they are (server/web/static.ts): no request compresses a megabyte of
    // survey engine again, and brotli is about a fifth smaller than gzip on the wire.
    // Fonts are compressed already (woff2/woff).
    compression({
      include: /\.(js|css|svg)$/,
      threshold: 1024,
      algorithms: [
        defineAlgorithm("gzip", { level: 9 }),
        defineAlgorithm("brotliCompress", {
          params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 },
        }),
      ],
    }),
  ],
  publicDir: false,
  build: {
    outDir: here("../dist/client"),
    emptyOutDir: true,
    target: "es2022",
    sourcemap: false,
    // fonts are subset files; inlining them as data: URLs would defeat unicode-range
    assetsInlineLimit: 0,
    // survey-core is one module of about 1.5 MB (350 kB gzip) and cannot be split further;
    // a manual SurveyJS chunk was tried and leaked survey code and CSS into the results entry
    chunkSizeWarningLimit: 1700,
    rolldownOptions: {
      // Its report of slow plugins names the compression above, slow by choice.
      checks: { pluginTimings: false },
      input: {
        index: here("index.html"),
        take: here("take.html"),
        public: here("public.html"),
        kiosk: here("kiosk.html"),
      },
    },
  },
  // the client imports locales/ and type-only modules from server/, outside root
  server: { fs: { allow: [here("..")] } },
});
