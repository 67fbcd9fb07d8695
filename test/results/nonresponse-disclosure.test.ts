/**
 * Non-response adjustment needs frame cells (issue 17, item 3): every wave's
 * disclosure says whether its weights were adjusted for non-response, and if
 * not, why: no frame at all (open link, kiosk), or a list in a wave that is
 * not weighted (test/results/nonresponse-weights.test.ts has the adjusted
 * wave and the one whose responses carry no frame cell).
 */
import type { Express } from "express";
import { testApp } from "../helpers/app";
import { signInAs } from "../helpers/session";
import { clearCollections, startTestStore, type TestStore } from "../helpers/store";
import { addResponses, authorityWithTwoWaves, respondents } from "./factory";

let t: TestStore;
let app: Express;

beforeAll(async () => {
  t = await startTestStore();
  app = testApp(t);
});
afterAll(() => t.close());
beforeEach(() => clearCollections());

it("says per wave that no non-response adjustment was applied, and why", async () => {
  const { authority, baseline, followUp } = await authorityWithTwoWaves();
  await addResponses(baseline, respondents(12, { channel: "sms" }));
  await addResponses(followUp, respondents(12, { channel: "open-link" }));
  const s = await signInAs(app, "researcher");
  const body = (await s.agent.get(`/api/results/authorities/${authority.slug}?lang=en`).expect(200))
    .body as {
    waves: Array<{
      id: string;
      disclosure: { weighting: { nonResponse: { applied: boolean; reason: string | null } } };
    }>;
  };
  const of = (id: string) => body.waves.find((w) => w.id === id)!.disclosure.weighting.nonResponse;
  // SMS answers but no margins: the wave is not weighted, the adjustment with it.
  expect(of(baseline._id.toHexString())).toMatchObject({ applied: false, reason: "notWeighted" });
  expect(of(followUp._id.toHexString())).toMatchObject({ applied: false, reason: "noFrame" });
});
