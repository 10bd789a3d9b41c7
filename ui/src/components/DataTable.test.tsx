// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { DataTable, type Column, type DataTableProps, type PagedRows } from "./DataTable";

afterEach(cleanup);

type Role = { id: string; name: string; members: number | null };

const ROLES: Role[] = [
  { id: "r1", name: "Support", members: 12 },
  { id: "r2", name: "admin", members: 3 },
  { id: "r3", name: "Billing", members: null },
];

const COLUMNS: Column<Role>[] = [
  { id: "name", header: "Role", rowHeader: true, sortValue: (r) => r.name, cell: (r) => r.name },
  { id: "members", header: "Members", sortValue: (r) => r.members, cell: (r) => (r.members === null ? "—" : String(r.members)) },
  { id: "id", header: "ID", className: "mono", cell: (r) => r.id },
];

type Options = Partial<Omit<DataTableProps<Role>, "rows" | "paged">> & { rows?: Role[] };

function renderRoles({ rows = ROLES, ...props }: Options = {}) {
  return render(<DataTable label="Roles" columns={COLUMNS} rows={rows} rowKey={(r) => r.id} testId="roles" {...props} />);
}

/** The first cell's text of each body row, top to bottom. */
function firstCells(): string[] {
  const table = screen.getByRole("table", { name: "Roles" });
  return within(table)
    .getAllByRole("row")
    .slice(1)
    .map((row) => row.firstElementChild?.textContent ?? "");
}

describe("DataTable", () => {
  it("renders the headers and a row per item, row headers included", () => {
    renderRoles({ rowAttributes: (r) => ({ "data-testid": `role-${r.id}` }) });
    expect(screen.getAllByRole("columnheader").map((h) => h.textContent)).toEqual(["Role", "Members", "ID"]);
    expect(firstCells()).toEqual(["Support", "admin", "Billing"]);
    expect(screen.getByRole("rowheader", { name: "admin" })).toBeTruthy();
    expect(within(screen.getByTestId("role-r2")).getByText("r2").className).toBe("mono");
  });

  it("tells screen readers the row count and each row's position, the header row being the first", () => {
    renderRoles();
    const table = screen.getByRole("table", { name: "Roles" });
    expect(table.getAttribute("aria-rowcount")).toBe("4");
    expect(screen.getAllByRole("row").map((r) => r.getAttribute("aria-rowindex"))).toEqual(["1", "2", "3", "4"]);
  });

  it("renders only the rows in view past virtualiseAfter, keeping the count and the positions", () => {
    const many = Array.from({ length: 5000 }, (_, i) => ({ id: `r${i}`, name: `role ${i}`, members: i }));
    renderRoles({ rows: many, virtualiseAfter: 100, rowHeight: 30, height: 300 });
    const table = screen.getByRole("table", { name: "Roles" });
    expect(table.getAttribute("aria-rowcount")).toBe("5001");
    const rendered = () => table.querySelectorAll("tbody tr[aria-rowindex]");
    expect(rendered().length).toBeLessThan(50);
    expect(rendered()[0]?.getAttribute("aria-rowindex")).toBe("2");
    const box = screen.getByRole("region", { name: "Roles" });
    box.scrollTop = 30 * 2500;
    fireEvent.scroll(box);
    const shown = [...rendered()].map((r) => Number(r.getAttribute("aria-rowindex")));
    expect(shown.length).toBeLessThan(50);
    expect(shown).toContain(2502);
    expect(within(table).getByText("role 2500")).toBeTruthy();
    expect(within(table).queryByText("role 0")).toBeNull();
  });

  it("renders paged rows as they arrive, asks for the range in view, and keeps the core's order", () => {
    const onRange = vi.fn();
    const paged: PagedRows<Role> = {
      total: 1000,
      row: (i) => (i < 5 ? { id: `r${i}`, name: `role ${i}`, members: i } : undefined),
      pastEnd: () => false,
      onRange,
    };
    render(<DataTable label="Roles" columns={COLUMNS} paged={paged} rowKey={(r) => r.id} rowHeight={30} height={300} />);
    const table = screen.getByRole("table", { name: "Roles" });
    expect(table.getAttribute("aria-rowcount")).toBe("1001");
    expect(onRange).toHaveBeenLastCalledWith(0, 20, null);
    expect(within(table).getByText("role 4")).toBeTruthy();
    const pending = within(table).getAllByText("Loading…");
    expect(pending[0]?.closest("tr")?.getAttribute("aria-rowindex")).toBe("7");
    expect(within(table).queryAllByRole("button")).toHaveLength(0);
    const box = screen.getByRole("region", { name: "Roles" });
    box.scrollTop = 30 * 500;
    fireEvent.scroll(box);
    expect(onRange).toHaveBeenLastCalledWith(490, 520, null);
  });

  it("sorts by a header: ascending, then descending, missing values last; unsortable headers stay text", async () => {
    renderRoles();
    const members = screen.getByRole("columnheader", { name: /Members/ });
    expect(members.getAttribute("aria-sort")).toBe("none");
    expect(screen.getByRole("columnheader", { name: "ID" }).getAttribute("aria-sort")).toBeNull();
    expect(within(screen.getByRole("columnheader", { name: "ID" })).queryByRole("button")).toBeNull();
    fireEvent.click(within(members).getByRole("button"));
    expect(members.getAttribute("aria-sort")).toBe("ascending");
    expect(firstCells()).toEqual(["admin", "Support", "Billing"]);
    fireEvent.click(within(members).getByRole("button"));
    expect(members.getAttribute("aria-sort")).toBe("descending");
    expect(firstCells()).toEqual(["Support", "admin", "Billing"]);
  });

  it("sorts from the keyboard", async () => {
    const user = userEvent.setup();
    renderRoles();
    const role = screen.getByRole("columnheader", { name: /Role/ });
    await user.tab();
    expect(document.activeElement).toBe(within(role).getByRole("button"));
    await user.keyboard("{Enter}");
    expect(role.getAttribute("aria-sort")).toBe("ascending");
    expect(firstCells()).toEqual(["admin", "Billing", "Support"]);
    await user.keyboard(" ");
    expect(role.getAttribute("aria-sort")).toBe("descending");
    expect(firstCells()).toEqual(["Support", "Billing", "admin"]);
  });

  it("shows what it is told instead of an empty table, or says it in the table's one row", () => {
    const { unmount } = renderRoles({ rows: [], empty: <p>No role yet.</p> });
    expect(screen.getByText("No role yet.")).toBeTruthy();
    expect(screen.queryByRole("table")).toBeNull();
    unmount();
    renderRoles({ rows: [], emptyRow: "No roles" });
    const table = screen.getByRole("table", { name: "Roles" });
    expect(within(table).getByRole("cell", { name: "No roles" }).getAttribute("colspan")).toBe("3");
    // Its one row counts: the header row and it.
    expect(table.getAttribute("aria-rowcount")).toBe("2");
    expect(screen.getAllByRole("row").map((r) => r.getAttribute("aria-rowindex"))).toEqual(["1", "2"]);
  });

  it("keeps the row holding focus rendered, in its place and position, however far the table scrolls", async () => {
    const user = userEvent.setup();
    const many = Array.from({ length: 5000 }, (_, i) => ({ id: `r${i}`, name: `role ${i}`, members: i }));
    const columns: Column<Role>[] = [
      ...COLUMNS,
      { id: "open", header: "Open", cell: (r) => <button type="button">open {r.name}</button> },
    ];
    render(
      <>
        <DataTable label="Roles" columns={columns} rows={many} rowKey={(r) => r.id} virtualiseAfter={100} rowHeight={30} height={300} />
        <button type="button">after</button>
      </>,
    );
    const open = screen.getByRole("button", { name: "open role 2" });
    open.focus();
    const box = screen.getByRole("region", { name: "Roles" });
    box.scrollTop = 30 * 2500;
    fireEvent.scroll(box);
    expect(document.activeElement).toBe(open);
    expect(open.isConnected).toBe(true);
    const rows = [...screen.getByRole("table", { name: "Roles" }).querySelectorAll("tbody tr")];
    const indexes = rows.map((r) => r.getAttribute("aria-rowindex"));
    expect(indexes.slice(0, 4)).toEqual([null, "4", null, "2492"]);
    // The spacers still add up to every row's height: 5000 rows, 30 px each.
    const spacers = rows.filter((r) => r.getAttribute("aria-hidden") === "true");
    const rendered = rows.length - spacers.length;
    const spacerHeight = spacers.reduce((sum, r) => sum + parseFloat((r as HTMLElement).style.height), 0);
    expect(spacerHeight + rendered * 30).toBe(5000 * 30);
    await user.click(screen.getByRole("button", { name: "after" }));
    expect(screen.queryByRole("button", { name: "open role 2" })).toBeNull();
  });

  it("says why the rows could not be read and asks again on Try again, keeping rows already shown", () => {
    const retry = vi.fn();
    const error = { code: "network" as const, message: "The tenant did not answer." };
    const { unmount } = renderRoles({ rows: [], error, errorTitle: "The roles could not be loaded", onRetry: retry, empty: <p>none</p> });
    const alert = screen.getByRole("alert");
    expect(alert.textContent).toContain("The roles could not be loaded");
    expect(alert.textContent).toContain("The tenant did not answer.");
    expect(screen.queryByText("none")).toBeNull();
    fireEvent.click(within(alert).getByRole("button", { name: "Try again" }));
    expect(retry).toHaveBeenCalledTimes(1);
    unmount();
    renderRoles({ error, onRetry: retry });
    expect(screen.getByRole("alert")).toBeTruthy();
    expect(firstCells()).toHaveLength(3);
  });

  it("puts the export buttons in its toolbar, disabled while there is nothing to export", () => {
    const save = vi.fn();
    const { unmount } = renderRoles({ exportAs: { what: "roles", save, testId: "roles-export" }, toolbar: <span>filters</span> });
    expect(screen.getByText("filters")).toBeTruthy();
    expect((screen.getByTestId("roles-export-csv") as HTMLButtonElement).disabled).toBe(false);
    expect((screen.getByTestId("roles-export-json") as HTMLButtonElement).disabled).toBe(false);
    unmount();
    renderRoles({ rows: [], empty: <p>none</p>, exportAs: { what: "roles", save, testId: "roles-export" } });
    expect((screen.getByTestId("roles-export-csv") as HTMLButtonElement).disabled).toBe(true);
  });

  it("lets a cell span the columns after it", () => {
    const columns: Column<Role>[] = [
      { id: "name", header: "Role", cell: (r) => r.name },
      { id: "members", header: "Members", cellProps: (r) => (r.members === null ? { colSpan: 2 } : {}), cell: (r) => r.members ?? "unknown" },
      { id: "id", header: "ID", cell: (r) => r.id },
    ];
    render(<DataTable label="Roles" columns={columns} rows={ROLES} rowKey={(r) => r.id} />);
    const rows = screen.getAllByRole("row").slice(1);
    expect(rows.map((r) => r.children.length)).toEqual([3, 3, 2]);
  });
});
