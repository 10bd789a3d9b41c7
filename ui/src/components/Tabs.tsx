import { useRef, type KeyboardEvent, type ReactNode } from "react";

export type TabItem<T extends string> = { id: T; label: string; badge?: ReactNode; disabled?: boolean };

type TabsProps<T extends string> = {
  /** What the tabs choose between, for screen readers. */
  label: string;
  tabs: TabItem<T>[];
  selected: T;
  onSelect: (id: T) => void;
  /** The id prefix of the tab and panel elements. */
  idPrefix: string;
};

/**
 * A tab list as WAI-ARIA describes it: one tab stop, arrow keys, Home and
 * End move between tabs and select them. The panel is rendered by the caller
 * with `tabPanelProps`.
 */
export function Tabs<T extends string>({ label, tabs, selected, onSelect, idPrefix }: TabsProps<T>) {
  const refs = useRef(new Map<T, HTMLButtonElement>());
  const enabled = tabs.filter((t) => !t.disabled);

  const move = (e: KeyboardEvent) => {
    const at = enabled.findIndex((t) => t.id === selected);
    const to =
      e.key === "ArrowRight"
        ? (at + 1) % enabled.length
        : e.key === "ArrowLeft"
          ? (at - 1 + enabled.length) % enabled.length
          : e.key === "Home"
            ? 0
            : e.key === "End"
              ? enabled.length - 1
              : null;
    const next = to === null ? undefined : enabled[to];
    if (!next) return;
    e.preventDefault();
    onSelect(next.id);
    refs.current.get(next.id)?.focus();
  };

  return (
    <div className="tabs" role="tablist" aria-label={label} onKeyDown={move}>
      {tabs.map((tab) => (
        <button
          key={tab.id}
          ref={(el) => {
            if (el) refs.current.set(tab.id, el);
            else refs.current.delete(tab.id);
          }}
          type="button"
          role="tab"
          id={`${idPrefix}-tab-${tab.id}`}
          aria-controls={`${idPrefix}-panel-${tab.id}`}
          aria-selected={tab.id === selected}
          tabIndex={tab.id === selected ? 0 : -1}
          disabled={tab.disabled}
          className={`tabs__tab${tab.id === selected ? " tabs__tab--selected" : ""}`}
          data-testid={`${idPrefix}-tab-${tab.id}`}
          onClick={() => onSelect(tab.id)}
        >
          {tab.label}
          {tab.badge !== undefined ? <span className="tabs__badge">{tab.badge}</span> : null}
        </button>
      ))}
    </div>
  );
}

export function tabPanelProps(idPrefix: string, id: string) {
  return {
    role: "tabpanel" as const,
    id: `${idPrefix}-panel-${id}`,
    "aria-labelledby": `${idPrefix}-tab-${id}`,
    tabIndex: 0,
  };
}
