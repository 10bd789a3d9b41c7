import { useEffect, type ReactNode } from "react";
import { BusyButton } from "../../components/BusyButton";
import { ErrorNotice } from "../../components/ErrorNotice";
import { IconSearch } from "../../components/Icons";
import { JobProgressBar } from "../../components/JobProgressBar";
import { tabPanelProps, Tabs, type TabItem } from "../../components/Tabs";
import { TextField } from "../../components/TextField";
import { ActionLogTab } from "./ActionLogTab";
import { CandidateList } from "./CandidateList";
import { NoMatch } from "./NoMatch";
import { SupportCardView } from "./SupportCardView";
import { supportStore, useSupportState } from "./supportStore";
import { setSupportTab, useSupportTab, type SupportTab } from "./supportTab";

const WHO_ID = "support-who";
const ID = "support";
const TABS: TabItem<SupportTab>[] = [
  { id: "customer", label: "Customer" },
  { id: "live", label: "Live" },
  { id: "actionLog", label: "Action log" },
];

/**
 * The Support area's tabs: `customer` and `live` (the tenant's logs as they
 * come; both behind the Management API's gate), and the log of every fix
 * made, which is this machine's and needs no Management API access to read
 * or verify.
 */
export function SupportWorkspace({ customer, live }: { customer: ReactNode; live: ReactNode }) {
  const tab = useSupportTab();
  return (
    <div className="support-workspace">
      <Tabs label="Support views" tabs={TABS} selected={tab} onSelect={setSupportTab} idPrefix={ID} />
      <div className="support-panel" {...tabPanelProps(ID, tab)}>
        {tab === "customer" ? customer : tab === "live" ? live : <ActionLogTab />}
      </div>
    </div>
  );
}

/** The customer box, the lookup's progress, and its answer. */
export function CustomerPanel({ profile }: { profile: string }) {
  useEffect(() => supportStore.forProfile(profile), [profile]);
  const state = useSupportState();
  const answer = state.answer;
  return (
    <div className="support">
      <div>
        <div className="rbac-toolbar">
          <TextField
            id={WHO_ID}
            label="Customer"
            value={state.draft}
            onChange={supportStore.setDraft}
            onKeyDown={(e) => {
              if (e.key === "Enter") supportStore.lookUp();
            }}
            aria-describedby={`${WHO_ID}-hint`}
            className="rbac-toolbar__grow"
            spellCheck={false}
            autoComplete="off"
            testId="support-who"
          />
          <BusyButton
            busy={state.running !== null}
            busyLabel="Looking up…"
            icon={<IconSearch />}
            className="button button--primary"
            onClick={supportStore.lookUp}
            disabled={state.draft.trim() === ""}
            testId="support-look-up"
          >
            Look up
          </BusyButton>
        </div>
        <p className="field__hint rbac-hint-below" id={`${WHO_ID}-hint`}>
          The customer’s e-mail address, user ID (like <code className="inline-code">auth0|123</code>) or username.
          Press Enter to look up.
        </p>
      </div>
      <JobProgressBar
        title="Reading the customer’s account and logs"
        job={state.running}
        onCancel={supportStore.cancel}
        testId="support-progress"
      />
      {state.error ? (
        <ErrorNotice
          title="The customer could not be looked up"
          error={state.error}
          onRetry={supportStore.retry}
          retryTestId="support-retry"
        />
      ) : null}
      {answer?.kind === "card" ? <SupportCardView card={answer.card} filter={state.filter} openEvent={state.openEvent} profile={profile} /> : null}
      {answer?.kind === "choose" ? <CandidateList lookedUp={answer.lookedUp} candidates={answer.candidates} /> : null}
      {answer?.kind === "noMatch" ? <NoMatch answer={answer} filter={state.filter} openEvent={state.openEvent} /> : null}
      {answer === null && state.running === null && state.error === null ? (
        <p className="card__text" data-testid="support-start">
          Look a customer up to see why they cannot sign in: brute-force blocks, an administrator’s block, their failed
          attempts explained, and what to do next.
        </p>
      ) : null}
    </div>
  );
}
