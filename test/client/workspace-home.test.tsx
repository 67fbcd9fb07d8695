/**
 * @jest-environment ./test/client/support/api-environment.ts
 */
/**
 * The workspace's overview per role: a card for each page the role may open
 * (the admins' pages for admins only, participation for a coordinator of an
 * authority), a page the role may not open refused, and an unknown page said
 * so.
 */
import { screen, within } from "@testing-library/react";
import type { SessionInfo } from "../../client/app/session";
import WorkspaceApp from "../../client/app/workspace/WorkspaceApp";
import { renderScreen } from "./support/page";

/** A session of this role, with only what the workspace reads of it. */
function sessionOf(role: string, authority: { slug: string } | null = null): SessionInfo {
  return { user: { role, authority } } as unknown as SessionInfo;
}

function openAt(pathname: string, session: SessionInfo) {
  window.history.pushState({}, "", pathname);
  renderScreen(<WorkspaceApp account={null} session={session} />);
}

/** The overview's cards, by their titles. */
const cards = () =>
  [...document.querySelectorAll(".ws-cards strong")].map((card) => card.textContent);

it("gives an admin a card for every page, theirs included", () => {
  openAt("/workspace", sessionOf("admin"));
  expect(cards()).toEqual([
    "Item bank",
    "Instruments",
    "Waves",
    "Kiosks",
    "Monitoring",
    "Updates to review",
    "Users",
    "Audit log",
  ]);
});

it("gives a coordinator the fieldwork pages and their authority's participation", () => {
  openAt("/workspace", sessionOf("authority-coordinator", { slug: "ramla" }));
  expect(cards()).toEqual(["Waves", "Kiosks", "Monitoring", "Resident participation"]);
  expect(
    within(document.querySelector(".ws-cards")!)
      .getByText("Resident participation")
      .closest("a")!
      .getAttribute("href"),
  ).toContain("/participation/ramla");
  expect(screen.getByText(/Run your authority's fieldwork here/)).toBeTruthy();
});

it("refuses a page the role may not open", () => {
  openAt("/workspace/bank", sessionOf("authority-coordinator", { slug: "ramla" }));
  expect(screen.getByTestId("ws-forbidden").textContent).toContain("not open to your account");
});

it("says when a workspace page does not exist", () => {
  openAt("/workspace/nowhere", sessionOf("researcher"));
  expect(screen.getAllByText("This workspace page does not exist.").length).toBeGreaterThan(0);
});
