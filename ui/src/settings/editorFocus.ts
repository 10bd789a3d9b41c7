// Where the profile editor puts focus: the part of the form another area
// pointed at, or the input a failed action is about with its message in view.
import type { SettingsFocus } from "../app/navigation";
import { FIELD_IDS } from "./DraftField";
import { FORM_ERROR_ID } from "./FormError";
import { secretInputId } from "./SecretsSection";

/** Where the editor puts focus when it opens: a section another area pointed at, the name of a new profile, or its title after saving. */
export type EditorFocus = SettingsFocus | "name" | "editor";

/** The id of the editor's title, focused after saving. */
export const EDITOR_TITLE_ID = "profile-editor-title";

const FOCUS_TARGETS: Record<EditorFocus, { control: string; section?: string }> = {
  editor: { control: EDITOR_TITLE_ID },
  name: { control: FIELD_IDS.name },
  audience: { control: FIELD_IDS.audience, section: "settings-tenant" },
  management: { control: FIELD_IDS.management, section: "settings-management" },
  neo4j: { control: FIELD_IDS.neo4jUri, section: "settings-neo4j" },
  secrets: { control: secretInputId("neo4jPassword"), section: "settings-secrets" },
  managementClientSecret: { control: secretInputId("managementClientSecret"), section: "settings-secrets" },
  neo4jPassword: { control: secretInputId("neo4jPassword"), section: "settings-secrets" },
};

/** Space kept between a revealed error and the edge of the view. */
const REVEAL_MARGIN = 16;

/**
 * How far to scroll `view` so `message` is fully visible, without pushing
 * `input` (when there is one) out of view.
 */
function scrollToShow(view: DOMRect, message: DOMRect, input: DOMRect | null): number {
  if (message.bottom > view.bottom) {
    const down = message.bottom - view.bottom + REVEAL_MARGIN;
    return input ? Math.max(0, Math.min(down, input.top - view.top - REVEAL_MARGIN)) : down;
  }
  if (message.top < view.top) {
    const up = message.top - view.top - REVEAL_MARGIN;
    return input ? Math.min(0, Math.max(up, input.bottom - view.bottom + REVEAL_MARGIN)) : up;
  }
  return 0;
}

/**
 * Brings a failed action on screen: the input it is about in the middle of the
 * view, focused, and its message (in the sticky footer for the profile form,
 * under the secrets for a secret) fully visible.
 */
export function revealError(inputId: string | null) {
  const main = document.getElementById("main");
  const message = document.getElementById(FORM_ERROR_ID);
  const input = inputId ? document.getElementById(inputId) : null;
  if (!main) return;
  // The final position is worked out with instant scrolls, then animated to from where
  // the view was: all before the next paint, so nothing flickers.
  const start = main.scrollTop;
  input?.scrollIntoView({ block: "center", inline: "nearest", behavior: "instant" });
  if (message) {
    const delta = scrollToShow(
      main.getBoundingClientRect(),
      message.getBoundingClientRect(),
      input?.getBoundingClientRect() ?? null,
    );
    main.scrollBy({ top: delta, behavior: "instant" });
  }
  const target = main.scrollTop;
  main.scrollTo({ top: start, behavior: "instant" });
  main.scrollTo({ top: target, behavior: "smooth" });
  input?.focus({ preventScroll: true });
}

/** Moves focus to `focus`, scrolling its section into view and lighting it up. */
export function focusTarget(focus: EditorFocus) {
  const target = FOCUS_TARGETS[focus];
  const section = target.section ? document.getElementById(target.section) : null;
  const control = document.getElementById(target.control);
  if (section) section.scrollIntoView({ block: "start", behavior: "smooth" });
  // Without a section to reveal (a new profile's name, the title after saving) the view stays where it is.
  if (control instanceof HTMLElement) control.focus({ preventScroll: true });
  if (section) {
    section.classList.remove("is-spotlit");
    // Restart the highlight animation when the same section is targeted twice.
    void section.offsetWidth;
    section.classList.add("is-spotlit");
  }
}
