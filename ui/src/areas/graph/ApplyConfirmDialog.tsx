import { useEffect, useId, useRef, useState } from "react";
import { controlsIn } from "../../components/focusable";
import { IconWarning } from "../../components/Icons";
import { plural } from "../../components/plural";
import { confirmationMatches } from "./planOverrides";

type Props = {
  profile: string;
  links: number;
  rows: number;
  onCancel: () => void;
  onConfirm: () => void;
};

/**
 * The explicit confirmation before anything is written: what will change,
 * and the profile's name typed to go ahead. Esc or Cancel closes it. Modal:
 * focus starts in it, Tab and Shift+Tab go round its controls, and focus
 * goes back to what opened it when it closes.
 */
export function ApplyConfirmDialog({ profile, links, rows, onCancel, onConfirm }: Props) {
  const [typed, setTyped] = useState("");
  const input = useRef<HTMLInputElement>(null);
  const titleId = useId();
  const ok = confirmationMatches(typed, profile);
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    input.current?.focus();
    return () => opener?.focus();
  }, []);
  return (
    <div className="graph-dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onCancel()}>
      <div
        className="graph-dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={titleId}
        data-testid="fix-apply-confirm"
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
        <h2 id={titleId} className="graph-dialog__title">
          <IconWarning /> Apply the fix plan to {profile}?
        </h2>
        <ul className="graph-dialog__list">
          {links > 0 ? <li>{plural(links, "account is", "accounts are")} linked into their primary in Auth0. Linking cannot be undone from IdLens.</li> : null}
          {rows > 0 ? <li>{plural(rows, "graph row is", "graph rows are")} written to Neo4j, in write transactions per batch.</li> : null}
        </ul>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (ok) onConfirm();
          }}
        >
          <div className="field">
            <label className="field__label" htmlFor={`${titleId}-name`}>
              Type the profile name <strong>{profile}</strong> to confirm
            </label>
            <input
              id={`${titleId}-name`}
              ref={input}
              className="input input--mono"
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              autoComplete="off"
              spellCheck={false}
              data-testid="fix-apply-confirm-name"
            />
          </div>
          <div className="graph-dialog__actions">
            <button type="button" className="button" onClick={onCancel} data-testid="fix-apply-confirm-cancel">
              Cancel
            </button>
            <button type="submit" className="button button--danger" disabled={!ok} data-testid="fix-apply-confirm-button">
              Apply now
            </button>
          </div>
        </form>
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
