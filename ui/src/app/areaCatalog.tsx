import type { ReactNode } from "react";
import { IconGraph, IconInspector, IconRbac, IconSession, IconSettings } from "../components/Icons";
import type { AreaId } from "./navigation";

export type AreaEntry = {
  id: AreaId;
  title: string;
  /** The key pressed with Ctrl (⌘ on macOS) to open the area. */
  shortcutKey: string;
  icon: ReactNode;
};

/** The sidebar, in order. Ctrl/⌘+1…4 follow this order; Settings is Ctrl/⌘+,. */
export const WORK_AREAS: readonly AreaEntry[] = [
  { id: "session", title: "Session", shortcutKey: "1", icon: <IconSession /> },
  { id: "inspector", title: "Token inspector", shortcutKey: "2", icon: <IconInspector /> },
  { id: "rbac", title: "Roles & permissions", shortcutKey: "3", icon: <IconRbac /> },
  { id: "graph", title: "Users & sync", shortcutKey: "4", icon: <IconGraph /> },
];

export const SETTINGS_AREA: AreaEntry = {
  id: "settings",
  title: "Settings",
  shortcutKey: ",",
  icon: <IconSettings />,
};

export const ALL_AREAS: readonly AreaEntry[] = [...WORK_AREAS, SETTINGS_AREA];
