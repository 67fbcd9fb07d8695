/** A revealed number reads as Israelis write it, 050-700-0102, not +972507000102 (issue 20). */
import { localMobile } from "../../server/distribution/phone";

it.each([
  ["+972507000102", "050-700-0102"],
  ["+972541112233", "054-111-2233"],
])("%s → %s", (e164, local) => {
  expect(localMobile(e164)).toBe(local);
});

it("leaves a number that is not an Israeli mobile as it is", () => {
  expect(localMobile("+12025550100")).toBe("+12025550100");
});
