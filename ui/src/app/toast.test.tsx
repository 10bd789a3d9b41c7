// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ToastProvider, ToastRegion, useToast } from "./toast";

beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

function Page() {
  const toast = useToast();
  return (
    <>
      <main id="main" tabIndex={-1}>
        <button type="button" onClick={() => toast("Saved")}>
          save
        </button>
      </main>
      <ToastRegion />
    </>
  );
}

function renderPage() {
  render(
    <ToastProvider>
      <Page />
    </ToastProvider>,
  );
  fireEvent.click(screen.getByRole("button", { name: "save" }));
}

describe("toasts", () => {
  it("fade on their own", () => {
    renderPage();
    expect(screen.getByTestId("toast").textContent).toContain("Saved");
    act(() => vi.advanceTimersByTime(3300));
    expect(screen.queryByTestId("toast")).toBeNull();
  });

  it("stay while focus is on Dismiss, and fade once it leaves", () => {
    renderPage();
    const dismiss = screen.getByTestId("toast-dismiss");
    act(() => dismiss.focus());
    act(() => vi.advanceTimersByTime(10_000));
    expect(document.activeElement).toBe(dismiss);
    act(() => screen.getByRole("button", { name: "save" }).focus());
    act(() => vi.advanceTimersByTime(3300));
    expect(screen.queryByTestId("toast")).toBeNull();
  });

  it("dismissed from the keyboard, leave focus on the main content, not on nothing", () => {
    renderPage();
    const dismiss = screen.getByTestId("toast-dismiss");
    act(() => dismiss.focus());
    fireEvent.click(dismiss);
    expect(screen.queryByTestId("toast")).toBeNull();
    expect(document.activeElement?.id).toBe("main");
  });
});
