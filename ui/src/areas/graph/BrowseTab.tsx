import { useCallback, useEffect, useMemo } from "react";
import type { Navigate } from "../../app/navigation";
import { useToast } from "../../app/toast";
import { commands, type ExportFormat, type GraphUserView, type ProfileView } from "../../bindings";
import { ErrorNotice } from "../../components/ErrorNotice";
import { IconDownload, IconSearch } from "../../components/Icons";
import { JobProgressBar } from "../../components/JobProgressBar";
import { Notice } from "../../components/Notice";
import { TextField } from "../../components/TextField";
import { useRows, type PageRequest, type Rows } from "../../components/useRows";
import { graphStore, useGraphState } from "./graphStore";
import { GraphList } from "./GraphList";
import { NodeDetail } from "./NodeDetail";
import {
  debounce,
  SEARCH_DEBOUNCE_MS,
  SEARCH_MAX_PAGES,
  SEARCH_PAGE_SIZE,
  searchKey,
  totalWords,
} from "./searchState";


/** The graph's users, searched by ID or e-mail prefix, and the one opened with its Auth0 user. */
export function BrowseTab({ profile, navigate }: { profile: ProfileView; navigate: Navigate }) {
  const s = useGraphState();
  const toast = useToast();
  const debouncer = useMemo(() => debounce<string>(graphStore.search, SEARCH_DEBOUNCE_MS), []);
  useEffect(() => () => debouncer.cancel(), [debouncer]);

  const fetchPage = useCallback(
    (request: PageRequest) =>
      commands
        .graphSearch({ profile: profile.name, query: s.query, after: request.after, limit: SEARCH_PAGE_SIZE })
        .then((page) => ({ rows: page.rows, nextAfter: page.nextAfter, total: page.total })),
    [profile.name, s.query],
  );
  const rows = useRows<GraphUserView>({
    key: searchKey(profile.name, s.query, s.refresh),
    pageSize: SEARCH_PAGE_SIZE,
    maxPages: SEARCH_MAX_PAGES,
    paging: "keyset",
    fetchPage,
  });

  const exportAll = async (format: ExportFormat) => {
    const outcome = await graphStore.exportSearch(format);
    if (outcome.ok) toast(`Saved ${outcome.value.rows.toLocaleString("en-US")} users to ${outcome.value.path}`);
    else if (outcome.error.code !== "cancelled") toast(`Export failed: ${outcome.error.message}`, "error");
  };

  return (
    <>
      <div>
        <div className="rbac-toolbar">
          <TextField
            id="graph-search"
            testId="graph-search"
            label="Find users in the graph"
            value={s.draft}
            onChange={(text) => {
              graphStore.setDraft(text);
              debouncer.call(text);
            }}
            onKeyDown={(e) => {
              if (e.key === "Enter") debouncer.flush(s.draft);
            }}
            placeholder="auth0|… or ann@…"
            aria-describedby="graph-search-hint"
            className="rbac-toolbar__grow"
            mono
          />
          <button
            type="button"
            className="button"
            onClick={() => {
              debouncer.flush(s.draft);
              graphStore.refreshSearch();
            }}
            data-testid="graph-search-run"
          >
            <IconSearch />
            Search
          </button>
        </div>
        <p className="field__hint rbac-hint-below" id="graph-search-hint">
          The start of a user ID or of an e-mail; results follow as you type, Enter searches at once. Leave it empty to
          list every user.
        </p>
      </div>

      <div className="rbac-toolbar rbac-toolbar--center">
        <p className="rbac-toolbar__grow graph-total" aria-live="polite" data-testid="graph-search-total">
          {rows.error && rows.total === null ? "The search failed" : totalWords(rows.total, s.query)}
        </p>
        <div className="export-buttons" role="group" aria-label="Export the users found">
          {(["csv", "json"] as const).map((format) => (
            <button
              key={format}
              type="button"
              className="button button--ghost button--small"
              disabled={s.exporting !== null || rows.total === 0}
              onClick={() => void exportAll(format)}
              title={`Save every user this search finds as ${format.toUpperCase()} in the export folder`}
              data-testid={`graph-export-${format}`}
            >
              <IconDownload />
              {s.exporting?.format === format ? "Saving…" : format.toUpperCase()}
            </button>
          ))}
        </div>
      </div>
      <JobProgressBar
        title={`Exporting ${s.query ? `the users matching “${s.query}”` : "every user of the graph"}`}
        job={s.exporting}
        onCancel={graphStore.cancelExport}
        testId="graph-export-progress"
      />
      {s.exported ? (
        <Notice tone="success" testId="graph-export-result">
          <p>
            Saved {s.exported.rows.toLocaleString("en-US")} users to{" "}
            <code className="inline-code" data-testid="graph-export-path">
              {s.exported.path}
            </code>
            .{" "}
            <button type="button" className="link-button" onClick={graphStore.dismissExport}>
              Dismiss
            </button>
          </p>
        </Notice>
      ) : s.exportError?.code === "cancelled" ? (
        <Notice tone="info" testId="graph-export-cancelled">
          <p>
            The export was cancelled; no file was written.{" "}
            <button type="button" className="link-button" onClick={graphStore.dismissExport}>
              Dismiss
            </button>
          </p>
        </Notice>
      ) : null}
      {rows.error ? (
        <ErrorNotice
          title="The graph could not be searched"
          error={rows.error}
          onRetry={rows.retry}
          retryTestId="graph-search-retry"
          testId="graph-search-error"
        />
      ) : null}

      <div className={`graph-split${s.selectedId ? " graph-split--open" : ""}`}>
        <UserList rows={rows} selectedId={s.selectedId} query={s.query} />
        {s.selectedId ? (
          <NodeDetail key={s.selectedId} profile={profile} id={s.selectedId} navigate={navigate} />
        ) : null}
      </div>
    </>
  );
}

function UserList({
  rows,
  selectedId,
  query,
}: {
  rows: Rows<GraphUserView>;
  selectedId: string | null;
  query: string;
}) {
  const total = rows.total ?? 0;
  if (rows.loading) {
    return (
      <p className="loading-state" role="status" data-testid="graph-rows-loading">
        <span className="loading-state__spinner" aria-hidden="true" />
        Searching the graph…
      </p>
    );
  }
  if (rows.total === 0) {
    return (
      <p className="data-table__empty graph-list" data-testid="graph-rows-none">
        {query ? `No user’s ID or e-mail starts with “${query}”.` : "The graph has no user nodes with the mapped label."}
      </p>
    );
  }
  return (
    <GraphList
      heads={["User ID", "E-mail", "Name"]}
      total={total}
      onRange={rows.onRange}
      label="Users in the graph"
      testId="graph-rows"
      renderRow={(i) => <UserRow user={rows.row(i)} pastEnd={rows.pastEnd(i)} selected={rows.row(i)?.id === selectedId} />}
      foot={
        <p className="graph-list__foot text-muted" data-testid="graph-rows-held">
          Rows are fetched from the graph as you scroll; {rows.held.toLocaleString("en-US")} held now.
        </p>
      }
    />
  );
}

function UserRow({ user, pastEnd, selected }: { user: GraphUserView | undefined; pastEnd: boolean; selected: boolean }) {
  if (!user) {
    return <span className="virtual-rows__placeholder">{pastEnd ? "—" : "Loading…"}</span>;
  }
  return (
    <button
      type="button"
      className="graph-row"
      aria-current={selected}
      onClick={() => graphStore.select(user.id)}
      data-testid={`graph-row-${user.id}`}
      title="Open this user’s nodes and Auth0 user"
    >
      <span className="mono">{user.id}</span>
      <span>
        {user.email ?? <span className="text-muted">—</span>}
        {user.email && user.emailVerified === false ? <span className="chip chip--small chip--warning">unverified</span> : null}
      </span>
      <span>{user.name ?? ""}</span>
    </button>
  );
}
