import { useEffect, useMemo, useRef, useState, type HTMLAttributes, type ReactNode, type TdHTMLAttributes } from "react";
import type { ApiError, ExportFormat, ExportSaved } from "../bindings";
import { ErrorNotice } from "./ErrorNotice";
import { ExportButtons } from "./ExportButtons";
import { ROW_INDEX, rowsToRender, useHeldRow } from "./heldRow";
import { useScrollKeys } from "./scrollKeys";
import { nextSort, sortRows, type SortValue, type TableSort } from "./tableSort";
import type { Rows } from "./useRows";

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

/** A long list paged from the core (see useRows): rendered as it scrolls, in the core's order. */
export type PagedRows<T> = Pick<Rows<T>, "total" | "row" | "pastEnd" | "onRange">;

/** Rows held in full (sortable), or paged from the core as they scroll into view. */
type RowSource<T> = { rows: readonly T[]; paged?: never } | { paged: PagedRows<T>; rows?: never };

export type DataTableProps<T> = RowSource<T> & {
  /** The table's accessible name. */
  label: string;
  columns: readonly Column<T>[];
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
  errorTestId?: string;
  onRetry?: () => void;
  /** CSV and JSON buttons, in a toolbar above the table after `toolbar`. */
  exportAs?: TableExport;
  toolbar?: ReactNode;
  initialSort?: TableSort;
  /** Past this many rows (paged rows: always) only those in view are rendered, `rowHeight` high, one line each. */
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
  const { columns, initialSort, error, empty, exportAs, toolbar, paged } = props;
  const rows = props.rows ?? NO_ROWS;
  const [sort, setSort] = useState<TableSort | null>(initialSort ?? null);
  const sorted = useMemo(() => {
    const by = sort ? columns.find((c) => c.id === sort.column)?.sortValue : undefined;
    return sort && by ? sortRows(rows, by, sort.direction) : rows;
  }, [rows, columns, sort]);
  const count = paged ? (paged.total ?? 0) : rows.length;

  const bar =
    toolbar || exportAs ? (
      <div className="rbac-toolbar">
        {toolbar}
        {exportAs ? (
          <ExportButtons
            what={exportAs.what}
            save={exportAs.save}
            disabled={exportAs.disabled ?? count === 0}
            testId={exportAs.testId}
          />
        ) : null}
      </div>
    ) : null;
  const notice = error ? (
    <ErrorNotice
      title={props.errorTitle ?? "The rows could not be read"}
      error={error}
      onRetry={props.onRetry}
      testId={props.errorTestId}
    />
  ) : null;
  if (count === 0 && (error || empty !== undefined)) {
    return (
      <>
        {bar}
        {notice ?? empty}
      </>
    );
  }
  const source: TableRows<T> = paged
    ? { count, at: paged.row, pastEnd: paged.pastEnd, onRange: paged.onRange, sortable: false }
    : { count, at: (i) => sorted[i], pastEnd: () => false, onRange: null, sortable: true };
  return (
    <>
      {bar}
      {notice}
      <Table {...props} source={source} sort={sort} onSort={(column) => setSort((s) => nextSort(s, column))} />
    </>
  );
}

const NO_ROWS: readonly never[] = [];

/** What the table renders from: the rows in order, held or paged. */
type TableRows<T> = {
  count: number;
  at: (index: number) => T | undefined;
  pastEnd: (index: number) => boolean;
  /** Paged rows: told the range in view so that its pages are fetched, and the row holding focus (kept). */
  onRange: ((start: number, end: number, keep: number | null) => void) | null;
  sortable: boolean;
};

type TableProps<T> = DataTableProps<T> & { source: TableRows<T>; sort: TableSort | null; onSort: (column: string) => void };

function Table<T>(props: TableProps<T>) {
  const { source, virtualiseAfter = 200, rowHeight = 33, height = 480 } = props;
  const { count } = source;
  const virtual = source.onRange !== null || count > virtualiseAfter;
  const box = useRef<HTMLDivElement>(null);
  const [top, setTop] = useState(0);
  const start = virtual ? Math.max(0, Math.floor(top / rowHeight) - OVERSCAN) : 0;
  const end = virtual ? Math.min(count, Math.ceil((top + height) / rowHeight) + OVERSCAN) : count;
  const onKey = useScrollKeys(box, rowHeight, height);
  const focus = useHeldRow(box, count);
  const held = virtual ? focus.held : null;
  const { onRange } = source;
  useEffect(() => onRange?.(start, end, held), [start, end, held, onRange]);
  useEffect(() => {
    box.current?.scrollTo?.({ top: 0 });
    setTop(0);
  }, [count]);

  const emptyRow = count === 0 && props.emptyRow !== undefined;
  const table = (
    <table
      className={`${props.className ?? "data-table"}${virtual ? " data-table--virtual" : ""}`}
      aria-label={props.label}
      aria-rowcount={count + 1 + (emptyRow ? 1 : 0)}
      data-testid={props.testId}
    >
      {props.caption ? <caption className="visually-hidden">{props.caption}</caption> : null}
      <thead>
        <tr aria-rowindex={1}>
          {props.columns.map((c) => (
            <HeaderCell key={c.id} column={c} sort={source.sortable ? props.sort : null} onSort={source.sortable ? props.onSort : null} />
          ))}
        </tr>
      </thead>
      <tbody>
        {bodyRows(props, rowsToRender(start, end, held), virtual ? rowHeight : undefined)}
        {emptyRow ? (
          <tr aria-rowindex={2}>
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
      ref={box}
      className={wrapClassName ?? undefined}
      style={{ maxHeight: height, overflowY: "auto" }}
      onScroll={(e) => setTop(e.currentTarget.scrollTop)}
      onKeyDown={onKey}
      onFocus={focus.onFocus}
      onBlur={focus.onBlur}
      tabIndex={0}
      role="region"
      aria-label={props.label}
      data-testid={props.testId ? `${props.testId}-scroll` : undefined}
    >
      {table}
      {props.footer}
    </div>
  );
}

/**
 * The rows `indices` (in order), a spacer row standing for each run of rows
 * not rendered when virtual (`height` given); a paged row not fetched yet is
 * a placeholder across the columns.
 */
function bodyRows<T>(props: TableProps<T>, indices: readonly number[], height: number | undefined): ReactNode[] {
  const out: ReactNode[] = [];
  const gap = (from: number, to: number) => {
    if (height !== undefined && to > from) {
      out.push(<tr key={`gap ${from}`} aria-hidden="true" style={{ height: (to - from) * height }} />);
    }
  };
  let next = 0;
  for (const index of indices) {
    gap(next, index);
    next = index + 1;
    const row = props.source.at(index);
    if (row === undefined) {
      out.push(
        <tr
          key={`pending ${index}`}
          aria-rowindex={index + 2}
          {...{ [ROW_INDEX]: index }}
          style={height === undefined ? undefined : { height }}
        >
          <td colSpan={props.columns.length} className="data-table__placeholder">
            {props.source.pastEnd(index) ? "—" : "Loading…"}
          </td>
        </tr>,
      );
    } else {
      out.push(<BodyRow key={props.rowKey(row, index)} {...props} row={row} index={index} height={height} />);
    }
  }
  gap(next, props.source.count);
  return out;
}

type HeaderCellProps<T> = { column: Column<T>; sort: TableSort | null; onSort: ((column: string) => void) | null };

function HeaderCell<T>({ column, sort, onSort }: HeaderCellProps<T>) {
  const sortedHere = sort?.column === column.id ? sort.direction : null;
  const sortable = column.sortValue !== undefined && onSort !== null;
  return (
    <th
      scope="col"
      title={column.headerTitle}
      data-testid={column.headerTestId}
      aria-sort={sortable ? (sortedHere ?? "none") : undefined}
    >
      {sortable ? (
        <button type="button" className="data-table__sort" onClick={() => onSort?.(column.id)}>
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
    <tr {...attributes} aria-rowindex={index + 2} {...{ [ROW_INDEX]: index }} style={height === undefined ? attributes.style : { ...attributes.style, height }}>
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
