import type { AreaId } from "./areaCatalog";

export type { AreaId };

/** A part of the profile editor another area can send the user to. */
export type SettingsFocus =
  | "audience"
  | "management"
  | "neo4j"
  | "secrets"
  | "managementClientSecret"
  | "neo4jPassword";

/** What Settings should show when it is opened from elsewhere. */
export type SettingsIntent = { mode: "new" } | { mode: "edit"; profile: string; focus?: SettingsFocus };

export type Navigate = (area: AreaId, intent?: SettingsIntent) => void;

export type NavigationState = {
  area: AreaId;
  /** Increases on every navigation, so the same focus request can be applied twice. */
  seq: number;
  /** Move focus to the area's heading once it renders (keyboard shortcuts). */
  focusHeading: boolean;
};
