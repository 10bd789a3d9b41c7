import type { ReactNode } from "react";
import { CopyButton } from "../../components/CopyButton";
import { IconClose } from "../../components/Icons";

type DetailHeaderProps = {
  /** Before the title (the finding's kind). */
  lead?: ReactNode;
  /** The ID shown as the title, with a button that copies it. */
  id: string;
  /** What the copy button copies, for its label: "user ID". */
  idWords: string;
  titleTestId: string;
  onClose: () => void;
  /** "Close this user". */
  closeLabel: string;
  closeTestId: string;
};

/** The title row of the user or finding opened beside a list: its ID, copyable, and Close. */
export function DetailHeader({ lead, id, idWords, titleTestId, onClose, closeLabel, closeTestId }: DetailHeaderProps) {
  return (
    <div className="rbac-toolbar rbac-toolbar--center">
      {lead}
      <h2 className="card__title rbac-toolbar__grow graph-detail__title" data-testid={titleTestId}>
        <span className="mono">{id}</span> <CopyButton text={id} what={idWords} compact />
      </h2>
      <button
        type="button"
        className="button button--ghost button--small"
        onClick={onClose}
        data-testid={closeTestId}
        aria-label={closeLabel}
      >
        <IconClose />
        Close
      </button>
    </div>
  );
}
