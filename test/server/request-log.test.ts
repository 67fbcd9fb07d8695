import { Writable } from "node:stream";
import express from "express";
import pino from "pino";
import request from "supertest";
import { requestLog } from "../../server/http/request-log";

/** An app with the request log in front of two routes, and the lines it wrote. */
function appAt(level: string) {
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  const logger = pino({ level }, sink);
  const app = express();
  app.use(requestLog(logger, (url) => url === "/api/health"));
  app.get("/api/health", (_req, res) => void res.json({ ok: true }));
  app.get("/api/r/:token/progress", (_req, res) => void res.json({ ok: true }));
  app.get("/api/boom", (_req, res) => void res.status(500).json({ error: "x" }));
  return { app, lines };
}

describe("the request log", () => {
  it("writes method, cleaned path, status and time, and nothing of the query or headers", async () => {
    const { app, lines } = appAt("info");
    await request(app)
      .get("/api/r/secretToken123/progress?lang=he&phone=0501234567")
      .set("Cookie", "kp_session=abc");
    await request(app).get("/api/health");
    expect(lines).toHaveLength(1);
    const [line] = lines;
    expect(line).toMatchObject({
      msg: "request completed",
      req: { method: "GET", url: "/api/r/[token]/progress" },
      res: { statusCode: 200 },
    });
    expect(typeof line!.responseTime).toBe("number");
    expect(JSON.stringify(line)).not.toMatch(/secretToken123|0501234567|kp_session/);
  });

  it("writes only server errors when the level is warn", async () => {
    const { app, lines } = appAt("warn");
    await request(app).get("/api/r/secretToken123/progress");
    await request(app).get("/api/boom");
    expect(lines.map((l) => l.msg)).toEqual(["request failed"]);
    expect(lines[0]).toMatchObject({ level: 50, res: { statusCode: 500 } });
  });
});
