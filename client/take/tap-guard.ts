/**
 * Ghost answers after a page turn. A resident who double-taps "Next" (or taps
 * it again because the phone seemed slow) turns the page with the first tap;
 * the second lands on whatever the new page put under the finger, often an
 * answer, which was then saved and sent. After every page turn, pointer input
 * (touch, mouse, pen) that starts within a short guard period is dropped;
 * keyboard input is never dropped (a keyboard "click" has detail 0 and no
 * pointer type), so keyboard and switch users answer at once.
 */

/** Long enough for a hurried double tap, shorter than anyone reads a new question. */
export const TAP_GUARD_MS = 600;

let guardUntil = 0;
/** The pointer went down inside the guard period: its click is dropped whenever it comes. */
let pressedDuringGuard = false;
let installed = false;
let lift: ReturnType<typeof setTimeout> | undefined;

const guarding = () => performance.now() < guardUntil;

/** A click made by a pointer, as opposed to Enter or Space on a focused control. */
function fromPointer(event: MouseEvent): boolean {
  const type = (event as PointerEvent).pointerType;
  return event.detail > 0 || type === "mouse" || type === "touch" || type === "pen";
}

function onPointerDown(event: Event): void {
  pressedDuringGuard = guarding();
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
  if (pressedDuringGuard || guarding()) {
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

/** Starts a guard period: call whenever the page the resident sees is replaced. */
export function armTapGuard(): void {
  install();
  guardUntil = performance.now() + TAP_GUARD_MS;
  // Marked on <html> while it lasts, so browser tests wait for it as a person would.
  document.documentElement.dataset.tapGuard = "on";
  clearTimeout(lift);
  lift = setTimeout(() => delete document.documentElement.dataset.tapGuard, TAP_GUARD_MS);
}
