// The areas other than Session, loaded when first opened. Session is the
// first screen and stays in the main bundle; the others (most of the UI's
// code) are separate chunks, so the first screen parses and runs only what
// it shows. A chunk comes from the app's own assets, so the wait is short,
// and each loads once per run.
import { lazy, useLayoutEffect, useRef, type ReactNode, type RefObject } from "react";

export const InspectorArea = lazy(() =>
  import("../areas/inspector/InspectorArea").then((m) => ({ default: m.InspectorArea })),
);
export const RbacArea = lazy(() => import("../areas/rbac/RbacArea").then((m) => ({ default: m.RbacArea })));
export const GraphArea = lazy(() => import("../areas/graph/GraphArea").then((m) => ({ default: m.GraphArea })));
export const SettingsArea = lazy(() =>
  import("../settings/SettingsArea").then((m) => ({ default: m.SettingsArea })),
);

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
