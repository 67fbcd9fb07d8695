import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { WaveView } from "./api";

type Status = WaveView["status"];
type Action = "open" | "pause" | "resume" | "close";

/** What each status can move to, and the action's name. */
const ACTIONS: Record<Status, Action[]> = {
  draft: ["open", "close"],
  open: ["pause", "close"],
  paused: ["resume", "close"],
  closed: [],
};
const TARGET: Record<Action, Status> = {
  open: "open",
  pause: "paused",
  resume: "open",
  close: "closed",
};

interface Props {
  status: Status;
  ready: boolean;
  busy: boolean;
  onConfirm: (to: Status) => void;
}

/**
 * The status buttons of a wave. Each asks to confirm in a dialog first (closing
 * says it is final); opening and resuming wait for the readiness checklist.
 */
export function StatusActions({ status, ready, busy, onConfirm }: Props) {
  const { t } = useTranslation("ws-waves");
  const dialog = useRef<HTMLDialogElement>(null);
  const [asking, setAsking] = useState<Action | null>(null);
  useEffect(() => {
    if (asking && !dialog.current?.open) dialog.current?.showModal();
  }, [asking]);
  const actions = ACTIONS[status];
  const close = () => {
    dialog.current?.close();
    setAsking(null);
  };
  if (actions.length === 0) return <p className="ws-hint">{t("actions.closedNote")}</p>;
  return (
    <div className="wv-actions" data-testid="status-actions">
      {actions.map((a) => {
        const blocked = TARGET[a] === "open" && !ready;
        return (
          <button
            key={a}
            type="button"
            className={a === "close" ? "button button--secondary wv-danger" : "button"}
            disabled={busy || blocked}
            aria-describedby={blocked ? "wv-blocked" : undefined}
            onClick={() => setAsking(a)}
            data-testid={`status-${a}`}
          >
            {t(`actions.${a}`)}
          </button>
        );
      })}
      {actions.some((a) => TARGET[a] === "open") && !ready ? (
        <p id="wv-blocked" className="ws-warn" data-testid="open-blocked">
          {t("actions.blocked")}
        </p>
      ) : null}
      <dialog
        ref={dialog}
        className="ws-dialog"
        aria-labelledby="wv-confirm-h"
        aria-describedby="wv-confirm-p"
        onClose={() => setAsking(null)}
        data-testid="confirm-dialog"
      >
        {asking ? (
          <>
            <h3 id="wv-confirm-h">{t(`confirm.${asking}.title`)}</h3>
            <p id="wv-confirm-p">{t(`confirm.${asking}.body`)}</p>
            <div className="wv-actions">
              <button
                type="button"
                className={asking === "close" ? "button wv-danger-solid" : "button"}
                onClick={() => {
                  const to = TARGET[asking];
                  close();
                  onConfirm(to);
                }}
                data-testid="confirm-yes"
              >
                {t(`confirm.${asking}.yes`)}
              </button>
              <button type="button" className="button button--secondary" onClick={close} autoFocus>
                {t("confirm.cancel")}
              </button>
            </div>
          </>
        ) : null}
      </dialog>
    </div>
  );
}
