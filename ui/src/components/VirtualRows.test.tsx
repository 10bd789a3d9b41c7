// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { VirtualRows } from "./VirtualRows";

afterEach(cleanup);

const ROW = 30;
const HEIGHT = 300;

/** A list of `total` rows, each a button "user i" that says it was opened; rows past `loaded` are still loading. */
function Users({ total, loaded = total, onRange = () => {} }: { total: number; loaded?: number; onRange?: (s: number, e: number, k: number | null) => void }) {
  const [opened, setOpened] = useState<number | null>(null);
  return (
    <>
      <button type="button">before</button>
      <VirtualRows
        total={total}
        rowHeight={ROW}
        height={HEIGHT}
        onRange={onRange}
        label="Users"
        testId="users"
        renderRow={(i) =>
          i < loaded ? (
            <button type="button" onClick={() => setOpened(i)}>
              user {i}
            </button>
          ) : (
            <span>Loading…</span>
          )
        }
      />
      <p data-testid="opened">{opened ?? "none"}</p>
    </>
  );
}

const list = () => screen.getByRole("list", { name: "Users" });

/** Scrolls the list as a wheel or scrollbar would. */
function scrollList(top: number) {
  const box = list();
  box.scrollTop = top;
  fireEvent.scroll(box);
}

describe("VirtualRows", () => {
  it("tells each rendered row its position in the whole list, wherever it scrolls", () => {
    render(<Users total={5000} />);
    const positions = () => within(list()).getAllByRole("listitem").map((r) => [r.getAttribute("aria-posinset"), r.getAttribute("aria-setsize")]);
    expect(positions()[0]).toEqual(["1", "5000"]);
    expect(positions().length).toBeLessThan(40);
    scrollList(ROW * 4000);
    const shown = positions();
    expect(shown.length).toBeLessThan(40);
    expect(shown.every(([, size]) => size === "5000")).toBe(true);
    const item = screen.getByRole("button", { name: "user 4000" }).closest('[role="listitem"]');
    expect(item?.getAttribute("aria-posinset")).toBe("4001");
  });

  it("keeps the focused row's control mounted and focused when the list scrolls far away", () => {
    const onRange = vi.fn();
    render(<Users total={5000} onRange={onRange} />);
    const user3 = screen.getByRole("button", { name: "user 3" });
    user3.focus();
    scrollList(ROW * 3000);
    expect(document.activeElement).toBe(user3);
    expect(user3.isConnected).toBe(true);
    const item = user3.closest('[role="listitem"]') as HTMLElement;
    expect(item.getAttribute("aria-posinset")).toBe("4");
    expect(item.style.top).toBe(`${3 * ROW}px`);
    // The rows in view are there too, and the pages of the focused row are kept.
    expect(screen.getByRole("button", { name: "user 3000" })).toBeTruthy();
    expect(onRange).toHaveBeenLastCalledWith(2990, 3020, 3);
  });

  it("lets the focused row go once focus leaves the list", async () => {
    const user = userEvent.setup();
    render(<Users total={5000} />);
    screen.getByRole("button", { name: "user 3" }).focus();
    scrollList(ROW * 3000);
    await user.click(screen.getByRole("button", { name: "before" }));
    expect(screen.queryByRole("button", { name: "user 3" })).toBeNull();
  });

  it("moves between rows with Up and Down from a focused row, scrolling back to it, and Enter opens", async () => {
    const user = userEvent.setup();
    render(<Users total={5000} />);
    screen.getByRole("button", { name: "user 3" }).focus();
    scrollList(ROW * 3000);
    await user.keyboard("{ArrowDown}");
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "user 4" }));
    expect(list().scrollTop).toBeLessThanOrEqual(4 * ROW);
    await user.keyboard("{ArrowUp}{ArrowUp}");
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "user 2" }));
    await user.keyboard("{Enter}");
    expect(screen.getByTestId("opened").textContent).toBe("2");
    await user.keyboard("{End}");
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "user 4999" }));
    await user.keyboard("{Home}");
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "user 0" }));
    await user.keyboard("{ArrowUp}");
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "user 0" }));
  });

  it("scrolls from the list itself, and waits for a row still loading before moving focus to it", async () => {
    const user = userEvent.setup();
    const { rerender } = render(<Users total={100} loaded={5} />);
    const scrollBy = vi.fn();
    list().scrollBy = scrollBy;
    list().focus();
    await user.keyboard("{ArrowDown}");
    expect(scrollBy).toHaveBeenCalledWith({ top: ROW });
    expect(document.activeElement).toBe(list());
    screen.getByRole("button", { name: "user 4" }).focus();
    await user.keyboard("{ArrowDown}");
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "user 4" }));
    rerender(<Users total={100} loaded={10} />);
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "user 5" }));
  });

  it("moves focus to the list, not the page, when the focused row goes (the list got shorter)", () => {
    const { rerender } = render(<Users total={5000} />);
    screen.getByRole("button", { name: "user 15" }).focus();
    rerender(<Users total={10} />);
    expect(document.activeElement).toBe(list());
  });

  it("is one tab stop: Tab enters the first row in view, then leaves the list; the row last used keeps the stop", async () => {
    const user = userEvent.setup();
    render(
      <>
        <Users total={5000} />
        <button type="button">after</button>
      </>,
    );
    const tabStops = () => within(list()).getAllByRole("button").filter((b) => b.tabIndex === 0);
    expect(tabStops().map((b) => b.textContent)).toEqual(["user 0"]);
    screen.getByRole("button", { name: "before" }).focus();
    await user.tab();
    expect(document.activeElement).toBe(list());
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "user 0" }));
    await user.keyboard("{ArrowDown}{ArrowDown}");
    expect(tabStops().map((b) => b.textContent)).toEqual(["user 2"]);
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "after" }));
    await user.tab({ shift: true });
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "user 2" }));
  });

  it("gives the tab stop to the first row in view once the row last used has scrolled away", () => {
    render(<Users total={5000} />);
    scrollList(ROW * 2000);
    const stops = within(list()).getAllByRole("button").filter((b) => b.tabIndex === 0);
    expect(stops.map((b) => b.textContent)).toEqual(["user 2000"]);
  });

  it("keeps one tab stop when a row's control arrives later (its page loads)", () => {
    const { rerender } = render(<Users total={100} loaded={0} />);
    rerender(<Users total={100} loaded={20} />);
    const stops = within(list()).getAllByRole("button").filter((b) => b.tabIndex === 0);
    expect(stops.map((b) => b.textContent)).toEqual(["user 0"]);
  });
});
