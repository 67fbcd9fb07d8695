/**
 * The send dialog's count is what the send queues (issue 20): a contact opted
 * out after the import is neither counted nor queued (it used to be queued and
 * then cancelled, so the result said one more than the confirmation).
 */
import type { Express } from "express";
import { Contact } from "../../server/distribution/contacts/model";
import { SmsMessage } from "../../server/distribution/queue/model";
import { testApp } from "../helpers/app";
import { signInAs, type SignedIn } from "../helpers/session";
import { startTestStore, type TestStore } from "../helpers/store";
import { importInto, makeSmsWave } from "./fixtures";

let t: TestStore;
let app: Express;

beforeAll(async () => {
  t = await startTestStore();
  app = testApp(t);
});
afterAll(() => t.close());

const post = (s: SignedIn, path: string) => s.agent.post(path).set("X-CSRF-Token", s.csrf).send({});

it("queues exactly the contacts the confirmation counted", async () => {
  const { authority, wave } = await makeSmsWave();
  await importInto(t.config, wave, [["050-1111111"], ["050-2222222"], ["050-3333333"]]);
  const coordinator = await signInAs(app, "authority-coordinator", authority._id);
  const out = (await Contact.findOne({ authorityId: authority._id }).lean())!;
  await post(coordinator, `/api/authorities/${authority.slug}/contacts/${out._id}/opt-out`).expect(
    200,
  );

  const base = `/api/authorities/${authority.slug}/waves/${wave._id}`;
  const counted = await coordinator.agent
    .get(`${base}/contacts?lang=he&status=not-invited&limit=1`)
    .expect(200);
  const sent = await post(coordinator, `${base}/invitations/send?lang=he`).expect(200);
  expect(sent.body.queued).toBe(counted.body.total);
  expect(sent.body.queued).toBe(2);
  expect(await SmsMessage.countDocuments({ waveId: wave._id })).toBe(2);
  expect(await SmsMessage.countDocuments({ contactId: out._id })).toBe(0);

  // undoing the opt-out makes the contact invitable again: the next send queues it
  await post(
    coordinator,
    `/api/authorities/${authority.slug}/contacts/${out._id}/opt-out/undo`,
  ).expect(200);
  expect(
    (await post(coordinator, `${base}/invitations/send?lang=he`).expect(200)).body.queued,
  ).toBe(1);
});
