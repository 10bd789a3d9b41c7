// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { JobProgress } from "../bindings";
import { JobProgressBar } from "./JobProgressBar";

afterEach(cleanup);

const progress: JobProgress = { phase: "Members of Everyone", done: 400, total: 1000, waitingUntil: null, waitNote: null };

describe("JobProgressBar", () => {
  it("shows nothing while no job runs, and Esc cancels nothing", () => {
    const cancel = vi.fn();
    const { container } = render(<JobProgressBar title="Loading" job={null} onCancel={cancel} testId="load" />);
    expect(container.innerHTML).toBe("");
    fireEvent.keyDown(window, { key: "Escape" });
    expect(cancel).not.toHaveBeenCalled();
  });

  it("shows the running job's title, phase and share done", () => {
    render(<JobProgressBar title="Loading roles" job={{ progress, cancelling: false }} onCancel={() => {}} testId="load" />);
    expect(screen.getByTestId("load").textContent).toContain("Loading roles");
    expect(screen.getByTestId("load-text").textContent).toBe("Members of Everyone — 400 of 1,000");
    expect(screen.getByRole("progressbar", { name: "Loading roles" }).getAttribute("aria-valuenow")).toBe("40");
  });

  it("reads Starting… before the first progress", () => {
    render(<JobProgressBar title="Loading" job={{ progress: null, cancelling: false }} onCancel={() => {}} testId="load" />);
    expect(screen.getByTestId("load-text").textContent).toBe("Starting…");
  });

  it("cancels by its button and by Esc", () => {
    const cancel = vi.fn();
    render(<JobProgressBar title="Loading" job={{ progress, cancelling: false }} onCancel={cancel} testId="load" />);
    fireEvent.click(screen.getByTestId("load-cancel"));
    fireEvent.keyDown(window, { key: "Escape" });
    expect(cancel).toHaveBeenCalledTimes(2);
  });

  it("cannot be cancelled twice once cancelling", () => {
    render(<JobProgressBar title="Loading" job={{ progress, cancelling: true }} onCancel={() => {}} testId="load" />);
    const button = screen.getByTestId("load-cancel") as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    expect(button.textContent).toBe("Cancelling…");
  });

  it("goes away, and stops listening for Esc, when the job ends", () => {
    const cancel = vi.fn();
    const { rerender } = render(
      <JobProgressBar title="Loading" job={{ progress, cancelling: false }} onCancel={cancel} testId="load" />,
    );
    rerender(<JobProgressBar title="Loading" job={null} onCancel={cancel} testId="load" />);
    expect(screen.queryByTestId("load")).toBeNull();
    fireEvent.keyDown(window, { key: "Escape" });
    expect(cancel).not.toHaveBeenCalled();
  });
});
