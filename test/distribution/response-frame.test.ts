/**
 * A response that came through a personal link records the frame cell of its
 * invitation (issue 17, item 3): the list's language and neighbourhood, which
 * the non-response adjustment needs for respondents and non-respondents alike.
 * Nothing else of the contact: no phone, name, contact or invitation id.
 */
import { randomUUID } from "node:crypto";
import request from "supertest";
import type { Express } from "express";
import { Contact } from "../../server/distribution/contacts/model";
import { Invitation } from "../../server/distribution/invitations/model";
import { SurveyResponse } from "../../server/responses/model";
import { answerAll } from "../helpers/answers";
import { testApp } from "../helpers/app";
import { startTestStore, type TestStore } from "../helpers/store";
import { importInto, makeSmsWave, tokenOf } from "./fixtures";

let t: TestStore;
let app: Express;

beforeAll(async () => {
  t = await startTestStore();
  app = testApp(t);
});
afterAll(() => t.close());

it("stores the invitation's language and neighbourhood with the answers, and nothing else", async () => {
  const { wave } = await makeSmsWave({ population: "mixed" });
  await importInto(t.config, wave, [["050-4444444", "ar", "no"]]);
  const inv = (await Invitation.findOne({ waveId: wave._id }).lean())!;
  await Invitation.updateOne({ _id: inv._id }, { $set: { neighbourhood: "north" } });
  const token = await tokenOf(t.config, inv._id);
  // The resident reads it in Hebrew: the frame keeps the list's language.
  const survey = (await request(app).get(`/api/r/${token}?lang=he`).expect(200)).body.survey;
  const res = await request(app)
    .post(`/api/r/${token}/responses`)
    .send({ locale: "he", submissionId: randomUUID(), answers: answerAll(survey) })
    .expect(201);
  const stored = (await SurveyResponse.findById(res.body.id).lean())!;
  expect(stored.frame).toEqual({ language: "ar", neighbourhood: "north" });
  expect(stored.locale).toBe("he");
  const contact = (await Contact.findById(inv.contactId).lean())!;
  const text = JSON.stringify(stored);
  for (const secret of [
    contact._id.toHexString(),
    inv._id.toHexString(),
    contact.phoneSealed,
    contact.phoneIndex,
  ])
    expect(text).not.toContain(secret);
});
