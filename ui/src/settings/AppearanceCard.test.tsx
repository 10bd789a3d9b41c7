// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AppearanceCard } from "./AppearanceCard";
import { THEME_STORAGE_KEY } from "./theme";
import { startTheme } from "./themeStore";

/** The OS's colour scheme as the web view reports it; `set` changes it as the OS would. */
function fakeSystemScheme(dark: boolean) {
  const listeners = new Set<(e: MediaQueryListEvent) => void>();
  const query = {
    matches: dark,
    addEventListener: (_: string, l: (e: MediaQueryListEvent) => void) => listeners.add(l),
    removeEventListener: (_: string, l: (e: MediaQueryListEvent) => void) => listeners.delete(l),
  };
  vi.stubGlobal("matchMedia", (q: string) => {
    expect(q).toBe("(prefers-color-scheme: dark)");
    return query;
  });
  return {
    set(next: boolean) {
      query.matches = next;
      act(() => listeners.forEach((l) => l({ matches: next } as MediaQueryListEvent)));
    },
  };
}

const shownTheme = () => document.documentElement.dataset.theme;
const select = () => screen.getByLabelText("Theme") as HTMLSelectElement;

let stop: (() => void) | null = null;

function start() {
  stop = startTheme();
  render(<AppearanceCard />);
}

beforeEach(() => {
  localStorage.clear();
  delete document.documentElement.dataset.theme;
});

afterEach(() => {
  cleanup();
  stop?.();
  stop = null;
  vi.unstubAllGlobals();
});

describe("AppearanceCard", () => {
  it("starts on System, showing the system's theme and saying which it is", () => {
    fakeSystemScheme(true);
    start();
    expect(select().value).toBe("system");
    expect(shownTheme()).toBe("dark");
    expect(screen.getByText("Follows the system’s setting, which is dark now.")).toBeTruthy();
  });

  it("follows the system as it changes under System", () => {
    const system = fakeSystemScheme(false);
    start();
    expect(shownTheme()).toBe("light");
    system.set(true);
    expect(shownTheme()).toBe("dark");
    expect(screen.getByText("Follows the system’s setting, which is dark now.")).toBeTruthy();
  });

  it("shows the chosen theme at once, keeps it for the next start, and then ignores the system", () => {
    const system = fakeSystemScheme(false);
    start();
    fireEvent.change(select(), { target: { value: "dark" } });
    expect(shownTheme()).toBe("dark");
    expect(localStorage.getItem(THEME_STORAGE_KEY)).toBe("dark");
    system.set(false);
    expect(shownTheme()).toBe("dark");

    cleanup();
    stop?.();
    delete document.documentElement.dataset.theme;
    start();
    expect(select().value).toBe("dark");
    expect(shownTheme()).toBe("dark");
  });

  it("switches with colour transitions off, and turns them back on once the new colours are in", async () => {
    fakeSystemScheme(false);
    start();
    await vi.waitFor(() => expect(document.documentElement.dataset.themeSwitching).toBeUndefined());
    fireEvent.change(select(), { target: { value: "dark" } });
    expect(document.documentElement.dataset.themeSwitching).toBe("");
    await vi.waitFor(() => expect(document.documentElement.dataset.themeSwitching).toBeUndefined());
    expect(shownTheme()).toBe("dark");
  });

  it("starts on System when the stored choice is not one it knows", () => {
    localStorage.setItem(THEME_STORAGE_KEY, "sepia");
    fakeSystemScheme(false);
    start();
    expect(select().value).toBe("system");
    expect(shownTheme()).toBe("light");
  });
});
