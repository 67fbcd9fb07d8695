import { useCallback, useEffect, useState } from "react";
import { ApiError, getJson, postJson, putJson } from "../../../shared/api";
import type { DraftContent, DraftView } from "../types";
import { useLeaveGuard } from "./use-leave-guard";

export type DraftState =
  | { kind: "loading" }
  | { kind: "failed"; error: unknown }
  | { kind: "ready"; saved: DraftView; content: DraftContent };

export type SaveState =
  | { kind: "idle" }
  | { kind: "saving" }
  | { kind: "saved" }
  | { kind: "conflict" }
  | { kind: "failed"; error: unknown };

/** The editable part of a draft. */
export const contentOf = (d: DraftView): DraftContent => ({
  title: d.title,
  texts: d.texts,
  pages: d.pages,
});

const same = (a: DraftContent, b: DraftContent) => JSON.stringify(a) === JSON.stringify(b);

/**
 * A draft being edited: the last saved version from the server, the local
 * content, an undo history of local edits, and saving with the revision the
 * edit started from (a 409 means someone else saved meanwhile).
 */
export function useDraft(key: string) {
  const [state, setState] = useState<DraftState>({ kind: "loading" });
  const [history, setHistory] = useState<Array<{ content: DraftContent; label: string }>>([]);
  const [save, setSave] = useState<SaveState>({ kind: "idle" });
  const url = `/api/bank/drafts/${encodeURIComponent(key)}`;

  const load = useCallback(() => {
    setState({ kind: "loading" });
    getJson<DraftView>(url).then(
      (saved) => setState({ kind: "ready", saved, content: contentOf(saved) }),
      (error: unknown) => setState({ kind: "failed", error }),
    );
  }, [url]);
  useEffect(load, [load]);

  /** Applies a local edit; `label` names it for the undo button. */
  const edit = useCallback(
    (next: DraftContent, label: string) => {
      if (state.kind !== "ready") return;
      setHistory((h) => [...h.slice(-49), { content: state.content, label }]);
      setState({ ...state, content: next });
      setSave({ kind: "idle" });
    },
    [state],
  );

  const undo = useCallback(() => {
    const last = history.at(-1);
    if (!last || state.kind !== "ready") return;
    setHistory(history.slice(0, -1));
    setState({ ...state, content: last.content });
  }, [history, state]);

  const dirty = state.kind === "ready" && !same(state.content, contentOf(state.saved));
  // Unsaved edits are not lost to a click on the navigation without a warning.
  useLeaveGuard(dirty);

  /** Saves when there are unsaved edits; resolves to the draft as saved (or null on failure). */
  const persist = useCallback(async (): Promise<DraftView | null> => {
    if (state.kind !== "ready") return null;
    if (!dirty) return state.saved;
    setSave({ kind: "saving" });
    try {
      const saved = await putJson<DraftView>(url, {
        revision: state.saved.revision,
        ...state.content,
      });
      setState({ kind: "ready", saved, content: contentOf(saved) });
      setSave({ kind: "saved" });
      return saved;
    } catch (error) {
      setSave(
        error instanceof ApiError && error.status === 409
          ? { kind: "conflict" }
          : { kind: "failed", error },
      );
      return null;
    }
  }, [state, dirty, url]);

  /** Marks a stale translation as still right. */
  const confirm = useCallback(
    async (path: string, locale: string) => {
      const saved = await persist();
      if (!saved) return;
      const next = await postJson<DraftView>(`${url}/translations/confirm`, {
        revision: saved.revision,
        path,
        locale,
      });
      setState({ kind: "ready", saved: next, content: contentOf(next) });
    },
    [persist, url],
  );

  /** Fetches the stored draft again without leaving the page (after publishing). */
  const refresh = useCallback(async () => {
    const saved = await getJson<DraftView>(url);
    setState({ kind: "ready", saved, content: contentOf(saved) });
  }, [url]);

  return { state, edit, undo, history, dirty, persist, save, confirm, reload: load, refresh };
}

export type DraftHandle = ReturnType<typeof useDraft>;
