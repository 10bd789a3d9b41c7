// The order a DataTable shows its rows in when a sortable header is chosen.

export type SortDirection = "ascending" | "descending";
export type SortValue = string | number | null | undefined;
export type TableSort = { column: string; direction: SortDirection };

const collator = new Intl.Collator("en-US", { numeric: true, sensitivity: "base" });

function compareValues(a: SortValue, b: SortValue): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  return collator.compare(String(a), String(b));
}

/**
 * The rows ordered by `value`, ascending or descending; rows without a value
 * (null, undefined) come last either way, and equal rows keep their order.
 */
export function sortRows<T>(rows: readonly T[], value: (row: T) => SortValue, direction: SortDirection): T[] {
  const sign = direction === "ascending" ? 1 : -1;
  return rows
    .map((row, index) => ({ row, index, key: value(row) }))
    .sort((a, b) => {
      const aMissing = a.key === null || a.key === undefined;
      const bMissing = b.key === null || b.key === undefined;
      if (aMissing || bMissing) return aMissing === bMissing ? a.index - b.index : aMissing ? 1 : -1;
      return sign * compareValues(a.key, b.key) || a.index - b.index;
    })
    .map((entry) => entry.row);
}

/** The sort after a header is chosen: ascending first, then the other way each time. */
export function nextSort(current: TableSort | null, column: string): TableSort {
  if (current?.column === column && current.direction === "ascending") return { column, direction: "descending" };
  return { column, direction: "ascending" };
}
