// @vitest-environment jsdom
import { act, render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { createStore } from "./store";

type Counter = { count: number; label: string };

describe("createStore", () => {
  it("merges a change into the state and keeps the rest", () => {
    const store = createStore<Counter>({ count: 0, label: "a" });
    store.set({ count: 2 });
    expect(store.get()).toEqual({ count: 2, label: "a" });
    store.replace({ count: 5, label: "b" });
    expect(store.get()).toEqual({ count: 5, label: "b" });
  });

  it("gives a new state object on every change, so React sees it changed", () => {
    const store = createStore<Counter>({ count: 0, label: "a" });
    const before = store.get();
    store.set({ count: 0 });
    expect(store.get()).not.toBe(before);
    expect(before).toEqual({ count: 0, label: "a" });
  });

  it("tells each subscriber of every change until it unsubscribes", () => {
    const store = createStore<Counter>({ count: 0, label: "a" });
    const seen: number[] = [];
    const other: number[] = [];
    const stop = store.subscribe(() => seen.push(store.get().count));
    store.subscribe(() => other.push(store.get().count));
    store.set({ count: 1 });
    store.replace({ count: 2, label: "a" });
    stop();
    store.set({ count: 3 });
    expect(seen).toEqual([1, 2]);
    expect(other).toEqual([1, 2, 3]);
  });

  it("renders a component again when the state changes, and no more once it is gone", () => {
    const store = createStore<Counter>({ count: 0, label: "a" });
    let renders = 0;
    function Count() {
      renders++;
      const { count } = store.use();
      return <p>count {count}</p>;
    }
    const view = render(<Count />);
    expect(screen.getByText("count 0")).toBeTruthy();
    act(() => store.set({ count: 4 }));
    expect(screen.getByText("count 4")).toBeTruthy();
    view.unmount();
    const rendered = renders;
    store.set({ count: 5 });
    expect(renders).toBe(rendered);
  });
});
