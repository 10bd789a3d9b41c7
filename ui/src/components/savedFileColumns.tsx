import type { ReactNode } from "react";
import { sizeText } from "../areas/rbac/compareText";
import type { Column } from "./DataTable";
import { IconWarning } from "./Icons";

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
