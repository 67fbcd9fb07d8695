import { useEffect, useRef, type ReactNode } from "react";

interface Props {
  open: boolean;
  title: string;
  children?: ReactNode;
  confirmLabel: string;
  cancelLabel: string;
  /** A destructive action: the confirm button is drawn as such. */
  danger?: boolean;
  busy?: boolean;
  confirmDisabled?: boolean;
  testId: string;
  onConfirm: () => void;
  onCancel: () => void;
}

/**
 * A modal confirmation (the native <dialog>: focus moves in, Escape cancels,
 * the page behind is inert). The confirm button is `<testId>-confirm`.
 */
export function ConfirmDialog(props: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = `${props.testId}-title`;
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (props.open && !dialog.open) dialog.showModal();
    if (!props.open && dialog.open) dialog.close();
  }, [props.open]);
  return (
    <dialog
      ref={ref}
      className="ws-dialog ct-dialog"
      aria-labelledby={titleId}
      data-testid={props.testId}
      onCancel={(e) => {
        e.preventDefault();
        props.onCancel();
      }}
    >
      <h3 id={titleId}>{props.title}</h3>
      {props.children}
      <div className="ws-row ct-dialog__actions">
        <button
          type="button"
          className={props.danger ? "button ct-button--danger" : "button"}
          disabled={props.busy || props.confirmDisabled}
          onClick={props.onConfirm}
          data-testid={`${props.testId}-confirm`}
        >
          {props.confirmLabel}
        </button>
        <button type="button" className="button button--secondary" onClick={props.onCancel}>
          {props.cancelLabel}
        </button>
      </div>
    </dialog>
  );
}
