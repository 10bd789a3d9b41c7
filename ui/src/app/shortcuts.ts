import { useEffect } from "react";
import { ALL_AREAS } from "./areaCatalog";
import type { AreaId } from "./navigation";

export const IS_MAC = /Mac|iPhone|iPad/i.test(navigator.platform || navigator.userAgent);

/** How the platform writes the shortcut for `key`: "⌘1" on macOS, "Ctrl+1" elsewhere. */
export function shortcutLabel(key: string): string {
  return IS_MAC ? `⌘${key}` : `Ctrl+${key}`;
}

/** The same shortcut in `aria-keyshortcuts` syntax. */
export function ariaShortcut(key: string): string {
  return `${IS_MAC ? "Meta" : "Control"}+${key === "," ? "Comma" : key}`;
}

function areaForKey(event: KeyboardEvent): AreaId | null {
  const fromKey = ALL_AREAS.find((a) => a.shortcutKey === event.key);
  if (fromKey) return fromKey.id;
  // Layouts where the digit row needs Shift still report Digit1… as the code.
  const digit = /^Digit([1-4])$/.exec(event.code)?.[1];
  if (digit) return ALL_AREAS.find((a) => a.shortcutKey === digit)?.id ?? null;
  if (event.code === "Comma") return "settings";
  return null;
}

/** Ctrl/⌘+1…4 open the work areas, Ctrl/⌘+, opens Settings. */
export function useAreaShortcuts(open: (area: AreaId) => void): void {
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      const modifier = IS_MAC ? event.metaKey : event.ctrlKey;
      if (!modifier || event.altKey || event.isComposing) return;
      const area = areaForKey(event);
      if (!area) return;
      event.preventDefault();
      open(area);
    }
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [open]);
}
