// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ErrorNotice, ManagementNextStep } from "./ErrorNotice";

afterEach(cleanup);

describe("ErrorNotice", () => {
  it("is an alert with the title and the core's message", () => {
    render(<ErrorNotice title="The plan could not be made" error={{ code: "network", message: "Neo4j did not answer." }} />);
    const alert = screen.getByRole("alert");
    expect(alert.textContent).toContain("The plan could not be made");
    expect(alert.textContent).toContain("Neo4j did not answer.");
  });

  it("asks again when Try again is pressed", () => {
    const retry = vi.fn();
    render(<ErrorNotice title="The user could not be read" error={{ code: "io", message: "x" }} onRetry={retry} retryTestId="again" />);
    fireEvent.click(screen.getByRole("button", { name: "Try again" }));
    expect(retry).toHaveBeenCalledTimes(1);
    expect(screen.getByTestId("again")).toBeTruthy();
  });

  it("has no Try again without something to repeat, and keeps the other actions", () => {
    render(
      <ErrorNotice
        title="No such user"
        error={{ code: "notFound", message: "x" }}
        actions={<button type="button">Back to results</button>}
      />,
    );
    expect(screen.queryByRole("button", { name: "Try again" })).toBeNull();
    expect(screen.getByRole("button", { name: "Back to results" })).toBeTruthy();
  });

  it("does not retry while disabled", () => {
    const retry = vi.fn();
    render(<ErrorNotice title="t" error={{ code: "io", message: "x" }} onRetry={retry} retryDisabled />);
    const button = screen.getByRole("button", { name: "Try again" }) as HTMLButtonElement;
    expect(button.disabled).toBe(true);
  });
});

describe("ManagementNextStep", () => {
  it("sends a signed-out user to Session and a forbidden one to the profile's settings", () => {
    const navigate = vi.fn();
    const { rerender } = render(
      <ManagementNextStep error={{ code: "signInRequired", message: "x" }} profile="dev" navigate={navigate} />,
    );
    fireEvent.click(screen.getByRole("button", { name: "Go to Session" }));
    expect(navigate).toHaveBeenLastCalledWith("session");
    rerender(<ManagementNextStep error={{ code: "forbidden", message: "x" }} profile="dev" navigate={navigate} />);
    fireEvent.click(screen.getByRole("button", { name: "Management API settings" }));
    expect(navigate).toHaveBeenLastCalledWith("settings", { mode: "edit", profile: "dev", focus: "management" });
    rerender(<ManagementNextStep error={{ code: "network", message: "x" }} profile="dev" navigate={navigate} />);
    expect(screen.queryByRole("button")).toBeNull();
  });
});
