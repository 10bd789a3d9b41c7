import type { DragEvent } from "react";

/** Dropped files larger than this are not read: a token, JWKS or PEM file is far smaller. */
export const MAX_DROPPED_FILE = 256 * 1024;

export type DroppedText = { text: string; from: string } | { error: string };

export function carriesText(event: DragEvent): boolean {
  const types = Array.from(event.dataTransfer.types);
  return types.includes("Files") || types.includes("text/plain");
}

/** The text of a dropped file (the first, if several) or of dropped text. */
export async function readDrop(event: DragEvent): Promise<DroppedText | null> {
  const file = event.dataTransfer.files[0];
  if (file) {
    if (file.size > MAX_DROPPED_FILE) {
      return {
        error:
          `${file.name} is ${Math.round(file.size / 1024)} KiB: too large to be a token or a key file. ` +
          "Drop a file that holds only the token.",
      };
    }
    try {
      return { text: (await file.text()).trim(), from: file.name };
    } catch {
      return { error: `IdLens could not read ${file.name}. Check that it is a readable text file, or paste its content instead.` };
    }
  }
  const text = event.dataTransfer.getData("text/plain");
  return text ? { text: text.trim(), from: "dropped text" } : null;
}
