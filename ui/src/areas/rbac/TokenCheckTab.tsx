import { useState } from "react";
import type { Navigate } from "../../app/navigation";
import { commands, type ApiError, type TokenCheckView } from "../../bindings";
import { BusyButton } from "../../components/BusyButton";
import { CopyButton } from "../../components/CopyButton";
import { FactList } from "../../components/FactList";
import { IconClock, IconShieldCheck, IconShieldX, IconWarning } from "../../components/Icons";
import { Notice } from "../../components/Notice";
import { useNow } from "../../components/useNow";
import { useInspectorMemory } from "../inspector/inspectorMemory";
import { useSessionState } from "../session/sessionStore";
import { rbacStore, type RbacState, type TokenSource } from "./rbacStore";
import { checkTitle, checkTone, expiryWords, secondsLeft, tokenPreview, tokenToCheck } from "./tokenCheckWords";
import { useLatestRequest } from "./useLatestRequest";
import { userLabel } from "./userWords";

const SOURCES: { kind: TokenSource; label: string }[] = [
  { kind: "session", label: "This session’s access token" },
  { kind: "pasted", label: "Paste a token" },
  { kind: "inspector", label: "The token in the Inspector" },
];

/** A token's answer, with when it came (seconds since the epoch) so its time left keeps counting. */
type CheckedToken = { view: TokenCheckView; checkedAt: number };

/** A token's permissions against what its user is granted now. */
export function TokenCheckTab({ state, navigate }: { state: RbacState; navigate: Navigate }) {
  // A pasted token lives here only: never in a store, gone when the tab closes.
  const [pasted, setPasted] = useState("");
  const inspectorToken = useInspectorMemory().token;
  const session = useSessionState();
  const signedIn = session.profile === state.profile && session.view?.user != null;
  const request = useLatestRequest<CheckedToken>();
  const source = state.tokenSource;
  const token = tokenToCheck(source, pasted, inspectorToken, signedIn);

  const check = () => {
    if (!token) return;
    request.start(async () => {
      const view = await commands.rbacTokenCheck({ profile: state.profile, token });
      return { view, checkedAt: Math.floor(Date.now() / 1000) };
    });
  };
  // An answer is about the token that was checked: another one makes it moot.
  const choose = (kind: TokenSource) => {
    request.reset();
    rbacStore.setTokenSource(kind);
  };
  const paste = (text: string) => {
    request.reset();
    setPasted(text);
  };

  return (
    <>
      <fieldset className="rbac-choices" data-testid="rbac-token-source">
        <legend className="field__label">Token to check</legend>
        {SOURCES.map((s) => (
          <label key={s.kind} className="rbac-choice">
            <input
              type="radio"
              name="rbac-token-source"
              value={s.kind}
              checked={source === s.kind}
              onChange={() => choose(s.kind)}
              data-testid={`rbac-token-source-${s.kind}`}
            />
            {s.label}
          </label>
        ))}
      </fieldset>
      {source === "session" ? (
        <SessionSource signedIn={signedIn} checking={session.view === null && session.activity !== null} navigate={navigate} />
      ) : source === "pasted" ? (
        <PastedSource text={pasted} onChange={paste} />
      ) : (
        <InspectorSource token={inspectorToken} navigate={navigate} />
      )}
      <div className="rbac-form-actions">
        <BusyButton
          busy={request.running}
          busyLabel="Checking…"
          disabled={!token}
          icon={<IconShieldCheck />}
          className="button button--primary"
          onClick={check}
          testId="rbac-token-check"
        >
          Check
        </BusyButton>
      </div>
      {request.error ? <CheckError error={request.error} navigate={navigate} /> : null}
      {request.value && !request.error && !request.running ? <CheckResult checked={request.value} /> : null}
    </>
  );
}

type SessionSourceProps = { signedIn: boolean; checking: boolean; navigate: Navigate };

function SessionSource({ signedIn, checking, navigate }: SessionSourceProps) {
  if (signedIn) {
    return (
      <p className="card__text" data-testid="rbac-token-session">
        Checks the access token of your sign-in on Session. It is read in the core and never shown here.
      </p>
    );
  }
  if (checking) {
    return (
      <p className="card__text" role="status" data-testid="rbac-token-session">
        Checking whether you are signed in…
      </p>
    );
  }
  return (
    <Notice tone="info" testId="rbac-token-session">
      <p>You are not signed in with this profile. Sign in on Session, then check its token here.</p>
      <div className="notice__actions">
        <button type="button" className="button button--small" onClick={() => navigate("session")}>
          Go to Session
        </button>
      </div>
    </Notice>
  );
}

function PastedSource({ text, onChange }: { text: string; onChange: (text: string) => void }) {
  return (
    <div className="field">
      <label className="field__label" htmlFor="rbac-token-paste">
        Access token
      </label>
      <textarea
        id="rbac-token-paste"
        className="input input--mono rbac-token-paste"
        value={text}
        onChange={(e) => onChange(e.target.value)}
        placeholder="eyJhbGciOi…"
        rows={4}
        spellCheck={false}
        autoComplete="off"
        autoCapitalize="off"
        autoCorrect="off"
        translate="no"
        aria-describedby="rbac-token-paste-hint"
        data-testid="rbac-token-paste"
      />
      <p className="field__hint" id="rbac-token-paste-hint">
        An access token for one of the tenant’s APIs. It is checked on this machine and forgotten when you leave this tab.
      </p>
    </div>
  );
}

function InspectorSource({ token, navigate }: { token: string; navigate: Navigate }) {
  const preview = tokenPreview(token);
  const open = (
    <button type="button" className="button button--small" onClick={() => navigate("inspector")}>
      Open the Inspector
    </button>
  );
  if (!preview) {
    return (
      <Notice tone="info" testId="rbac-token-inspector">
        <p>The Inspector has no token. Paste one there, or choose another token to check.</p>
        <div className="notice__actions">{open}</div>
      </Notice>
    );
  }
  return (
    <div className="rbac-toolbar rbac-toolbar--center" data-testid="rbac-token-inspector">
      <p className="rbac-toolbar__grow">
        The Inspector holds <code className="inline-code" data-testid="rbac-token-inspector-preview">{preview}</code>.
      </p>
      {open}
    </div>
  );
}

function CheckError({ error, navigate }: { error: ApiError; navigate: Navigate }) {
  return (
    <Notice tone="danger" title="The token could not be checked" role="alert" testId="rbac-token-error">
      <p>{error.message}</p>
      {error.code === "signInRequired" ? (
        <div className="notice__actions">
          <button type="button" className="button button--small" onClick={() => navigate("session")}>
            Go to Session
          </button>
        </div>
      ) : null}
    </Notice>
  );
}

const TONE_ICONS = { ok: IconShieldCheck, warn: IconWarning, bad: IconShieldX } as const;

function CheckResult({ checked }: { checked: CheckedToken }) {
  const { view } = checked;
  const tone = checkTone(view);
  const Icon = TONE_ICONS[tone];
  return (
    <section className="rbac-detail" aria-label="Token check" data-testid="rbac-token-result">
      <div>
        <div className={`verdict-line verdict-line--${tone}`} role="status" data-testid="rbac-token-verdict">
          <Icon />
          {checkTitle(view)}
        </div>
        <p className="rbac-verdict-text" data-testid="rbac-token-verdict-text">
          {view.verdict}
        </p>
      </div>
      <div className="rbac-badges">
        {view.verified ? (
          <span className="badge badge--ok" data-testid="rbac-token-verified">
            <IconShieldCheck />
            Signature verified
          </span>
        ) : (
          <span
            className="badge badge--warning"
            title="The token did not verify against the tenant’s keys: its claims are only what it says."
            data-testid="rbac-token-verified"
          >
            <IconWarning />
            Signature not verified
          </span>
        )}
        <TimeLeft checked={checked} />
      </div>
      <FactList
        facts={[
          {
            label: "API",
            testId: "rbac-token-api",
            value: (
              <>
                <code className="inline-code">{view.api}</code> <CopyButton text={view.api} what="API identifier" compact />
              </>
            ),
          },
          { label: "Subject", testId: "rbac-token-subject", value: <Subject view={view} /> },
          {
            label: "Read from",
            value: (
              <>
                the <code className="inline-code">{view.fromClaim}</code> claim
              </>
            ),
          },
        ]}
      />
      <div className="rbac-token-lists">
        <PermissionList title="Matching" items={view.matching} note="In the token and granted now." testId="rbac-token-matching" />
        <PermissionList
          title="Granted since it was issued"
          items={view.missing}
          note="Not in the token: a new token would carry these."
          testId="rbac-token-missing"
        />
        <PermissionList
          title="Revoked since it was issued"
          items={view.extra}
          note="The token still carries these until it expires."
          testId="rbac-token-extra"
        />
      </div>
    </section>
  );
}

/** The time left, counting down from when the token was checked. */
function TimeLeft({ checked }: { checked: CheckedToken }) {
  const now = useNow(15_000);
  const left = secondsLeft(checked.view.expiresIn, checked.checkedAt, now);
  const expired = left !== null && left <= 0;
  return (
    <span className={`badge ${expired ? "badge--warning" : "badge--muted"}`} data-testid="rbac-token-expiry">
      <IconClock />
      {expiryWords(left)}
    </span>
  );
}

function Subject({ view }: { view: TokenCheckView }) {
  const user = view.user;
  if (!user) return <code className="inline-code">{view.subject}</code>;
  const label = userLabel(user);
  return (
    <>
      {label === user.userId ? null : <>{label} </>}
      <code className="inline-code">{view.subject}</code>{" "}
      <button
        type="button"
        className="link-button"
        onClick={() => rbacStore.openUser(user.userId)}
        data-testid="rbac-token-open-user"
      >
        Open user
      </button>
    </>
  );
}

type PermissionListProps = { title: string; items: string[]; note: string; testId: string };

function PermissionList({ title, items, note, testId }: PermissionListProps) {
  return (
    <section className="rbac-token-list" aria-label={title} data-testid={testId}>
      <h3 className="rbac-section-title">
        {title} ({items.length})
      </h3>
      <p className="field__hint">{note}</p>
      {items.length === 0 ? (
        <p className="text-muted">None.</p>
      ) : (
        <ul className="rbac-permission-list">
          {items.map((name) => (
            <li key={name}>
              <code className="inline-code">{name}</code>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
