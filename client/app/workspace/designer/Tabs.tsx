import { useId, useRef, type KeyboardEvent, type ReactNode } from "react";

interface Props<T extends string> {
  label: string;
  tabs: ReadonlyArray<{ id: T; label: ReactNode }>;
  current: T;
  onSelect: (id: T) => void;
  children: ReactNode;
}

/**
 * WAI-ARIA tabs: arrow keys move between tabs (mirrored right-to-left), Home and
 * End jump, and only the selected tab is in the tab order.
 */
export function Tabs<T extends string>({ label, tabs, current, onSelect, children }: Props<T>) {
  const ids = useId();
  const refs = useRef(new Map<T, HTMLButtonElement>());
  function onKeyDown(event: KeyboardEvent) {
    const i = tabs.findIndex((t) => t.id === current);
    const rtl = getComputedStyle(event.currentTarget).direction === "rtl";
    const step = { ArrowRight: rtl ? -1 : 1, ArrowLeft: rtl ? 1 : -1 } as Record<string, number>;
    let next: number | undefined;
    if (event.key in step) next = (i + step[event.key]! + tabs.length) % tabs.length;
    if (event.key === "Home") next = 0;
    if (event.key === "End") next = tabs.length - 1;
    if (next === undefined) return;
    event.preventDefault();
    const id = tabs[next]!.id;
    onSelect(id);
    refs.current.get(id)?.focus();
  }
  return (
    <>
      <div role="tablist" aria-label={label} className="ws-tabs" onKeyDown={onKeyDown}>
        {tabs.map((t) => (
          <button
            key={t.id}
            ref={(el) => {
              if (el) refs.current.set(t.id, el);
            }}
            type="button"
            role="tab"
            id={`${ids}-tab-${t.id}`}
            aria-selected={t.id === current}
            aria-controls={`${ids}-panel`}
            tabIndex={t.id === current ? 0 : -1}
            onClick={() => onSelect(t.id)}
            data-testid={`tab-${t.id}`}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div
        role="tabpanel"
        id={`${ids}-panel`}
        aria-labelledby={`${ids}-tab-${current}`}
        className="ws-panel"
      >
        {children}
      </div>
    </>
  );
}
