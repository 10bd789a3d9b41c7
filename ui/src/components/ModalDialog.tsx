import { useEffect, useId, useRef, type ReactNode } from "react";
import { controlsIn } from "./focusable";
import { IconWarning } from "./Icons";

type ModalDialogProps = {
  /** The question: "Apply the fix plan to acme?". */
  title: string;
  onCancel: () => void;
  testId?: string;
  /** The dialog's body: what will change, and its own form and buttons. */
  children: ReactNode;
};

/**
 * A modal confirmation before a change is made: an alert dialog over a dimmed
 * page. Focus starts on the dialog's first control (or the one marked
 * `data-autofocus`), Tab and Shift+Tab go round its controls, Esc or a click
 * outside cancels, and focus goes back to what opened it when it closes.
 */
export function ModalDialog({ title, onCancel, testId, children }: ModalDialogProps) {
  const dialog = useRef<HTMLDivElement>(null);
  const titleId = useId();
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const box = dialog.current;
    const first = box?.querySelector<HTMLElement>("[data-autofocus]") ?? (box ? controlsIn(box)[0] : undefined);
    first?.focus();
    return () => opener?.focus();
  }, []);
  return (
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onCancel()}>
      <div
        ref={dialog}
        className="dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={titleId}
        data-testid={testId}
        onKeyDown={(e) => {
          if (e.key === "Escape") {
            e.preventDefault();
            e.stopPropagation();
            onCancel();
          } else if (e.key === "Tab") {
            keepTabInside(e.currentTarget, e);
          }
        }}
      >
        <h2 id={titleId} className="dialog__title">
          <IconWarning /> {title}
        </h2>
        {children}
      </div>
    </div>
  );
}

/** Tab from the last control goes to the first, Shift+Tab from the first to the last. */
function keepTabInside(dialog: HTMLElement, e: { shiftKey: boolean; preventDefault: () => void }) {
  const controls = controlsIn(dialog);
  const first = controls[0];
  const last = controls.at(-1);
  if (!first || !last) return;
  const at = document.activeElement;
  const wrapTo = e.shiftKey ? (at === first || !dialog.contains(at) ? last : null) : at === last ? first : null;
  if (wrapTo) {
    e.preventDefault();
    wrapTo.focus();
  }
}
