import { useMemo, useState, type HTMLAttributes, type ReactNode, type TdHTMLAttributes } from "react";
import type { ApiError, ExportFormat, ExportSaved } from "../bindings";
import { ErrorNotice } from "./ErrorNotice";
import { ExportButtons } from "./ExportButtons";
import { nextSort, sortRows, type SortValue, type TableSort } from "./tableSort";

/** One column, declared once: its header, how a row's cell reads, and how rows sort by it. */
export type Column<T> = {
  /** Names the column (its React key and its sort). */
  id: string;
  header: ReactNode;
  cell: (row: T, index: number) => ReactNode;
  /** Makes the header a button that sorts the rows by this value. */
  sortValue?: (row: T) => SortValue;
  /** The cell names its row (`<th scope="row">`). */
  rowHeader?: boolean;
  /** The class of every cell of the column. */
  className?: string;
  /** A row's cell attributes: a class, a title, a test id; `colSpan` covers the columns after it. */
  cellProps?: (row: T) => CellAttributes;
  headerTitle?: string;
  headerTestId?: string;
};

type DataAttributes = { [data: `data-${string}`]: string | number | boolean | undefined };

/** Attributes of a cell: a class, a title, a test id, `data-*` facts, a span. */
export type CellAttributes = TdHTMLAttributes<HTMLTableCellElement> & DataAttributes;

/** Attributes of a row's `<tr>`: a test id, a class, `data-*` facts. */
export type RowAttributes = HTMLAttributes<HTMLTableRowElement> & DataAttributes;

export type TableExport = {
  /** What is exported, for the buttons' labels: "API scopes". */
  what: string;
  save: (format: ExportFormat) => Promise<ExportSaved>;
  disabled?: boolean;
  testId?: string;
};

export type DataTableProps<T> = {
  /** The table's accessible name. */
  label: string;
  columns: readonly Column<T>[];
  rows: readonly T[];
  rowKey: (row: T, index: number) => string;
  rowAttributes?: (row: T, index: number) => RowAttributes;
  /** Said to screen readers only, above the table. */
  caption?: string;
  /** The table's class: "data-table" unless told ("claims-table", "matrix", "data-table data-table--two"). */
  className?: string;
  /** The class of the box around it (it scrolls); null: no box. */
  wrapClassName?: string | null;
  testId?: string;
  /** Shown instead of the table when there are no rows. */
  empty?: ReactNode;
  /** Or: said in the table's one row under its headers when there are no rows. */
  emptyRow?: ReactNode;
  /** Below the table, in its box (how many of how many are listed). */
  footer?: ReactNode;
  /** The rows could not be read: an ErrorNotice above what is kept. */
  error?: ApiError | null;
  errorTitle?: string;
  onRetry?: () => void;
  /** CSV and JSON buttons, in a toolbar above the table after `toolbar`. */
  exportAs?: TableExport;
  toolbar?: ReactNode;
  initialSort?: TableSort;
  /** Past this many rows only those in view are rendered (rows are then `rowHeight` high, one line each). */
  virtualiseAfter?: number;
  rowHeight?: number;
  /** The visible height of a virtualised table, in pixels. */
  height?: number;
};

const OVERSCAN = 10;

/**
 * Every table of the UI. Row and column positions are told to screen readers
 * (`aria-rowcount`, `aria-rowindex`) whether every row is rendered or, past
 * `virtualiseAfter` rows, only those in view.
 */
export function DataTable<T>(props: DataTableProps<T>) {
  const { rows, columns, initialSort, error, empty, exportAs, toolbar } = props;
  const [sort, setSort] = useState<TableSort | null>(initialSort ?? null);
  const sorted = useMemo(() => {
    const by = sort ? columns.find((c) => c.id === sort.column)?.sortValue : undefined;
    return sort && by ? sortRows(rows, by, sort.direction) : rows;
  }, [rows, columns, sort]);

  const bar =
    toolbar || exportAs ? (
      <div className="rbac-toolbar">
        {toolbar}
        {exportAs ? (
          <ExportButtons
            what={exportAs.what}
            save={exportAs.save}
            disabled={exportAs.disabled ?? rows.length === 0}
            testId={exportAs.testId}
          />
        ) : null}
      </div>
    ) : null;
  const notice = error ? (
    <ErrorNotice title={props.errorTitle ?? "The rows could not be read"} error={error} onRetry={props.onRetry} />
  ) : null;
  if (rows.length === 0 && (error || empty !== undefined)) {
    return (
      <>
        {bar}
        {notice ?? empty}
      </>
    );
  }
  return (
    <>
      {bar}
      {notice}
      <Table {...props} rows={sorted} sort={sort} onSort={(column) => setSort((s) => nextSort(s, column))} />
    </>
  );
}

type TableProps<T> = DataTableProps<T> & { sort: TableSort | null; onSort: (column: string) => void };

function Table<T>(props: TableProps<T>) {
  const { rows, virtualiseAfter = 200, rowHeight = 33, height = 480 } = props;
  const virtual = rows.length > virtualiseAfter;
  const [top, setTop] = useState(0);
  const start = virtual ? Math.max(0, Math.floor(top / rowHeight) - OVERSCAN) : 0;
  const end = virtual ? Math.min(rows.length, Math.ceil((top + height) / rowHeight) + OVERSCAN) : rows.length;

  const table = (
    <table
      className={`${props.className ?? "data-table"}${virtual ? " data-table--virtual" : ""}`}
      aria-label={props.label}
      aria-rowcount={rows.length + 1}
      data-testid={props.testId}
    >
      {props.caption ? <caption className="visually-hidden">{props.caption}</caption> : null}
      <thead>
        <tr aria-rowindex={1}>
          {props.columns.map((c) => (
            <HeaderCell key={c.id} column={c} sort={props.sort} onSort={props.onSort} />
          ))}
        </tr>
      </thead>
      <tbody>
        {start > 0 ? <tr aria-hidden="true" style={{ height: start * rowHeight }} /> : null}
        {rows.slice(start, end).map((row, offset) => (
          <BodyRow key={props.rowKey(row, start + offset)} {...props} row={row} index={start + offset} height={virtual ? rowHeight : undefined} />
        ))}
        {end < rows.length ? <tr aria-hidden="true" style={{ height: (rows.length - end) * rowHeight }} /> : null}
        {rows.length === 0 && props.emptyRow !== undefined ? (
          <tr>
            <td colSpan={props.columns.length} className="text-muted">
              {props.emptyRow}
            </td>
          </tr>
        ) : null}
      </tbody>
    </table>
  );
  const wrapClassName = props.wrapClassName === undefined ? "data-table-wrap" : props.wrapClassName;
  if (!virtual) {
    if (wrapClassName === null) return table;
    return (
      <div className={wrapClassName}>
        {table}
        {props.footer}
      </div>
    );
  }
  return (
    <div
      className={wrapClassName ?? undefined}
      style={{ maxHeight: height }}
      onScroll={(e) => setTop(e.currentTarget.scrollTop)}
      tabIndex={0}
      role="region"
      aria-label={props.label}
    >
      {table}
      {props.footer}
    </div>
  );
}

function HeaderCell<T>({ column, sort, onSort }: { column: Column<T>; sort: TableSort | null; onSort: (column: string) => void }) {
  const sortedHere = sort?.column === column.id ? sort.direction : null;
  return (
    <th
      scope="col"
      title={column.headerTitle}
      data-testid={column.headerTestId}
      aria-sort={column.sortValue ? (sortedHere ?? "none") : undefined}
    >
      {column.sortValue ? (
        <button type="button" className="data-table__sort" onClick={() => onSort(column.id)}>
          {column.header}
          <span className="data-table__sort-mark" aria-hidden="true">
            {sortedHere === "ascending" ? "▲" : sortedHere === "descending" ? "▼" : ""}
          </span>
        </button>
      ) : (
        column.header
      )}
    </th>
  );
}

type BodyRowProps<T> = TableProps<T> & { row: T; index: number; height: number | undefined };

function BodyRow<T>({ row, index, columns, rowAttributes, height }: BodyRowProps<T>) {
  const attributes = rowAttributes?.(row, index) ?? {};
  return (
    <tr {...attributes} aria-rowindex={index + 2} style={height === undefined ? attributes.style : { ...attributes.style, height }}>
      {rowCells(columns, row, index)}
    </tr>
  );
}

/** The row's cells, a cell spanning columns standing for the ones it covers. */
function rowCells<T>(columns: readonly Column<T>[], row: T, index: number): ReactNode[] {
  const cells: ReactNode[] = [];
  for (let i = 0; i < columns.length; i++) {
    const c = columns[i]!;
    const extra = c.cellProps?.(row) ?? {};
    const props = { ...extra, className: [c.className, extra.className].filter(Boolean).join(" ") || undefined };
    const content = c.cell(row, index);
    cells.push(
      c.rowHeader ? (
        <th key={c.id} scope="row" {...props}>
          {content}
        </th>
      ) : (
        <td key={c.id} {...props}>
          {content}
        </td>
      ),
    );
    i += Math.max(1, extra.colSpan ?? 1) - 1;
  }
  return cells;
}
