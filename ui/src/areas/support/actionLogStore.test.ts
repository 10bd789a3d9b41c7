import { beforeEach, describe, expect, it, vi } from "vitest";
import type { ActionLogPage, ActionLogRequest, ActionLogVerified } from "../../bindings";
import { page } from "./actionLogTesting";
import { actionLogStore } from "./actionLogStore";

const core = vi.hoisted(() => ({
  actionLogList: vi.fn<(request: ActionLogRequest) => Promise<ActionLogPage>>(),
  actionLogVerify: vi.fn<() => Promise<ActionLogVerified>>(),
}));
vi.mock("../../bindings", async (original) => ({
  ...(await original<typeof import("../../bindings")>()),
  commands: core,
}));

/** A log of `total` lines as the core pages it: newest first from `offset`. */
function logOf(total: number) {
  return async ({ offset, limit }: ActionLogRequest) => {
    const from = total - offset;
    return page(total, from, Math.max(1, from - limit + 1));
  };
}

const INTACT: ActionLogVerified = {
  path: "/cfg/actions.jsonl",
  intact: true,
  message: "The action log is intact.",
  verification: { records: 150, problem: null, head: { state: "matched" } },
};

const lines = () => actionLogStore.get().log?.entries.map((e) => e.line) ?? [];

beforeEach(() => {
  core.actionLogList.mockReset();
  core.actionLogVerify.mockReset();
});

describe("action log store", () => {
  it("reads the newest page, then older ones with Load more", async () => {
    core.actionLogList.mockImplementation(logOf(150));
    await actionLogStore.reload();
    expect(lines()).toHaveLength(100);
    expect(lines()[0]).toBe(150);
    actionLogStore.loadMore();
    await vi.waitFor(() => expect(lines()).toHaveLength(150));
    expect(lines().at(-1)).toBe(1);
    expect(core.actionLogList).toHaveBeenLastCalledWith({ offset: 100, limit: 100 });
  });

  it("reads from the top again when the log grew under Load more", async () => {
    core.actionLogList.mockImplementation(logOf(150));
    await actionLogStore.reload();
    core.actionLogList.mockImplementation(logOf(152));
    actionLogStore.loadMore();
    await vi.waitFor(() => expect(lines()[0]).toBe(152));
    expect(lines()).toHaveLength(100);
    expect(actionLogStore.get().log?.total).toBe(152);
  });

  it("keeps the list and the verdict when the window comes back to an unchanged log, drops both when it changed", async () => {
    core.actionLogList.mockImplementation(logOf(150));
    core.actionLogVerify.mockResolvedValue(INTACT);
    await actionLogStore.reload();
    actionLogStore.loadMore();
    await vi.waitFor(() => expect(lines()).toHaveLength(150));
    actionLogStore.verify();
    await vi.waitFor(() => expect(actionLogStore.get().verdict).toBe(INTACT));

    const held = actionLogStore.get().log;
    await actionLogStore.reread();
    expect(actionLogStore.get().log).toBe(held);
    expect(actionLogStore.get().verdict).toBe(INTACT);

    core.actionLogList.mockImplementation(logOf(151));
    await actionLogStore.reread();
    expect(lines()[0]).toBe(151);
    expect(actionLogStore.get().verdict).toBeNull();
  });

  it("drops a slow answer overtaken by a newer read", async () => {
    let answerOld: (page: ActionLogPage) => void = () => {};
    core.actionLogList.mockImplementationOnce(() => new Promise((resolve) => (answerOld = resolve)));
    const old = actionLogStore.reload();
    core.actionLogList.mockImplementation(logOf(3));
    await actionLogStore.reload();
    answerOld(page(9, 9, 1));
    await old;
    expect(lines()).toEqual([3, 2, 1]);
  });
});
