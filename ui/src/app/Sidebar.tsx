import { useRef, type KeyboardEvent } from "react";
import { LensMark } from "../components/Icons";
import { AREAS, type AreaEntry, type AreaId } from "./areaCatalog";
import { ariaShortcut, shortcutLabel } from "./shortcuts";

type SidebarProps = {
  active: AreaId;
  onOpen: (area: AreaId) => void;
  version: string | null;
};

/**
 * Product mark and area navigation. The nav is one tab stop (the active
 * item); arrow keys, Home and End move between items (roving focus). Zoomed
 * in it is a rail of icons, and at 320 CSS px a row (shell.css).
 */
export function Sidebar({ active, onOpen, version }: SidebarProps) {
  const buttons = useRef(new Map<AreaId, HTMLButtonElement>());

  function onKeyDown(event: KeyboardEvent<HTMLElement>) {
    const order: AreaId[] = AREAS.map((a) => a.id);
    const current = order.indexOf(document.activeElement?.getAttribute("data-area") as AreaId);
    if (current < 0) return;
    let next: number | null = null;
    // Down and Up in the sidebar; Right and Left too, for the row it becomes at 320 CSS px.
    if (event.key === "ArrowDown" || event.key === "ArrowRight") next = (current + 1) % order.length;
    else if (event.key === "ArrowUp" || event.key === "ArrowLeft") next = (current - 1 + order.length) % order.length;
    else if (event.key === "Home") next = 0;
    else if (event.key === "End") next = order.length - 1;
    if (next === null) return;
    event.preventDefault();
    const id = order[next];
    if (id) buttons.current.get(id)?.focus();
  }

  function item(area: AreaEntry<AreaId>) {
    const isActive = area.id === active;
    return (
      <li key={area.id}>
        <button
          type="button"
          ref={(el) => {
            if (el) buttons.current.set(area.id, el);
            else buttons.current.delete(area.id);
          }}
          className="nav-item"
          data-area={area.id}
          data-testid={`nav-${area.id}`}
          aria-current={isActive ? "page" : undefined}
          tabIndex={isActive ? 0 : -1}
          title={`${area.title} (${shortcutLabel(area.shortcutKey)})`}
          aria-keyshortcuts={ariaShortcut(area.shortcutKey)}
          onClick={() => onOpen(area.id)}
        >
          <span className="nav-item__icon">{area.icon}</span>
          <span className="nav-item__label">{area.title}</span>
          <kbd className="nav-item__shortcut" aria-hidden="true">
            {shortcutLabel(area.shortcutKey)}
          </kbd>
        </button>
      </li>
    );
  }

  return (
    <aside className="sidebar">
      <div className="sidebar__brand">
        <LensMark className="sidebar__mark" />
        <div className="sidebar__wordmark">
          <span className="sidebar__name">IdLens</span>
          <span className="sidebar__tagline">Auth0 identity audits</span>
        </div>
      </div>
      <nav className="sidebar__nav" aria-label="Areas" onKeyDown={onKeyDown}>
        <p className="sidebar__section-label" id="nav-work-label">
          Workspace
        </p>
        <ul className="nav-list" aria-labelledby="nav-work-label">
          {AREAS.filter((a) => a.place === "workspace").map(item)}
        </ul>
        <div className="sidebar__spacer" />
        <ul className="nav-list nav-list--bottom">{AREAS.filter((a) => a.place === "bottom").map(item)}</ul>
      </nav>
      <p className="sidebar__footer">{version ? `IdLens ${version}` : "IdLens"}</p>
    </aside>
  );
}
