/**
 * `npm run dev`: the API server (restarting on change) and Vite's dev server for
 * the client, which proxies /api to it. Ctrl-C stops both.
 */
import { spawn, type ChildProcess } from "node:child_process";

const apiPort = process.env.PORT ?? "3000";
const children: ChildProcess[] = [
  spawn("npx", ["tsx", "watch", "--clear-screen=false", "server/main.ts"], {
    stdio: "inherit",
    env: { ...process.env, PORT: apiPort },
  }),
  spawn("npx", ["vite", "--config", "client/vite.config.mts"], {
    stdio: "inherit",
    env: { ...process.env, API_PORT: apiPort },
  }),
];
console.log(`API on http://127.0.0.1:${apiPort}; client with hot reload on http://localhost:5173`);

const stop = () => {
  for (const child of children) child.kill("SIGTERM");
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
for (const child of children) child.on("exit", stop);
