import { useEffect } from "react";
import { AREAS, type AreaId } from "./areaCatalog";

export const IS_MAC = /Mac|iPhone|iPad/i.test(navigator.platform || navigator.userAgent);

/** How the platform writes the shortcut for `key`: "⌘1" on macOS, "Ctrl+1" elsewhere. */
export function shortcutLabel(key: string): string {
  return IS_MAC ? `⌘${key}` : `Ctrl+${key}`;
}

/** The same shortcut in `aria-keyshortcuts` syntax. */
export function ariaShortcut(key: string): string {
  return `${IS_MAC ? "Meta" : "Control"}+${key === "," ? "Comma" : key}`;
}

/**
 * The key a physical key stands for whatever the layout: layouts where the
 * digit row needs Shift still report Digit1… as the code, and Comma for ",".
 */
function keyOfCode(code: string): string | null {
  const digit = /^Digit([0-9])$/.exec(code)?.[1];
  if (digit) return digit;
  return code === "Comma" ? "," : null;
}

/** The area whose shortcut the key pressed (with the modifier) is, if any. */
export function areaForKey<Id extends string>(
  areas: readonly { id: Id; shortcutKey: string }[],
  event: Pick<KeyboardEvent, "key" | "code">,
): Id | null {
  const byKey = areas.find((a) => a.shortcutKey === event.key);
  if (byKey) return byKey.id;
  const key = keyOfCode(event.code);
  return key === null ? null : (areas.find((a) => a.shortcutKey === key)?.id ?? null);
}

/** Ctrl/⌘ with an area's shortcut key (1…9 for the work areas, "," for Settings) opens it. */
export function useAreaShortcuts(open: (area: AreaId) => void): void {
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      const modifier = IS_MAC ? event.metaKey : event.ctrlKey;
      if (!modifier || event.altKey || event.isComposing) return;
      const area = areaForKey(AREAS, event);
      if (!area) return;
      event.preventDefault();
      open(area);
    }
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [open]);
}
