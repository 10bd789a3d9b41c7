// The app's theme preference (Settings → Appearance) as pure logic: which
// theme a preference shows given the OS's colour scheme, the words the card
// says about it, and how it is read from and written to storage. A missing or
// unknown stored value reads as System, so a bad entry never breaks start-up.
import type { Choice } from "../components/ChoiceField";

/** What the user chose: follow the OS, or one theme always. */
export type ThemePreference = "system" | "light" | "dark";

/** What the app shows: the value of `data-theme` on `<html>`, which theme.css reads. */
export type Theme = "light" | "dark";

/** The web view's localStorage key: a UI-only preference, not part of any profile. */
export const THEME_STORAGE_KEY = "idlens.theme";

export const THEME_CHOICES: readonly Choice<ThemePreference>[] = [
  { kind: "system", label: "System" },
  { kind: "light", label: "Light" },
  { kind: "dark", label: "Dark" },
];

/** The theme `preference` shows while the OS asks for dark (`systemDark`) or not. */
export function resolveTheme(preference: ThemePreference, systemDark: boolean): Theme {
  if (preference === "system") return systemDark ? "dark" : "light";
  return preference;
}

/** A stored value as a preference: anything but a known one is System. */
export function parsePreference(stored: string | null): ThemePreference {
  return THEME_CHOICES.find((c) => c.kind === stored)?.kind ?? "system";
}

/** The preference kept in `storage`; System when there is none, it is unreadable, or there is no storage. */
export function readPreference(storage: Pick<Storage, "getItem"> | null): ThemePreference {
  try {
    return parsePreference(storage?.getItem(THEME_STORAGE_KEY) ?? null);
  } catch {
    // A web view that refuses storage access: start with the default.
    return "system";
  }
}

/** Keeps `preference` in `storage`; false when it could not be kept (then it lasts until IdLens exits). */
export function writePreference(storage: Pick<Storage, "setItem"> | null, preference: ThemePreference): boolean {
  if (!storage) return false;
  try {
    storage.setItem(THEME_STORAGE_KEY, preference);
    return true;
  } catch {
    return false;
  }
}

/** The hint under the Theme field: what the choice does now, and whether it will be remembered. */
export function themeHint(preference: ThemePreference, systemDark: boolean, saved: boolean): string {
  const what =
    preference === "system"
      ? `Follows the system’s setting, which is ${systemDark ? "dark" : "light"} now.`
      : `Always ${preference}, whatever the system’s setting.`;
  return saved ? what : `${what} IdLens could not save this choice, so it lasts until IdLens exits.`;
}
