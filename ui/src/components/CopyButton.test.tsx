// @vitest-environment jsdom
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, test } from "vitest";
import { CopyButton } from "./CopyButton";

afterEach(cleanup);

describe("the copy button's name for screen readers", () => {
  test("starts with the text it shows, then says what it copies (label in name)", () => {
    render(<CopyButton text="x" what="the report as JSON" label="Copy as JSON" />);
    expect(screen.getByRole("button").getAttribute("aria-label")).toBe("Copy as JSON: the report as JSON");
  });

  test("an icon-only button says what it copies", () => {
    render(<CopyButton text="x" what="the user ID" compact />);
    expect(screen.getByRole("button", { name: "Copy the user ID" })).toBeTruthy();
  });
});
