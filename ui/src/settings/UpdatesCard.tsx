import { useEffect } from "react";
import type { UpdateAvailable, UpdateSettings } from "../bindings";
import { BusyButton } from "../components/BusyButton";
import { Card } from "../components/Card";
import { FactList } from "../components/FactList";
import { IconDownload, IconRefresh } from "../components/Icons";
import { JobProgressBar } from "../components/JobProgressBar";
import { Notice } from "../components/Notice";
import { updateStore } from "./updateStore";
import {
  availableTitle,
  failureView,
  installedText,
  publishedOn,
  UPDATES_OFF_TEXT,
  type UpdateFailure,
  type UpdateState,
} from "./updateState";

/** The version running, and in-app updates: off in builds without an update endpoint. */
export function UpdatesCard() {
  const state = updateStore.use();
  useEffect(() => {
    void updateStore.load();
  }, []);
  return (
    <Card title="About and updates" icon={<IconDownload />} className="updates-card">
      <div data-testid="updates-card" className="updates-card__body">
        <UpdatesBody state={state} />
      </div>
    </Card>
  );
}

function UpdatesBody({ state }: { state: UpdateState }) {
  switch (state.kind) {
    case "loading":
      return <p className="text-muted">Reading this build’s update settings…</p>;
    case "unknown":
      return (
        <Notice tone="warning" role="alert" testId="updates-unknown">
          {state.error.message}
        </Notice>
      );
    case "off":
      return (
        <>
          <VersionFacts settings={state.settings} />
          <Notice tone="info" testId="updates-off">
            {UPDATES_OFF_TEXT}
          </Notice>
        </>
      );
    case "on":
      return (
        <>
          <VersionFacts settings={state.settings} />
          <CheckRow checking={state.checking} upToDate={state.checked !== null && state.checked.available === null} />
          {state.failure ? <FailureNotice failure={state.failure} /> : null}
          {state.checked?.available ? (
            <AvailableUpdate update={state.checked.available} canInstall={!state.failure || failureView(state.failure).installAgain} />
          ) : null}
        </>
      );
    case "installing":
      return (
        <>
          <VersionFacts settings={state.settings} />
          <JobProgressBar
            title={`Installing IdLens ${state.update.version}`}
            job={state}
            onCancel={updateStore.cancel}
            testId="update-progress"
          />
        </>
      );
    case "installed":
      return (
        <>
          <VersionFacts settings={state.settings} />
          <Notice tone="success" role="status" testId="update-installed">
            {installedText(state.installed)}
          </Notice>
        </>
      );
  }
}

function VersionFacts({ settings }: { settings: UpdateSettings }) {
  return (
    <FactList
      facts={[
        { label: "Version", testId: "app-version", value: <span>IdLens {settings.currentVersion}</span> },
        ...(settings.endpoint ? [{ label: "Updates from", testId: "update-endpoint", value: <span>{settings.endpoint}</span> }] : []),
      ]}
    />
  );
}

function CheckRow({ checking, upToDate }: { checking: boolean; upToDate: boolean }) {
  return (
    <div className="updates-card__row">
      <BusyButton
        busy={checking}
        busyLabel="Checking…"
        icon={<IconRefresh />}
        className="button button--small"
        onClick={() => void updateStore.check()}
        testId="update-check"
      >
        Check for updates
      </BusyButton>
      {upToDate ? (
        <span className="text-ok" role="status" data-testid="update-latest">
          You have the latest version
        </span>
      ) : null}
    </div>
  );
}

function AvailableUpdate({ update, canInstall }: { update: UpdateAvailable; canInstall: boolean }) {
  const published = publishedOn(update.date);
  return (
    <section className="updates-card__available" aria-label="Available update" data-testid="update-available">
      <strong>{availableTitle(update)}</strong>
      {published ? <span className="text-muted">Published {published}</span> : null}
      {update.notes ? <p className="updates-card__notes">{update.notes}</p> : null}
      {canInstall ? (
        <div>
          <button type="button" className="button button--primary button--small" onClick={updateStore.install} data-testid="update-install">
            <IconDownload />
            Install
          </button>
        </div>
      ) : null}
    </section>
  );
}

function FailureNotice({ failure }: { failure: UpdateFailure }) {
  const view = failureView(failure);
  return (
    <Notice tone={view.tone} title={view.title} role="alert" testId="update-error">
      {failure.error.message}
    </Notice>
  );
}
