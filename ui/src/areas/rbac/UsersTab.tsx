import { useCallback, useEffect, useRef, useState, type RefObject } from "react";
import { commands, type ApiError, type EffectiveView, type UserRbac, type UserSummary } from "../../bindings";
import { BusyButton } from "../../components/BusyButton";
import { CopyButton } from "../../components/CopyButton";
import { DataTable, type Column } from "../../components/DataTable";
import { ErrorNotice } from "../../components/ErrorNotice";
import { ExportButtons } from "../../components/ExportButtons";
import { FactList } from "../../components/FactList";
import { IconSearch } from "../../components/Icons";
import { Notice } from "../../components/Notice";
import { TextField } from "../../components/TextField";
import { userPermissionsTable, usersTable } from "./exportTables";
import { permissionColumns } from "./PermissionName";
import { rbacStore, type RbacState } from "./rbacStore";
import { useLatestRequest } from "./useLatestRequest";
import { usersMemory, type UsersSearch } from "./usersMemory";
import {
  hasNextPage,
  hasPreviousPage,
  lastLoginWords,
  pageRangeText,
  sourceChipText,
  userLabel,
  verifiedWords,
} from "./userWords";

const QUERY_ID = "rbac-user-query";

/** A search of the tenant's users; the user opened shows their roles and effective permissions instead. */
export function UsersTab({ state }: { state: RbacState }) {
  const profile = state.profile;
  if (state.userId) return <UserDetail key={`${profile}\u0000${state.userId}`} profile={profile} userId={state.userId} />;
  return <UserSearch key={profile ?? ""} profile={profile} />;
}

/** The search box and the last search's page, both remembered across tabs. */
function useUsersSearch(profile: string | null) {
  const [remembered] = useState(() => usersMemory.recall(profile));
  const [draft, setDraftText] = useState(remembered.draft);
  const request = useLatestRequest<UsersSearch>(remembered.last);
  const { start } = request;

  /** The last search asked for, answered or not: what "Try again" repeats. */
  const asked = useRef<{ query: string; page: number } | null>(null);

  const setDraft = (text: string) => {
    setDraftText(text);
    usersMemory.remember(profile, { draft: text });
  };
  const search = useCallback(
    (query: string, page: number) => {
      asked.current = { query, page };
      start(
        async () => ({ query, page, result: await commands.usersSearch({ profile, query, page }) }),
        (last) => usersMemory.remember(profile, { last }),
      );
    },
    [start, profile],
  );
  const retry = () => {
    if (asked.current) search(asked.current.query, asked.current.page);
  };
  return { draft, setDraft, search, retry, request, returnTo: remembered.returnTo };
}

function UserSearch({ profile }: { profile: string | null }) {
  const { draft, setDraft, search, retry, request, returnTo } = useUsersSearch(profile);
  const returnRow = useRef<HTMLButtonElement>(null);
  const last = request.value;
  const submit = () => search(draft.trim(), 0);

  // Back from a user's view: focus returns to their row (or the search box), not to the page's top.
  useEffect(() => {
    if (!returnTo) return;
    (returnRow.current ?? document.getElementById(QUERY_ID))?.focus();
    usersMemory.remember(profile, { returnTo: null });
  }, [returnTo, profile]);

  return (
    <>
      <div>
        <div className="rbac-toolbar">
          <TextField
            id={QUERY_ID}
            label="Find users"
            value={draft}
            onChange={setDraft}
            onKeyDown={(e) => {
              if (e.key === "Enter") submit();
            }}
            aria-describedby={`${QUERY_ID}-hint`}
            className="rbac-toolbar__grow"
            testId="rbac-user-query"
          />
          <BusyButton
            busy={request.running}
            busyLabel="Searching…"
            icon={<IconSearch />}
            className="button button--primary"
            onClick={submit}
            testId="rbac-user-search"
          >
            Search
          </BusyButton>
        </div>
        <p className="field__hint rbac-hint-below" id={`${QUERY_ID}-hint`}>
          A name or e-mail, or Auth0 query syntax such as <code className="inline-code">email_verified:false</code>.
          Press Enter to search; leave it empty to list every user.
        </p>
      </div>
      {request.error ? <SearchError error={request.error} onRetry={retry} /> : null}
      {last ? (
        <Results search={last} busy={request.running} onPage={(page) => search(last.query, page)} returnTo={returnTo} returnRow={returnRow} />
      ) : (
        <p className="card__text" data-testid="rbac-users-start">
          Search for a user to see their roles and every permission they hold, with where each one comes from.
        </p>
      )}
    </>
  );
}

function SearchError({ error, onRetry }: { error: ApiError; onRetry: () => void }) {
  return (
    <ErrorNotice title="The search failed" error={error} onRetry={onRetry} testId="rbac-users-error" />
  );
}

type ResultsProps = {
  search: UsersSearch;
  busy: boolean;
  onPage: (page: number) => void;
  /** The user whose row takes focus back (see UserSearch). */
  returnTo: string | null;
  returnRow: RefObject<HTMLButtonElement | null>;
};

function Results({ search, busy, onPage, returnTo, returnRow }: ResultsProps) {
  const page = search.result;
  const what = search.query ? `users matching “${search.query}”` : "users";
  return (
    <section className="rbac-detail" aria-label="Users found" aria-busy={busy} data-testid="rbac-users-results">
      <div className="rbac-toolbar">
        <h2 className="rbac-section-title rbac-toolbar__grow">{search.query ? `Users matching “${search.query}”` : "All users"}</h2>
        <ExportButtons
          what={`this page of ${what}`}
          testId="rbac-users-export"
          disabled={page.users.length === 0}
          save={(format) => commands.exportTable({ ...usersTable(page, search.query), format })}
        />
      </div>
      {page.capped ? (
        <Notice tone="warning" testId="rbac-users-capped">
          More than 1,000 users match: narrow the query; a full export comes with the audit.
        </Notice>
      ) : null}
      {page.users.length === 0 ? (
        <p className="data-table__empty" data-testid="rbac-users-none">
          No user matches. Check the spelling, or search for part of a name or e-mail.
        </p>
      ) : (
        <UsersTable users={page.users} returnTo={returnTo} returnRow={returnRow} />
      )}
      <nav className="rbac-pager" aria-label="Pages of users">
        <button
          type="button"
          className="button button--small"
          disabled={busy || !hasPreviousPage(page)}
          onClick={() => onPage(page.page - 1)}
          data-testid="rbac-users-previous"
        >
          Previous
        </button>
        <span className="rbac-pager__range" aria-live="polite" data-testid="rbac-users-range">
          {pageRangeText(page)}
        </span>
        <button
          type="button"
          className="button button--small"
          disabled={busy || !hasNextPage(page)}
          onClick={() => onPage(page.page + 1)}
          data-testid="rbac-users-next"
        >
          Next
        </button>
      </nav>
    </section>
  );
}

type UsersTableProps = Pick<ResultsProps, "returnTo" | "returnRow"> & { users: UserSummary[] };

function UsersTable({ users, returnTo, returnRow }: UsersTableProps) {
  return (
    <DataTable
      label="Users found"
      testId="rbac-users-table"
      columns={[
        {
          id: "id",
          header: "User ID",
          cell: (u) => (
            <button
              type="button"
              className="link-button mono"
              title="Open this user"
              ref={u.userId === returnTo ? returnRow : undefined}
              onClick={() => rbacStore.openUser(u.userId)}
              data-testid={`rbac-user-open-${u.userId}`}
            >
              {u.userId}
            </button>
          ),
        },
        { id: "email", header: "E-mail", cell: (u) => <EmailCell user={u} /> },
        { id: "name", header: "Name", cell: (u) => u.name ?? "" },
        { id: "connection", header: "Connection", cell: (u) => u.connection ?? "" },
        { id: "lastLogin", header: "Last login", cell: (u) => lastLoginWords(u.lastLogin) },
      ]}
      rows={users}
      rowKey={(u) => u.userId}
      rowAttributes={(u) => ({ "data-testid": `rbac-user-row-${u.userId}` })}
    />
  );
}

function EmailCell({ user }: { user: UserSummary }) {
  if (!user.email) return <span className="text-muted">—</span>;
  return (
    <>
      {user.email}
      {user.emailVerified === false ? (
        <>
          {" "}
          <span className="chip chip--small chip--warning" title="The user has not verified this e-mail address">
            unverified
          </span>
        </>
      ) : null}
    </>
  );
}

/** One user: facts, roles, and every permission they hold with where it comes from. */
function UserDetail({ profile, userId }: { profile: string | null; userId: string }) {
  const request = useLatestRequest<UserRbac>();
  const { start } = request;
  const load = useCallback(() => start(() => commands.rbacUser({ profile, userId })), [start, profile, userId]);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(load, [load]);
  // The button that opened this view is gone: the heading takes focus.
  useEffect(() => heading.current?.focus(), []);

  const back = () => {
    usersMemory.remember(profile, { returnTo: userId });
    rbacStore.openUser(null);
  };
  const rbac = request.value;
  return (
    <div className="rbac-detail" data-testid="rbac-user-detail">
      <div className="rbac-toolbar rbac-toolbar--center">
        <button type="button" className="button button--small" onClick={back} data-testid="rbac-user-back">
          Back to results
        </button>
        <h2 className="card__title rbac-toolbar__grow" tabIndex={-1} ref={heading} data-testid="rbac-user-title">
          {rbac ? userLabel(rbac.user) : userId}
        </h2>
        {rbac ? (
          <ExportButtons
            what={`permissions of ${userLabel(rbac.user)}`}
            testId="rbac-user-export"
            save={(format) => commands.exportTable({ ...userPermissionsTable(rbac), format })}
          />
        ) : null}
      </div>
      {request.error ? <UserError error={request.error} onRetry={load} onBack={back} /> : null}
      {request.running && !rbac ? (
        <p className="loading-state" role="status" data-testid="rbac-user-loading">
          <span className="loading-state__spinner" aria-hidden="true" />
          Loading the user’s roles and permissions…
        </p>
      ) : null}
      {rbac && !request.error ? <UserFacts rbac={rbac} /> : null}
    </div>
  );
}

function UserError({ error, onRetry, onBack }: { error: ApiError; onRetry: () => void; onBack: () => void }) {
  const missing = error.code === "notFound";
  return (
    <ErrorNotice
      title={missing ? "No such user" : "The user could not be loaded"}
      error={error}
      onRetry={missing ? undefined : onRetry}
      actions={
        <button type="button" className="button button--small" onClick={onBack}>
          Back to results
        </button>
      }
      testId="rbac-user-error"
    />
  );
}

function UserFacts({ rbac }: { rbac: UserRbac }) {
  const { user, roles } = rbac;
  return (
    <>
      <FactList
        facts={[
          {
            label: "User ID",
            testId: "rbac-user-id",
            value: (
              <>
                <code className="inline-code">{user.userId}</code> <CopyButton text={user.userId} what="user ID" compact />
              </>
            ),
          },
          { label: "E-mail", testId: "rbac-user-email", value: user.email ?? "—" },
          { label: "E-mail verified", testId: "rbac-user-verified", value: verifiedWords(user.emailVerified) },
          { label: "Connection", value: user.connection ?? "—" },
          { label: "Linked identities", testId: "rbac-user-linked", value: <Linked identities={user.linked} /> },
          { label: "Last login", value: lastLoginWords(user.lastLogin) },
          { label: "Logins", value: user.loginsCount === null ? "—" : user.loginsCount.toLocaleString("en-US") },
        ]}
      />
      <section aria-label={`Roles of ${userLabel(user)}`}>
        <h3 className="rbac-section-title">Roles ({roles.length})</h3>
        {roles.length === 0 ? (
          <p className="text-muted">No roles: any permission below is given directly.</p>
        ) : (
          <ul className="source-list rbac-chips" data-testid="rbac-user-roles">
            {roles.map((r) => (
              <li key={r.id} className="chip chip--accent">
                {r.name}
              </li>
            ))}
          </ul>
        )}
      </section>
      <EffectivePermissions rbac={rbac} />
    </>
  );
}

function Linked({ identities }: { identities: string[] }) {
  if (identities.length === 0) return <span className="text-muted">None</span>;
  return (
    <ul className="source-list rbac-chips">
      {identities.map((id) => (
        <li key={id} className="chip chip--small">
          {id}
        </li>
      ))}
    </ul>
  );
}

function EffectivePermissions({ rbac }: { rbac: UserRbac }) {
  const userId = rbac.user.userId;
  return (
    <section aria-label={`Permissions of ${userLabel(rbac.user)}`}>
      <h3 className="rbac-section-title">Effective permissions ({rbac.permissions.length})</h3>
      {rbac.permissions.length === 0 ? (
        <Notice tone="info">This user holds no permissions: no role or direct grant gives them any.</Notice>
      ) : (
        <DataTable
          label={`Permissions of ${userLabel(rbac.user)}`}
          testId="rbac-user-permissions"
          columns={effectiveColumns(userId)}
          rows={rbac.permissions}
          rowKey={({ permission }) => `${permission.api} ${permission.name}`}
        />
      )}
    </section>
  );
}

function effectiveColumns(userId: string): Column<EffectiveView>[] {
  return [
    ...permissionColumns<EffectiveView>((row) => row.permission),
    {
      id: "from",
      header: "From",
      sortValue: ({ sources }) => sources.map(sourceChipText).join(", "),
      cell: ({ sources }) => (
        <ul className="source-list rbac-chips">
          {sources.map((s) => (
            <li key={s.kind === "role" ? s.id : "direct"} className="chip chip--small">
              {sourceChipText(s)}
            </li>
          ))}
        </ul>
      ),
    },
    {
      id: "why",
      header: <span className="visually-hidden">Why</span>,
      cell: ({ permission }) => (
        <button
          type="button"
          className="link-button"
          aria-label={`Explain ${permission.name} on ${permission.apiName}`}
          onClick={() => rbacStore.explain({ userId, permission: permission.name, api: permission.api })}
          data-testid={`rbac-user-explain-${permission.name}`}
        >
          Explain
        </button>
      ),
    },
  ];
}
