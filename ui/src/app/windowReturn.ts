// Profiles and secrets also change outside the window: `idlens profile
// set-mgmt-secret` in a terminal (which the Roles screen itself suggests),
// another IdLens window, a hand-edited profile file. The core reads the file
// and the keychain afresh on every call, so the app re-reads them whenever
// the user comes back to the window.

type Listening = Pick<EventTarget, "addEventListener" | "removeEventListener">;

/** The page's visibility, as `document` reports it. */
export type VisibilitySource = Listening & { readonly visibilityState: DocumentVisibilityState };

/**
 * Calls `onReturn` when the window comes back to the user: it gets focus
 * (WebKit fires `focus` on the window when its toplevel is activated) or the
 * page becomes visible again (restored from minimised, back from another
 * workspace). A return while `onReturn` is still running is dropped: the
 * running read already sees what changed while the user was away.
 * Returns the function that stops watching.
 */
export function watchWindowReturn(win: Listening, doc: VisibilitySource, onReturn: () => Promise<unknown>): () => void {
  let running = false;
  const returned = () => {
    if (running) return;
    running = true;
    void onReturn().finally(() => {
      running = false;
    });
  };
  const visibilityChanged = () => {
    if (doc.visibilityState === "visible") returned();
  };
  win.addEventListener("focus", returned);
  doc.addEventListener("visibilitychange", visibilityChanged);
  return () => {
    win.removeEventListener("focus", returned);
    doc.removeEventListener("visibilitychange", visibilityChanged);
  };
}

/** `old` when `fresh` holds the same data (so nothing re-renders), else `fresh`. */
export function keepIfSame<T>(old: T | null, fresh: T | null): T | null {
  return old !== null && fresh !== null && JSON.stringify(old) === JSON.stringify(fresh) ? old : fresh;
}
