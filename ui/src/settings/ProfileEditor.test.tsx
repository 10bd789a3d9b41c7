// @vitest-environment jsdom
// How the profile editor handles a draft it cannot save: which field is marked,
// what is said, what clears it. What converting a draft checks is in
// profileDraft.test.ts.
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { useState } from "react";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { ApiError, ProfileInput, ProfileView } from "../bindings";
import { ProfileEditor } from "./ProfileEditor";
import { emptyDraft, type ProfileDraft } from "./profileDraft";

const core = vi.hoisted(() => ({
  profileAdd: vi.fn<(input: ProfileInput) => Promise<ProfileView>>(),
  profileUpdate: vi.fn<(input: ProfileInput) => Promise<ProfileView>>(),
}));
vi.mock("../bindings", async (original) => ({
  ...(await original<typeof import("../bindings")>()),
  commands: core,
}));

beforeAll(() => {
  // jsdom lays nothing out; revealing an error scrolls, which it does not implement.
  Element.prototype.scrollIntoView = () => undefined;
  Element.prototype.scrollTo = () => undefined;
  Element.prototype.scrollBy = () => undefined;
});
beforeEach(() => {
  core.profileAdd.mockReset();
  core.profileUpdate.mockReset();
});
afterEach(cleanup);

const FILLED: ProfileDraft = { ...emptyDraft(), name: "prod", issuer: "acme.eu.auth0.com", clientId: "abc" };

function NewProfile({ start = FILLED, existingNames = [] as string[], onSaved = async () => undefined }) {
  const [draft, setDraft] = useState(start);
  return (
    <main id="main">
      <ProfileEditor
        profile={null}
        isCurrent={false}
        firstRun={false}
        draft={draft}
        base={emptyDraft()}
        onDraftChange={setDraft}
        existingNames={existingNames}
        keychain={null}
        configPath={null}
        defaultCallbackPort={8400}
        baseScopes={["openid"]}
        focus={null}
        focusSeq={0}
        onSaved={onSaved}
        onProfileChanged={() => undefined}
        onReload={async () => undefined}
      />
    </main>
  );
}

const input = (testId: string) => screen.getByTestId(testId) as HTMLInputElement;
const add = () => fireEvent.click(screen.getByTestId("profile-save"));
const invalid = (testId: string) => input(testId).getAttribute("aria-invalid") === "true";

describe("the profile editor", () => {
  it("refuses a draft it cannot convert on the field at fault, focused, without asking the core", () => {
    render(<NewProfile />);
    fireEvent.change(input("profile-callback-port"), { target: { value: "80" } });
    add();
    const error = screen.getByRole("alert");
    expect(error.textContent).toMatch(/^Not added: callback port must be a whole number between 1024 and 65535/);
    expect(error.textContent).toMatch(/Correct the highlighted field/);
    expect(invalid("profile-callback-port")).toBe(true);
    expect(input("profile-callback-port").getAttribute("aria-describedby")).toContain(error.id);
    expect(document.activeElement).toBe(input("profile-callback-port"));
    expect(core.profileAdd).not.toHaveBeenCalled();
  });

  it("clears the error when the field at fault is edited, and not for another field", () => {
    render(<NewProfile />);
    fireEvent.change(input("profile-callback-port"), { target: { value: "port" } });
    add();
    fireEvent.change(input("profile-scopes"), { target: { value: "read:reports" } });
    expect(screen.getByRole("alert")).toBeTruthy();
    fireEvent.change(input("profile-callback-port"), { target: { value: "8401" } });
    expect(screen.queryByRole("alert")).toBeNull();
    expect(invalid("profile-callback-port")).toBe(false);
  });

  it("marks a field shown only for the access mode chosen", () => {
    render(<NewProfile />);
    expect(screen.queryByTestId("profile-management-client-id")).toBeNull();
    fireEvent.change(screen.getByTestId("profile-management"), { target: { value: "clientCredentials" } });
    add();
    expect(invalid("profile-management-client-id")).toBe(true);
    expect(screen.getByRole("alert").textContent).toMatch(/machine-to-machine client ID must not be empty/);
  });

  it("shows the core's refusal on the field the core names", async () => {
    const refusal: ApiError = { code: "invalidInput", message: "issuer must use https", field: "issuer" };
    core.profileAdd.mockRejectedValue(refusal);
    render(<NewProfile />);
    add();
    const error = await screen.findByRole("alert");
    expect(error.textContent).toMatch(/^Not added: issuer must use https/);
    expect(invalid("profile-issuer")).toBe(true);
    expect(core.profileAdd).toHaveBeenCalledWith(expect.objectContaining({ name: "prod", issuer: "acme.eu.auth0.com" }));
  });

  it("offers a free name when the name is taken, and takes it on request", async () => {
    core.profileAdd.mockRejectedValue({ code: "alreadyExists", message: "a profile named “prod” exists", field: "name" });
    render(<NewProfile existingNames={["prod", "prod-2"]} />);
    add();
    const offer = await screen.findByRole("button", { name: "Name it “prod-3” instead" });
    fireEvent.click(offer);
    expect(input("profile-name").value).toBe("prod-3");
    expect(screen.queryByRole("alert")).toBeNull();
    expect(document.activeElement).toBe(input("profile-name"));
  });

  it("hands over the saved profile and shows no error", async () => {
    const saved = { name: "prod" } as ProfileView;
    core.profileAdd.mockResolvedValue(saved);
    const onSaved = vi.fn(async () => undefined);
    render(<NewProfile onSaved={onSaved} />);
    add();
    await waitFor(() => expect(onSaved).toHaveBeenCalledWith(saved));
    expect(screen.queryByRole("alert")).toBeNull();
  });
});
