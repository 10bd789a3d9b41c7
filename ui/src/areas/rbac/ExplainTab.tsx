import { useCallback, useEffect, useState, type KeyboardEvent } from "react";
import { commands, type ApiError, type ExplainAnswer, type ExplainView } from "../../bindings";
import { BusyButton } from "../../components/BusyButton";
import { ChoiceField } from "../../components/ChoiceField";
import { IconSearch, IconShieldCheck, IconShieldX } from "../../components/Icons";
import { Notice } from "../../components/Notice";
import { TextField } from "../../components/TextField";
import { rbacStore, type RbacState } from "./rbacStore";
import { useLatestRequest } from "./useLatestRequest";
import { apiChoices, isCompleteQuestion, pathWords, scopeOptions, userLabel } from "./userWords";

const SCOPES_ID = "rbac-explain-scopes";

/** Why a user has a permission, by every path, or why not and which roles would grant it. */
export function ExplainTab({ state }: { state: RbacState }) {
  const draft = state.explain;
  const profile = state.profile;
  const request = useLatestRequest<ExplainView>();
  const { start } = request;
  const [incomplete, setIncomplete] = useState(false);

  // Reads the question from the store, so a value the browser has just put in
  // (a suggestion chosen with Enter) is part of it.
  const ask = useCallback(() => {
    const question = rbacStore.get().explain;
    const complete = isCompleteQuestion(question);
    setIncomplete(!complete);
    if (!complete) return;
    const { userId, permission, api } = question;
    start(() => commands.rbacExplain({ profile, userId: userId.trim(), permission: permission.trim(), api }));
  }, [profile, start]);

  // Opened with a question (from a user's permissions, say): answer it at once.
  useEffect(() => {
    if (isCompleteQuestion(rbacStore.get().explain)) ask();
  }, [ask]);

  const onEnter = (e: KeyboardEvent) => {
    if (e.key === "Enter") window.setTimeout(ask, 0);
  };
  const choices = apiChoices(state.overview, draft.api);
  return (
    <>
      <div className="rbac-explain-form" data-testid="rbac-explain-form">
        <TextField
          id="rbac-explain-user"
          label="User ID"
          value={draft.userId}
          onChange={(userId) => rbacStore.setExplain({ userId })}
          onKeyDown={onEnter}
          placeholder="auth0|64f1…"
          hint="Copy it from Users."
          mono
          testId="rbac-explain-user"
        />
        <TextField
          id="rbac-explain-permission"
          label="Permission"
          value={draft.permission}
          onChange={(permission) => rbacStore.setExplain({ permission })}
          onKeyDown={onEnter}
          placeholder="read:orders"
          hint="A scope of one of the tenant’s APIs."
          list={SCOPES_ID}
          mono
          testId="rbac-explain-permission"
        />
        <datalist id={SCOPES_ID}>
          {scopeOptions(state.overview).map((o) => (
            <option key={o.value} value={o.value} label={o.apis.join(", ")} />
          ))}
        </datalist>
        <ChoiceField
          id="rbac-explain-api"
          label="API"
          value={draft.api ?? ""}
          choices={choices}
          onChange={(api) => rbacStore.setExplain({ api: api || null })}
          hint={draft.api ? "Only this API is checked." : "Checked on every API that defines it."}
        />
      </div>
      <div className="rbac-form-actions">
        <BusyButton
          busy={request.running}
          busyLabel="Explaining…"
          icon={<IconSearch />}
          className="button button--primary"
          onClick={ask}
          testId="rbac-explain-run"
        >
          Explain
        </BusyButton>
        {incomplete ? (
          <span className="text-warning" role="alert" data-testid="rbac-explain-incomplete">
            Enter a user ID and a permission, then explain.
          </span>
        ) : null}
      </div>
      <ExplainOutcome running={request.running} error={request.error} view={request.value} />
    </>
  );
}

function ExplainOutcome({ running, error, view }: { running: boolean; error: ApiError | null; view: ExplainView | null }) {
  if (error) return <ExplainError error={error} />;
  if (running) {
    return (
      <p className="loading-state" role="status" data-testid="rbac-explain-running">
        <span className="loading-state__spinner" aria-hidden="true" />
        Reading the user’s roles and permissions…
      </p>
    );
  }
  if (!view) {
    return (
      <p className="card__text" data-testid="rbac-explain-start">
        Enter a user and a permission: the answer lists every path by which the user holds it, or why not.
      </p>
    );
  }
  return <ExplainResult view={view} />;
}

function ExplainError({ error }: { error: ApiError }) {
  return (
    <Notice tone="danger" title="The question could not be answered" role="alert" testId="rbac-explain-error">
      <p>{error.message}</p>
      {error.code === "notFound" ? (
        <div className="notice__actions">
          <button type="button" className="button button--small" onClick={() => rbacStore.setTab("users")}>
            Find the user
          </button>
        </div>
      ) : null}
    </Notice>
  );
}

function ExplainResult({ view }: { view: ExplainView }) {
  const { user } = view;
  return (
    <section className="rbac-detail" aria-label="Answer" data-testid="rbac-explain-result">
      <p className="rbac-explain-user" data-testid="rbac-explain-user-line">
        <strong>{userLabel(user)}</strong>{" "}
        {userLabel(user) === user.userId ? null : <code className="inline-code">{user.userId}</code>}{" "}
        {view.granted ? "has" : "does not have"} <code className="inline-code">{view.permission}</code>.{" "}
        <button type="button" className="link-button" onClick={() => rbacStore.openUser(user.userId)}>
          Open user
        </button>
      </p>
      {view.answers.length === 0 ? (
        <Notice tone="warning" testId="rbac-explain-no-api">
          No API defines <code className="inline-code">{view.permission}</code>. Check the spelling, or choose the API.
        </Notice>
      ) : (
        view.answers.map((a) => <AnswerCard key={a.api} answer={a} />)
      )}
    </section>
  );
}

function AnswerCard({ answer }: { answer: ExplainAnswer }) {
  const api = answer.apiName ?? answer.api;
  return (
    <article className="rbac-answer" data-testid={`rbac-explain-answer-${answer.api}`}>
      <h3 className={`verdict-line verdict-line--${answer.granted ? "ok" : "bad"} rbac-answer__verdict`}>
        {answer.granted ? <IconShieldCheck /> : <IconShieldX />}
        <span data-testid="rbac-explain-verdict">{answer.granted ? "GRANTED" : "NOT GRANTED"}</span>
        <span className="rbac-answer__api">on {api}</span>
      </h3>
      <p>{answer.reason}</p>
      {answer.paths.length > 0 ? (
        <div>
          <h4 className="rbac-section-title">How the user has it</h4>
          <ul className="rbac-paths" data-testid="rbac-explain-paths">
            {answer.paths.map((p) => (
              <li key={p.kind === "role" ? p.id : "direct"}>{pathWords(p)}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {!answer.granted && answer.rolesThatGrant.length > 0 ? (
        <div>
          <h4 className="rbac-section-title">Roles that would grant it</h4>
          <ul className="source-list rbac-chips" data-testid="rbac-explain-would-grant">
            {answer.rolesThatGrant.map((r) => (
              <li key={r.id} className="chip chip--accent">
                <button
                  type="button"
                  className="rbac-chip-button"
                  title="Open this role"
                  onClick={() => rbacStore.openRole(r.id)}
                >
                  {r.name}
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </article>
  );
}
