// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { BusyButton } from "./BusyButton";

afterEach(cleanup);

function button(): HTMLButtonElement {
  return screen.getByTestId("search") as HTMLButtonElement;
}

describe("BusyButton", () => {
  it("reads its label and starts the work when pressed", () => {
    const search = vi.fn();
    render(
      <BusyButton busy={false} busyLabel="Searching…" onClick={search} testId="search">
        Search
      </BusyButton>,
    );
    expect(button().textContent).toBe("Search");
    expect(button().className).toBe("button");
    fireEvent.click(button());
    expect(search).toHaveBeenCalledTimes(1);
  });

  it("says the work is under way and cannot be pressed again meanwhile", () => {
    const search = vi.fn();
    render(
      <BusyButton busy busyLabel="Searching…" onClick={search} className="button button--primary" testId="search">
        Search
      </BusyButton>,
    );
    expect(button().textContent).toBe("Searching…");
    expect(button().disabled).toBe(true);
    fireEvent.click(button());
    expect(search).not.toHaveBeenCalled();
  });

  it("is disabled for its own reason while keeping its label", () => {
    render(
      <BusyButton busy={false} busyLabel="Checking…" disabled onClick={() => {}} title="Paste a token first" testId="search">
        Check
      </BusyButton>,
    );
    expect(button().disabled).toBe(true);
    expect(button().textContent).toBe("Check");
    expect(button().title).toBe("Paste a token first");
  });

  it("keeps its icon in both states", () => {
    const { rerender } = render(
      <BusyButton busy={false} busyLabel="Checking…" icon={<svg data-testid="icon" />} onClick={() => {}} testId="search">
        Check
      </BusyButton>,
    );
    expect(screen.getByTestId("icon")).toBeTruthy();
    rerender(
      <BusyButton busy busyLabel="Checking…" icon={<svg data-testid="icon" />} onClick={() => {}} testId="search">
        Check
      </BusyButton>,
    );
    expect(screen.getByTestId("icon")).toBeTruthy();
  });
});
