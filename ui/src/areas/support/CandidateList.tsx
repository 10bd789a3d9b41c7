import type { UserSummary } from "../../bindings";
import { DataTable, type Column } from "../../components/DataTable";
import { Notice } from "../../components/Notice";
import { supportStore } from "./supportStore";
import { dateWords } from "./supportWords";

const COLUMNS: readonly Column<UserSummary>[] = [
  {
    id: "user",
    header: "User",
    rowHeader: true,
    cell: (u) => (
      <button
        type="button"
        className="link-button"
        onClick={() => supportStore.open(u.userId)}
        data-testid="support-candidate"
      >
        {u.userId}
      </button>
    ),
  },
  { id: "connection", header: "Connection", cell: (u) => u.connection ?? "—" },
  { id: "name", header: "Name", cell: (u) => u.name ?? "—" },
  { id: "lastLogin", header: "Last login", cell: (u) => (u.lastLogin ? dateWords(u.lastLogin) : "never") },
];

/** Several users share the e-mail (one per connection): support opens the one the customer signs in to. */
export function CandidateList({ lookedUp, candidates }: { lookedUp: string; candidates: UserSummary[] }) {
  return (
    <div className="support__candidates" data-testid="support-candidates">
      <Notice tone="info" title={`${candidates.length} accounts have “${lookedUp}”`}>
        One per connection. Ask the customer how they sign in (password, Google, …) and open that account.
      </Notice>
      <DataTable label={`Accounts with ${lookedUp}`} columns={COLUMNS} rows={candidates} rowKey={(u) => u.userId} />
    </div>
  );
}
