/**
 * Ghost answers after a page turn. A resident who double-taps "Next" (or taps
 * it again because the phone seemed slow) turns the page with the first tap;
 * the second lands on whatever the new page put under the finger, often an
 * answer, which was then saved and sent. After every page turn, pointer input
 * (touch, mouse, pen) that starts within a short guard period is dropped;
 * keyboard input is never dropped (a keyboard "click" has detail 0 and no
 * pointer type), so keyboard and switch users answer at once.
 *
 * The guard period runs from when the new page is on screen, not from the tap:
 * on a slow phone drawing the new page can take longer than the period, and a
 * second tap queued meanwhile would otherwise be handled after the period ended
 * and land on the new page. So pointer input is dropped while the new page is
 * not yet painted, and input is judged by when it was made (its time stamp),
 * not by when the busy browser gets round to handling it.
 */

/** Long enough for a hurried double tap, shorter than anyone reads a new question. */
export const TAP_GUARD_MS = 600;

/** Until the new page has been painted this is Infinity; then its paint time plus the period. */
let guardUntil = 0;
/** The pointer went down inside the guard period: its click is dropped whenever it comes. */
let pressedDuringGuard = false;
let installed = false;
let lift: ReturnType<typeof setTimeout> | undefined;
/** The latest arming, and the latest whose period has started (each starts once). */
let armed = 0;
let settled = 0;

/**
 * When the input was made, on the page's clock: its age (on the events' clock)
 * taken from now. Not its time stamp itself: a test's fake page clock moves
 * performance.now() on, never the events' clock.
 */
const madeAt = (event: Event) =>
  performance.now() - (new Event("tap-guard").timeStamp - event.timeStamp);

/** Where controls stay put across page turns (see {@link tapGuardSkips}). */
let staysPutSelector: string | null = null;

/**
 * Controls that stay where they are across page turns (the kiosk's bar of languages
 * and "start over", above the survey) are not where a ghost tap lands.
 */
const staysPut = (event: Event) =>
  staysPutSelector !== null &&
  event.target instanceof Element &&
  event.target.closest(staysPutSelector) !== null;

/** Pointer input inside elements matching `selector` is never dropped: they stay put. */
export function tapGuardSkips(selector: string): void {
  staysPutSelector = selector;
}

/** Input made in the guard period, or before the new page was painted. */
const guarding = (event: Event) => madeAt(event) < guardUntil && !staysPut(event);

/** A click made by a pointer, as opposed to Enter or Space on a focused control. */
function fromPointer(event: MouseEvent): boolean {
  const type = (event as PointerEvent).pointerType;
  return event.detail > 0 || type === "mouse" || type === "touch" || type === "pen";
}

function onPointerDown(event: Event): void {
  pressedDuringGuard = guarding(event);
  if (pressedDuringGuard) event.stopPropagation();
}

/** The mouse events a touch emulates come after the finger lifts: judged by its pointerdown. */
function onMouseDown(event: Event): void {
  if (pressedDuringGuard) event.stopPropagation();
}

/** Buttons that turn the page: the guard starts with their tap, before the page is redrawn. */
const PAGE_TURNERS = ".sd-navigation__next-btn, .sd-navigation__prev-btn";

function onClick(event: MouseEvent): void {
  if (!fromPointer(event)) return;
  if (pressedDuringGuard || guarding(event)) {
    event.preventDefault();
    event.stopPropagation();
    return;
  }
  if (event.target instanceof Element && event.target.closest(PAGE_TURNERS)) armTapGuard();
}

function install(): void {
  if (installed) return;
  installed = true;
  // Capture on window: runs before SurveyJS's and React's own handlers.
  window.addEventListener("pointerdown", onPointerDown, true);
  window.addEventListener("mousedown", onMouseDown, true);
  window.addEventListener("click", onClick, true);
}

/** The guard period starts now (the new page is on screen) and ends TAP_GUARD_MS later. */
function settle(arm: number): void {
  // Armed again since (that arming settles it), or already started by the other timer.
  if (arm !== armed || settled === arm) return;
  settled = arm;
  guardUntil = performance.now() + TAP_GUARD_MS;
  clearTimeout(lift);
  lift = setTimeout(() => delete document.documentElement.dataset.tapGuard, TAP_GUARD_MS);
}

/** Ends the guard at once: the survey it protects has left the screen. */
export function disarmTapGuard(): void {
  armed += 1;
  guardUntil = 0;
  pressedDuringGuard = false;
  clearTimeout(lift);
  delete document.documentElement.dataset.tapGuard;
}

/** Starts a guard period: call whenever the page the resident sees is replaced. */
export function armTapGuard(): void {
  install();
  const arm = ++armed;
  guardUntil = Infinity;
  // Marked on <html> while it lasts, so browser tests wait for it as a person would.
  document.documentElement.dataset.tapGuard = "on";
  clearTimeout(lift);
  // The second frame from now runs after the paint that shows the new page.
  requestAnimationFrame(() => requestAnimationFrame(() => settle(arm)));
  // A tab in the background paints nothing: the period still ends.
  setTimeout(() => settle(arm), 1000);
}
