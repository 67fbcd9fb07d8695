/**
 * The baseline of `scripts/bench/submissions.ts`: a bare Express app that parses
 * a JSON body and answers 201 with a small JSON body, as the platform's submit
 * route does, with nothing else in between. Prints its port once listening.
 */
import type { AddressInfo } from "node:net";
import express from "express";

const app = express();
app.disable("x-powered-by");
app.use(express.json({ limit: 256 * 1024 }));
app.post("/api/take/:slug/responses", (req, res) => {
  const body = req.body as { submissionId?: string };
  res.status(201).json({ id: body.submissionId, submittedAt: new Date().toISOString() });
});
const server = app.listen(0, "127.0.0.1", () => {
  process.stdout.write(`echo listening on ${(server.address() as AddressInfo).port}\n`);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
