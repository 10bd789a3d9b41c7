// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ProfileList, ProfileView } from "../bindings";
import type { ProfileContext } from "./profileContext";
import { ProfileArea } from "./ProfileGate";

afterEach(cleanup);

const profile = { name: "dev" } as ProfileView;

function renderArea(context: ProfileContext, navigate = vi.fn(), onRetry = vi.fn()) {
  render(
    <ProfileArea
      context={context}
      navigate={navigate}
      onRetry={onRetry}
      testId="area-x"
      title="Things"
      lead="For looking at things."
      purpose="know which tenant’s things to read"
    >
      {(ready) => <p data-testid="content">Things of {ready.profile.name}</p>}
    </ProfileArea>,
  );
  return { navigate, onRetry };
}

describe("ProfileArea", () => {
  it("frames the content of the profile in use with the area's title and lead", () => {
    renderArea({ state: "ready", profile, keychain: { kind: "os" } });
    const area = screen.getByTestId("area-x");
    expect(screen.getByRole("heading", { level: 1, name: "Things" }).id).toBe("area-x-title");
    expect(area.textContent).toContain("For looking at things.");
    expect(screen.getByTestId("content").textContent).toBe("Things of dev");
  });

  it("shows that profiles load, without the content", () => {
    renderArea({ state: "loading" });
    expect(screen.getByRole("status").textContent).toContain("Loading tenant profiles…");
    expect(screen.queryByTestId("content")).toBeNull();
  });

  it("asks for a first profile, saying why the area needs one", () => {
    const { navigate } = renderArea({ state: "noProfiles" });
    expect(screen.getByTestId("area-x").textContent).toContain(
      "IdLens needs a tenant profile to know which tenant’s things to read.",
    );
    fireEvent.click(screen.getByTestId("add-first-profile"));
    expect(navigate).toHaveBeenCalledWith("settings", { mode: "new" });
  });

  it("asks to choose a profile when none is in use", () => {
    const list = { profiles: [profile, { name: "prod" }], current: null } as ProfileList;
    const { navigate } = renderArea({ state: "noneInUse", list });
    expect(screen.getByTestId("area-x").textContent).toContain("There are 2 tenant profiles, but none is in use.");
    fireEvent.click(screen.getByRole("button", { name: "Choose a profile in Settings" }));
    expect(navigate).toHaveBeenCalledWith("settings");
  });

  it("says why profiles could not be read, and reads them again on Try again", () => {
    const { onRetry } = renderArea({ state: "unavailable", error: { code: "io", message: "The profiles file is locked." } });
    expect(screen.getByTestId("area-x").textContent).toContain("The profiles file is locked.");
    fireEvent.click(screen.getByRole("button", { name: "Try again" }));
    expect(onRetry).toHaveBeenCalledTimes(1);
  });
});
