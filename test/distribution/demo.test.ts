/** The demo program's distribution: contacts with links and a kiosk on the demo link's wave. */
import { ensureDemoProgram, DEMO_OPEN_LINK } from "../../server/demo/seed";
import { Contact } from "../../server/distribution/contacts/model";
import { Invitation } from "../../server/distribution/invitations/model";
import { KioskDevice } from "../../server/kiosk/model";
import { createFieldCipher } from "../../server/privacy/crypto";
import { Wave } from "../../server/waves/model";
import { startTestStore, type TestStore } from "../helpers/store";

let t: TestStore;
beforeAll(async () => {
  t = await startTestStore();
});
afterAll(() => t.close());

it("invites six demo contacts and registers a kiosk on the demo wave", async () => {
  await ensureDemoProgram({
    responsesPerWave: 5,
    distribution: { cipher: createFieldCipher(t.config.dataKeys), linkSecret: t.config.linkSecret },
  });
  const wave = (await Wave.findOne({ openLinkSlug: DEMO_OPEN_LINK }).lean())!;
  expect(wave.channels).toEqual(expect.arrayContaining(["open-link", "sms", "kiosk"]));
  expect(await Contact.countDocuments({ authorityId: wave.authorityId })).toBe(6);
  expect(await Invitation.countDocuments({ waveId: wave._id })).toBe(6);
  expect(await KioskDevice.countDocuments({ waveId: wave._id })).toBe(1);
});
