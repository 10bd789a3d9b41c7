import type { ReactNode } from "react";
import { sizeText } from "../areas/rbac/compareText";
import type { ApiError } from "../bindings";
import { BusyButton } from "./BusyButton";
import { DataTable, type Column, type RowAttributes } from "./DataTable";
import { IconRefresh, IconWarning } from "./Icons";

// The files saved in the export folder to compare later: audit reports, RBAC snapshots.

/** A file saved in the export folder that can be compared, or says why it cannot. */
type SavedFile = { path: string; fileName: string; bytes: number; problem: string | null };

type SavedFileColumns<F extends SavedFile> = {
  /** Chips after the file's name ("just saved", "A"). */
  chips: (file: F) => ReactNode;
  /** Two facts read from the file; a file that could not be read shows its problem across both. */
  facts: [Column<F>, Column<F>];
  problemTestId: string;
  /** The last column: what to do with a readable file. */
  use: { id: string; label: string; cell: (file: F) => ReactNode };
};

/** The columns of a list of saved snapshots or reports: file, two facts, size, and its use. */
export function savedFileColumns<F extends SavedFile>({ chips, facts, problemTestId, use }: SavedFileColumns<F>): Column<F>[] {
  const [first, second] = facts;
  return [
    {
      id: "file",
      header: "File",
      className: "mono",
      sortValue: (f) => f.fileName,
      cellProps: (f) => ({ title: f.path }),
      cell: (f) => (
        <>
          {f.fileName}
          {chips(f)}
        </>
      ),
    },
    {
      ...first,
      cellProps: (f) => (f.problem === null ? (first.cellProps?.(f) ?? {}) : { colSpan: 2 }),
      cell: (f, i) =>
        f.problem === null ? (
          first.cell(f, i)
        ) : (
          <span className="text-warning" data-testid={problemTestId}>
            <IconWarning /> {f.problem}
          </span>
        ),
    },
    second,
    { id: "size", header: "Size", className: "compare-files__size", sortValue: (f) => f.bytes, cell: (f) => sizeText(f.bytes) },
    {
      id: use.id,
      header: <span className="visually-hidden">{use.label}</span>,
      cell: (f) => (f.problem === null ? use.cell(f) : null),
    },
  ];
}

type SavedFilesProps<F extends SavedFile> = {
  /** "reports", "snapshots": in the title and the list's states. */
  noun: string;
  titleId: string;
  files: F[] | null;
  loading: boolean;
  error: ApiError | null;
  refresh: () => void;
  /** The button that saves one more. */
  save: ReactNode;
  /** Said when none is saved yet: what saving one is for. */
  none: string;
  columns: Column<F>[];
  rowAttributes: (file: F) => RowAttributes;
  /** Test ids: `${testId}-refresh`, `${testId}-files` (the table or what stands for it), `${testId}-files-error`. */
  testId: string;
  toolbarClassName?: string;
};

/** A section listing the saved files with Refresh and Save, and what to do with each. */
export function SavedFiles<F extends SavedFile>(props: SavedFilesProps<F>) {
  const { noun, files, loading, testId } = props;
  const state = (text: string) => (
    <p className="card__text" data-testid={`${testId}-files`}>
      {text}
    </p>
  );
  return (
    <section aria-labelledby={props.titleId} className="rbac-detail">
      <div className={props.toolbarClassName ?? "rbac-toolbar"}>
        <h3 id={props.titleId} className="rbac-section-title rbac-toolbar__grow">
          Saved {noun}
        </h3>
        <BusyButton
          busy={loading}
          busyLabel="Refreshing…"
          icon={<IconRefresh />}
          className="button button--small"
          onClick={props.refresh}
          testId={`${testId}-refresh`}
        >
          Refresh
        </BusyButton>
        {props.save}
      </div>
      <DataTable
        label={`Saved ${noun}`}
        wrapClassName="data-table-wrap compare-files"
        testId={`${testId}-files`}
        columns={props.columns}
        rows={files ?? []}
        rowKey={(f) => f.path}
        rowAttributes={props.rowAttributes}
        error={props.error}
        errorTitle={`The saved ${noun} could not be listed`}
        errorTestId={`${testId}-files-error`}
        onRetry={props.refresh}
        empty={
          files === null
            ? state(loading ? `Listing the saved ${noun}…` : `The saved ${noun} are not listed yet.`)
            : state(props.none)
        }
      />
    </section>
  );
}
