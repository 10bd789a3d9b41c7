// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { AREAS } from "./areaCatalog";
import { Sidebar } from "./Sidebar";

afterEach(cleanup);

function focusedArea(): string | null {
  return document.activeElement?.getAttribute("data-area") ?? null;
}

describe("Sidebar", () => {
  it("is one tab stop, the area shown", () => {
    render(<Sidebar active="inspector" onOpen={vi.fn()} version="1.0.0" />);
    const stops = AREAS.filter((a) => screen.getByTestId(`nav-${a.id}`).tabIndex === 0).map((a) => a.id);
    expect(stops).toEqual(["inspector"]);
  });

  it("moves focus with Down and Up in the column, Right and Left in the row it becomes when narrow, wrapping round", () => {
    render(<Sidebar active="session" onOpen={vi.fn()} version={null} />);
    const ids = AREAS.map((a) => a.id);
    screen.getByTestId("nav-session").focus();
    for (const [key, expected] of [
      ["ArrowDown", ids[1]],
      ["ArrowRight", ids[2]],
      ["ArrowLeft", ids[1]],
      ["ArrowUp", ids[0]],
      ["ArrowLeft", ids.at(-1)],
      ["ArrowRight", ids[0]],
      ["End", ids.at(-1)],
      ["Home", ids[0]],
    ] as const) {
      fireEvent.keyDown(document.activeElement as Element, { key });
      expect(focusedArea(), key).toBe(expected);
    }
  });
});
