import { useId, useState } from "react";
import { ModalDialog } from "../../components/ModalDialog";
import { plural } from "../../components/plural";
import { confirmationMatches } from "./planOverrides";

type Props = {
  profile: string;
  links: number;
  rows: number;
  onCancel: () => void;
  onConfirm: () => void;
};

/** The explicit confirmation before the fix plan writes anything: what will change, and the profile's name typed to go ahead. */
export function ApplyConfirmDialog({ profile, links, rows, onCancel, onConfirm }: Props) {
  const [typed, setTyped] = useState("");
  const nameId = useId();
  const ok = confirmationMatches(typed, profile);
  return (
    <ModalDialog title={`Apply the fix plan to ${profile}?`} onCancel={onCancel} testId="fix-apply-confirm">
      <ul className="dialog__list">
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
          <label className="field__label" htmlFor={nameId}>
            Type the profile name <strong>{profile}</strong> to confirm
          </label>
          <input
            id={nameId}
            className="input input--mono"
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            autoComplete="off"
            spellCheck={false}
            data-autofocus
            data-testid="fix-apply-confirm-name"
          />
        </div>
        <div className="dialog__actions">
          <button type="button" className="button" onClick={onCancel} data-testid="fix-apply-confirm-cancel">
            Cancel
          </button>
          <button type="submit" className="button button--danger" disabled={!ok} data-testid="fix-apply-confirm-button">
            Apply now
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
