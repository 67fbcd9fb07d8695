/**
 * @jest-environment ./test/client/support/api-environment.ts
 */
/**
 * The authority's accessibility contact as staff set it, against the real
 * server: wrong fields each say what is wrong and the first takes the focus,
 * nothing is sent; a correct contact is saved and the public statement names
 * it; removing it empties the form and the statement.
 */
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { getJson } from "../../client/shared/api";
import { AccessibilityContactForm } from "../../client/app/workspace/authority/AccessibilityContactForm";
import { makeOpenWave } from "../factories/program";
import { makeUser } from "../factories/users";
import { testApp } from "../helpers/app";
import { startTestStore, type TestStore } from "../helpers/store";
import { serveApp } from "./support/api-fetch";
import { renderScreen, signInPage } from "./support/page";

let t: TestStore;
let slug: string;

beforeAll(async () => {
  t = await startTestStore();
  serveApp(testApp(t));
  slug = (await makeOpenWave()).authority.slug;
  await signInPage((await makeUser("researcher")).email);
});
afterAll(() => t.close());

/** What the public accessibility statement says of the contact, in English. */
const publicContact = async () =>
  (await getJson<{ contact: unknown }>(`/api/public/authorities/${slug}/accessibility?lang=en`))
    .contact;

it("says what is wrong by each field and moves the focus to the first", async () => {
  renderScreen(<AccessibilityContactForm slug={slug} />);
  await screen.findByText(/No contact yet/, {}, { timeout: 10_000 });
  await userEvent.type(screen.getByLabelText("In Hebrew"), "רכזת נגישות");
  await userEvent.type(screen.getByLabelText("Phone"), "call me");
  await userEvent.click(screen.getByRole("button", { name: "Save contact" }));

  expect(
    screen.getByText("The contact was not saved: check the fields marked below."),
  ).toBeTruthy();
  const arabic = screen.getByLabelText("In Arabic");
  expect(document.activeElement).toBe(arabic);
  expect(arabic.getAttribute("aria-invalid")).toBe("true");
  expect(document.getElementById(arabic.getAttribute("aria-describedby")!)?.textContent).toBe(
    "Write the role in this language too.",
  );
  const phone = screen.getByLabelText("Phone");
  expect(document.getElementById(phone.getAttribute("aria-describedby")!)?.textContent).toBe(
    "Digits, spaces and dashes only, for example 04-1234567.",
  );
  expect(screen.getByLabelText("In Hebrew").hasAttribute("aria-invalid")).toBe(false);
  expect(await publicContact()).toBeNull();
});

it("saves a contact the statement then names, and removes it", async () => {
  renderScreen(<AccessibilityContactForm slug={slug} />);
  await screen.findByText(/No contact yet/, {}, { timeout: 10_000 });
  await userEvent.type(screen.getByLabelText("In Hebrew"), "רכזת נגישות");
  await userEvent.type(screen.getByLabelText("In Arabic"), "منسقة الإتاحة");
  await userEvent.type(screen.getByLabelText("In English"), "Accessibility coordinator");
  await userEvent.type(screen.getByLabelText("Email"), "access@example.org");
  await userEvent.click(screen.getByRole("button", { name: "Save contact" }));

  await screen.findByTestId("a11y-contact-saved", {}, { timeout: 10_000 });
  expect(screen.queryByText(/No contact yet/)).toBeNull();
  expect(await publicContact()).toEqual({
    role: "Accessibility coordinator",
    email: "access@example.org",
  });

  await userEvent.click(screen.getByRole("button", { name: "Remove contact" }));
  await screen.findByText(/^Removed\./, {}, { timeout: 10_000 });
  await waitFor(() =>
    expect((screen.getByLabelText("In English") as HTMLInputElement).value).toBe(""),
  );
  expect(screen.queryByRole("button", { name: "Remove contact" })).toBeNull();
  expect(await publicContact()).toBeNull();
});
