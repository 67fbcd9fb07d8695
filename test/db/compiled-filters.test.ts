/**
 * Compiled filters are kept and reused by their canonical extended JSON, except
 * those a kept query would answer wrongly later: filters that read a variable
 * ($$NOW), and those with a collation or `let` variables. (A filter of plain
 * equalities compiles nothing: test/db/equality-filter.test.ts.)
 */
import { ObjectId } from "bson";
import { compileFilter } from "../../server/db/embedded/query";

it("compiles a filter once and reuses it for an equal filter", () => {
  const id = new ObjectId();
  const first = compileFilter({ openLinkSlug: "demo", channels: { $in: ["open-link"] }, _id: id });
  const again = compileFilter({
    openLinkSlug: "demo",
    channels: { $in: ["open-link"] },
    _id: new ObjectId(id.toHexString()),
  });
  expect(again).toBe(first);
  expect(first.test({ openLinkSlug: "demo", channels: ["open-link", "sms"], _id: id })).toBe(true);
  expect(first.test({ openLinkSlug: "demo", channels: ["sms"], _id: id })).toBe(false);
});

it("keeps values of different types apart (a string is not the ObjectId of the same hex)", () => {
  const id = new ObjectId();
  const byId = compileFilter({ ref: { $eq: id } });
  const byString = compileFilter({ ref: { $eq: id.toHexString() } });
  expect(byString).not.toBe(byId);
  expect(byId.test({ ref: id })).toBe(true);
  expect(byString.test({ ref: id })).toBe(false);
  expect(compileFilter({ n: { $eq: 1 } })).not.toBe(compileFilter({ n: { $eq: "1" } }));
});

it("compiles anew a filter that reads $$NOW, or runs with a collation or variables", () => {
  const now = { $expr: { $lt: ["$at", "$$NOW"] } };
  expect(compileFilter(now)).not.toBe(compileFilter(now));
  const collation = { collation: { locale: "en", strength: 2 } };
  expect(compileFilter({ name: "a" }, collation)).not.toBe(compileFilter({ name: "a" }, collation));
  const vars = { variables: { x: 1 } };
  expect(compileFilter({ n: { $eq: 1 } }, vars)).not.toBe(compileFilter({ n: { $eq: 1 } }, vars));
});

it("answers alike when the kept filters have been cleared to make room", () => {
  const first = compileFilter({ k: { $eq: 0 } });
  for (let i = 1; i <= 300; i += 1) compileFilter({ k: { $eq: i } });
  const later = compileFilter({ k: { $eq: 0 } });
  expect(later).not.toBe(first);
  expect(later.test({ k: 0 })).toBe(true);
  expect(later.test({ k: 1 })).toBe(false);
});

it("matches an $in of many ObjectIds by value, never a string of the same hex", () => {
  const ids = Array.from({ length: 2000 }, () => new ObjectId());
  const inIds = compileFilter({ _id: { $in: ids } });
  const notIn = compileFilter({ _id: { $nin: ids } });
  const copy = (id: ObjectId) => new ObjectId(id.toHexString());
  expect(ids.every((id) => inIds.test({ _id: copy(id) }))).toBe(true);
  expect(inIds.test({ _id: new ObjectId() })).toBe(false);
  expect(inIds.test({ _id: ids[7]!.toHexString() })).toBe(false);
  expect(inIds.test({ _id: [new ObjectId(), copy(ids[9]!)] })).toBe(true);
  expect(notIn.test({ _id: copy(ids[3]!) })).toBe(false);
  expect(notIn.test({ _id: ids[3]!.toHexString() })).toBe(true);
  const mixed = compileFilter({ ref: { $in: [ids[0]!.toHexString(), ids[1], 5, null] } });
  expect(mixed.test({ ref: ids[0]!.toHexString() })).toBe(true);
  expect(mixed.test({ ref: copy(ids[0]!) })).toBe(false);
  expect(mixed.test({ ref: copy(ids[1]!) })).toBe(true);
  expect(mixed.test({ ref: 5 })).toBe(true);
  expect(mixed.test({})).toBe(true);
});
