// How an area other than the first is loaded: a chunk fetched when the area is
// first opened, so the first screen parses and runs only what it shows. A
// chunk comes from the app's own assets, so the wait is short, and each loads
// once per run.
import { lazy, useLayoutEffect, useRef, type ComponentType, type ReactNode, type RefObject } from "react";

/** A screen in its own chunk: `load` imports its module and picks the component. */
export function lazyScreen<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  return lazy(() => load().then((component) => ({ default: component })));
}

/** Shown in the main column while an area's code loads. */
export function AreaLoading() {
  return (
    <p className="area-loading" role="status" aria-live="polite">
      Loading…
    </p>
  );
}

/**
 * Focuses the area's heading once the area is on screen, for keyboard users who
 * opened it (App's layout effect does the same for areas already loaded; a
 * loading area has no heading yet when that runs). Keyed by area, so it runs
 * once per opening; a suspended area's effects wait until it is shown.
 */
export function AreaShown({
  main,
  focusHeading,
  children,
}: {
  main: RefObject<HTMLElement | null>;
  focusHeading: boolean;
  children: ReactNode;
}) {
  const focusOnShow = useRef(focusHeading);
  useLayoutEffect(() => {
    if (focusOnShow.current) main.current?.querySelector<HTMLElement>("h1")?.focus({ preventScroll: true });
  }, [main]);
  return children;
}
