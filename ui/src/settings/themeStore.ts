// The theme the app shows, kept in step with the user's preference and the
// OS. `startTheme` runs in main.tsx before React renders anything: it reads
// the preference from the web view's localStorage (theme.ts), sets
// `data-theme` on <html> (which theme.css reads), and from then on follows
// the user's choice in Settings → Appearance and, under System, the OS's
// colour scheme as it changes.
import { createStore } from "../store";
import { readPreference, resolveTheme, writePreference, type Theme, type ThemePreference } from "./theme";

export type ThemeState = {
  preference: ThemePreference;
  /** Whether the OS asks for dark now (`prefers-color-scheme: dark`). */
  systemDark: boolean;
  /** False when the last choice could not be written to storage. */
  saved: boolean;
};

const DARK_QUERY = "(prefers-color-scheme: dark)";

const store = createStore<ThemeState>({ preference: "system", systemDark: false, saved: true });

function webStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    // A web view that refuses storage access: the preference lasts until exit.
    return null;
  }
}

/**
 * Shows `theme` at once. `data-theme-switching` turns colour transitions off
 * (theme.css) while the new tokens are computed, so no control fades from one
 * theme to the other and nothing reads a colour half-way; it is lifted on the
 * next frame, once the new colours are settled.
 */
export function showTheme(root: HTMLElement, theme: Theme) {
  if (root.dataset.theme === theme) return;
  root.dataset.themeSwitching = "";
  root.dataset.theme = theme;
  // Computes every element's style now, with transitions off.
  void root.offsetHeight;
  requestAnimationFrame(() => delete root.dataset.themeSwitching);
}

function currentTheme(): Theme {
  const { preference, systemDark } = store.get();
  return resolveTheme(preference, systemDark);
}

/** Applies the stored preference to <html> and follows changes; returns a function that stops following. */
export function startTheme(): () => void {
  const media = window.matchMedia(DARK_QUERY);
  store.replace({ preference: readPreference(webStorage()), systemDark: media.matches, saved: true });
  const followSystem = (event: MediaQueryListEvent) => store.set({ systemDark: event.matches });
  media.addEventListener("change", followSystem);
  const show = () => showTheme(document.documentElement, currentTheme());
  const unsubscribe = store.subscribe(show);
  show();
  return () => {
    media.removeEventListener("change", followSystem);
    unsubscribe();
  };
}

export const themeStore = {
  use: store.use,

  /** The user's choice: shown at once and kept for the next start. */
  choose(preference: ThemePreference) {
    store.set({ preference, saved: writePreference(webStorage(), preference) });
  },
};
