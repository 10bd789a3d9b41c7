// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { SecretMissingState } from "./SecretMissingState";

afterEach(cleanup);

describe("SecretMissingState", () => {
  it("says which secret is missing and why, and opens the profile's editor at that secret", () => {
    const navigate = vi.fn();
    render(
      <SecretMissingState
        profile="dev"
        secret="neo4jPassword"
        title="The Neo4j password is not stored"
        titleTestId="missing"
        action="Store the Neo4j password"
        navigate={navigate}
      >
        <p>IdLens needs the password of neo4j.</p>
      </SecretMissingState>,
    );
    expect(screen.getByTestId("missing").textContent).toBe("The Neo4j password is not stored");
    expect(screen.getByTestId("empty-state").textContent).toContain("IdLens needs the password of neo4j.");
    fireEvent.click(screen.getByRole("button", { name: "Store the Neo4j password" }));
    expect(navigate).toHaveBeenCalledWith("settings", { mode: "edit", profile: "dev", focus: "neo4jPassword" });
  });
});
