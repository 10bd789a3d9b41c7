import type { ReactNode } from "react";
import type { SupportFix } from "../../bindings";
import { CopyableCode } from "../../components/CopyableCode";
import { ErrorNotice } from "../../components/ErrorNotice";
import { ModalDialog } from "../../components/ModalDialog";
import { Notice } from "../../components/Notice";
import { fixStore, useFixState } from "./fixStore";
import { supportStore } from "./supportStore";

/** A button that asks for one fix; nothing changes before the dialog's confirmation. */
export function FixButton({ fix, children, testId }: { fix: SupportFix; children: ReactNode; testId: string }) {
  const { applying } = useFixState();
  return (
    <button
      type="button"
      className="button button--small"
      disabled={applying}
      onClick={() => void fixStore.ask(fix)}
      data-testid={testId}
    >
      {children}
    </button>
  );
}

/** The confirmation dialog of the fix asked for, and the last fix's result. */
export function FixStatus({ profile }: { profile: string | null }) {
  const state = useFixState();
  return (
    <>
      {state.asking ? (
        <ModalDialog
          title={`${state.asking.description.title}?`}
          onCancel={fixStore.cancel}
          testId="support-fix-confirm"
        >
          <p className="card__text" data-testid="support-fix-changes">
            {state.asking.description.changes}
          </p>
          <p className="card__text">{state.asking.description.note}</p>
          <p className="card__text">
            Needs the <code className="inline-code">{state.asking.description.scope}</code> scope. The change is recorded in
            the action log.
          </p>
          <div className="dialog__actions">
            <button type="button" className="button" onClick={fixStore.cancel} data-testid="support-fix-cancel">
              Cancel
            </button>
            <button
              type="button"
              className="button button--danger"
              disabled={state.applying}
              onClick={() => void fixStore.confirm(profile, supportStore.refresh)}
              data-testid="support-fix-confirm-button"
            >
              {state.applying ? "Changing…" : state.asking.description.title}
            </button>
          </div>
        </ModalDialog>
      ) : null}
      {state.done ? (
        <Notice tone="success" title={`${state.done.title}: done`} role="status" testId="support-fix-done">
          <p>{state.done.result.after}</p>
          {state.done.result.ticket ? (
            <CopyableCode text={state.done.result.ticket.url} what="password-change link" testId="support-fix-ticket" />
          ) : null}
          <p>Recorded in the action log (record {state.done.result.record.seq}).</p>
          {state.done.result.headNotKept ? (
            <p>The log’s head is not in the OS keychain ({state.done.result.headNotKept}): a cut-short log would go unnoticed.</p>
          ) : null}
        </Notice>
      ) : null}
      {state.error ? <ErrorNotice title={`${state.error.title} failed`} error={state.error.error} /> : null}
    </>
  );
}
