// Every screen of the app, in sidebar order: one entry per area carries its
// id, title, icon, keyboard shortcut and screen. Navigation (AreaId), the
// sidebar, the shortcuts and App's render switch all follow from this list,
// and the e2e specs read the areas from the rendered sidebar, so a new screen
// is one entry here plus its own folder.
//
// The first area (Session) is imported directly and stays in the main bundle;
// every other screen is a `lazyScreen`, a chunk loaded when first opened.
import type { ComponentType, ReactNode } from "react";
import type { AreaProps } from "../areas/areaProps";
import { SessionArea } from "../areas/session/SessionArea";
import { IconGraph, IconInspector, IconRbac, IconSession, IconSettings, IconSupport } from "../components/Icons";
import type { SettingsAreaProps } from "../settings/SettingsArea";
import { lazyScreen } from "./lazyAreas";

/** What the shell holds that an area's screen may need. */
export type AreaShell = {
  /** What every area gets: the profile in use, navigation, retrying the profile list. */
  area: AreaProps;
  /** Scopes every sign-in requests, from the core; null until it has answered. */
  baseScopes: readonly string[] | null;
  settings: SettingsAreaProps;
};

export type AreaEntry<Id extends string = string> = {
  id: Id;
  title: string;
  icon: ReactNode;
  /**
   * The key pressed with Ctrl (⌘ on macOS) to open the area: a digit 1…9
   * (the digit row's key code counts too, for layouts that need Shift) or ",".
   */
  shortcutKey: string;
  /** Where the sidebar lists it: with the work areas, or at the bottom. */
  place: "workspace" | "bottom";
  /** The area's screen, given what the shell holds. */
  render: (shell: AreaShell) => ReactNode;
};

type EntryFields<Id extends string> = Omit<AreaEntry<Id>, "render">;

/** An entry whose screen needs more of the shell: `props` picks it. */
function area<const Id extends string, P extends object>(
  entry: EntryFields<Id> & { screen: ComponentType<P>; props: (shell: AreaShell) => P },
): AreaEntry<Id>;
/** An entry whose screen takes the props every area gets. */
function area<const Id extends string>(entry: EntryFields<Id> & { screen: ComponentType<AreaProps> }): AreaEntry<Id>;
function area<const Id extends string, P extends object>(
  entry: EntryFields<Id> & { screen: ComponentType<P>; props?: (shell: AreaShell) => P },
): AreaEntry<Id> {
  const { screen: Screen, props, ...fields } = entry;
  const propsOf = props ?? ((shell: AreaShell) => shell.area as P);
  return { ...fields, render: (shell) => <Screen {...propsOf(shell)} /> };
}

/** The sidebar, in order; the first one is where the app opens. */
export const AREAS = [
  area({
    id: "session",
    title: "Session",
    icon: <IconSession />,
    shortcutKey: "1",
    place: "workspace",
    screen: SessionArea,
    props: (shell) => ({ ...shell.area, baseScopes: shell.baseScopes }),
  }),
  area({
    id: "inspector",
    title: "Token inspector",
    icon: <IconInspector />,
    shortcutKey: "2",
    place: "workspace",
    screen: lazyScreen(() => import("../areas/inspector/InspectorArea").then((m) => m.InspectorArea)),
  }),
  area({
    id: "rbac",
    title: "Roles & permissions",
    icon: <IconRbac />,
    shortcutKey: "3",
    place: "workspace",
    screen: lazyScreen(() => import("../areas/rbac/RbacArea").then((m) => m.RbacArea)),
  }),
  area({
    id: "graph",
    title: "Users & sync",
    icon: <IconGraph />,
    shortcutKey: "4",
    place: "workspace",
    screen: lazyScreen(() => import("../areas/graph/GraphArea").then((m) => m.GraphArea)),
  }),
  area({
    id: "support",
    title: "Support",
    icon: <IconSupport />,
    shortcutKey: "5",
    place: "workspace",
    screen: lazyScreen(() => import("../areas/support/SupportArea").then((m) => m.SupportArea)),
  }),
  area({
    id: "settings",
    title: "Settings",
    icon: <IconSettings />,
    shortcutKey: ",",
    place: "bottom",
    screen: lazyScreen(() => import("../settings/SettingsArea").then((m) => m.SettingsArea)),
    props: (shell) => shell.settings,
  }),
] as const;

export type AreaId = (typeof AREAS)[number]["id"];

/** The area `id` names. */
export function areaEntry(id: AreaId): AreaEntry<AreaId> {
  const entry = AREAS.find((a) => a.id === id);
  if (!entry) throw new Error(`no area "${id}" in the catalog`);
  return entry;
}
