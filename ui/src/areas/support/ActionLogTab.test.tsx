// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ActionLogPage, ActionLogRequest, ActionLogVerified } from "../../bindings";
import { ActionLogTab } from "./ActionLogTab";
import { entry, page } from "./actionLogTesting";

const core = vi.hoisted(() => ({
  actionLogList: vi.fn<(request: ActionLogRequest) => Promise<ActionLogPage>>(),
  actionLogVerify: vi.fn<() => Promise<ActionLogVerified>>(),
  actionLogExport: vi.fn(),
}));
vi.mock("../../bindings", async (original) => ({
  ...(await original<typeof import("../../bindings")>()),
  commands: core,
}));

afterEach(cleanup);
beforeEach(() => {
  core.actionLogList.mockReset();
  core.actionLogVerify.mockReset();
});

const FAILED = entry(2, { what: "reset the user's MFA" });
FAILED.record!.result = { outcome: "error", code: "forbidden", message: "The M2M application lacks delete:guardian_enrollments." };
FAILED.record!.actor = { profile: "acme", kind: "admin", sub: "auth0|admin" };

describe("action log tab", () => {
  it("lists each fix with who, what, for whom and the result, newest first", async () => {
    core.actionLogList.mockResolvedValue({ path: "/cfg/actions.jsonl", total: 2, entries: [FAILED, entry(1)] });
    render(<ActionLogTab />);
    const rows = await screen.findAllByTestId("action-log-row");
    expect(rows.map((r) => r.getAttribute("data-line"))).toEqual(["2", "1"]);
    const failed = within(rows[0]!);
    expect(failed.getByText("acme · admin auth0|admin")).toBeTruthy();
    expect(failed.getByText("Reset the user's MFA")).toBeTruthy();
    expect(failed.getByTestId("action-log-result").textContent).toContain("lacks delete:guardian_enrollments");
    expect(failed.getByTestId("action-log-result").getAttribute("data-ok")).toBe("false");
    const ok = within(rows[1]!);
    expect(ok.getByText("acme · M2M client m2m-1")).toBeTruthy();
    expect(ok.getByText("auth0|42")).toBeTruthy();
    expect(ok.getByTestId("action-log-result").textContent).toBe("ok");
    expect(screen.queryByTestId("action-log-more")).toBeNull();
  });

  it("says no fix has been made when the log is empty", async () => {
    core.actionLogList.mockResolvedValue(page(0, 0, 1));
    render(<ActionLogTab />);
    expect((await screen.findByTestId("action-log-empty")).textContent).toBe("No fix has been made from IdLens yet");
  });

  it("loads older records on request, and reads the log again when the window comes back", async () => {
    core.actionLogList.mockImplementation(async ({ offset }) => (offset === 0 ? page(150, 150, 51) : page(150, 50, 1)));
    render(<ActionLogTab />);
    await screen.findByText("100 of 150 entries shown, newest first");
    fireEvent.click(screen.getByTestId("action-log-more"));
    await screen.findByText("150 entries, newest first");
    expect(screen.queryByTestId("action-log-more")).toBeNull();

    core.actionLogList.mockResolvedValue(page(151, 151, 52));
    await act(async () => {
      window.dispatchEvent(new Event("focus"));
    });
    await screen.findByText("100 of 151 entries shown, newest first");
  });

  it("shows a tampered log's verdict in danger tone", async () => {
    core.actionLogList.mockResolvedValue(page(1, 1, 1));
    core.actionLogVerify.mockResolvedValue({
      path: "/cfg/actions.jsonl",
      intact: false,
      message: "Line 1 was edited: its content does not match its hash.",
      verification: { records: 0, problem: { kind: "edited", line: 1 }, head: { state: "notCompared" } },
    });
    render(<ActionLogTab />);
    await screen.findAllByTestId("action-log-row");
    fireEvent.click(screen.getByTestId("action-log-verify"));
    const verdict = await screen.findByTestId("action-log-verdict");
    expect(verdict.getAttribute("data-tone")).toBe("danger");
    expect(verdict.querySelector(".notice--danger")?.textContent).toContain("Line 1 was edited");
  });
});
