/**
 * Every channel a wave has is named in words on the monitoring pages, in he, ar
 * and en (issue 20: the channel breakdown showed the code "open-link").
 */
import fs from "node:fs";
import path from "node:path";
import { CHANNELS } from "../../server/waves/model";

describe.each(["he", "ar", "en"])("%s", (lng) => {
  const file = path.join(process.cwd(), "locales", lng, "ws-monitoring.json");
  const channels = (
    JSON.parse(fs.readFileSync(file, "utf8")) as { channels: Record<string, string> }
  ).channels;
  it.each([...CHANNELS])("names %s", (channel) => {
    expect(channels[channel]).toEqual(expect.any(String));
    expect(channels[channel]).not.toBe(channel);
  });
});
