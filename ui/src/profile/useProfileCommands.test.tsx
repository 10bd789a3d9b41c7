// @vitest-environment jsdom
import { act, cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ProfileList } from "../bindings";
import { ToastProvider, ToastRegion } from "../app/toast";
import { useProfileCommands } from "./useProfileCommands";

const core = vi.hoisted(() => ({
  profileUse: vi.fn<(name: string) => Promise<ProfileList>>(),
  profileRemove: vi.fn<(name: string) => Promise<ProfileList>>(),
}));
vi.mock("../bindings", async (original) => ({
  ...(await original<typeof import("../bindings")>()),
  commands: core,
}));

afterEach(cleanup);

const LIST: ProfileList = { current: "staging", profiles: [] } as unknown as ProfileList;

function harness(onListChanged: (list: ProfileList, removed?: string) => void) {
  let commands: ReturnType<typeof useProfileCommands> | null = null;
  function Probe() {
    commands = useProfileCommands(onListChanged);
    return <p data-testid="busy">{commands.busy ?? "idle"}</p>;
  }
  render(
    <ToastProvider>
      <Probe />
      <ToastRegion />
    </ToastProvider>,
  );
  return () => commands!;
}

describe("useProfileCommands", () => {
  it("switches profile, hands over the new list and says so; busy for that profile meanwhile", async () => {
    let answer: (list: ProfileList) => void = () => undefined;
    core.profileUse.mockReturnValue(new Promise((resolve) => (answer = resolve)));
    const changed = vi.fn();
    const commands = harness(changed);
    let done: Promise<void> = Promise.resolve();
    act(() => {
      done = commands().use("staging");
    });
    expect(screen.getByTestId("busy").textContent).toBe("staging");
    await act(async () => {
      answer(LIST);
      await done;
    });
    expect(changed).toHaveBeenCalledWith(LIST);
    expect(screen.getByTestId("toast").textContent).toContain("Now using profile “staging”");
    expect(screen.getByTestId("busy").textContent).toBe("idle");
  });

  it("says the core's message when a command fails, and changes nothing", async () => {
    core.profileRemove.mockRejectedValue({ code: "keychain", message: "The keychain is locked: unlock it." });
    const changed = vi.fn();
    const removed = vi.fn();
    const commands = harness(changed);
    await act(() => commands().remove("prod", removed));
    expect(screen.getByRole("alert").textContent).toContain("The keychain is locked: unlock it.");
    expect(changed).not.toHaveBeenCalled();
    expect(removed).not.toHaveBeenCalled();
    expect(screen.getByTestId("busy").textContent).toBe("idle");
  });

  it("removes a profile: its caller's step first, then the new list with the name removed", async () => {
    core.profileRemove.mockResolvedValue(LIST);
    const order: string[] = [];
    const commands = harness((_list, removed) => order.push(`list without ${removed}`));
    await act(() => commands().remove("prod", () => order.push("confirm closed")));
    expect(order).toEqual(["confirm closed", "list without prod"]);
    expect(screen.getByTestId("toast").textContent).toContain("Removed profile “prod” and its stored secrets");
  });
});
