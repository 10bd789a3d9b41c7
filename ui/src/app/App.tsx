import { Suspense, useCallback, useLayoutEffect, useRef, useState } from "react";
import { profileContext } from "../areas/profileContext";
import { useSessionKeeper } from "../areas/session/sessionStore";
import type { EditorFocus } from "../settings/editorFocus";
import type { ProfileDraft } from "../settings/profileDraft";
import type { DraftBook, SettingsSelection } from "../settings/SettingsArea";
import { areaEntry, type AreaShell } from "./areaCatalog";
import { JobAnnouncer } from "../components/JobAnnouncer";
import { AreaLoading, AreaShown } from "./lazyAreas";
import { GlobalErrorBanner } from "./GlobalErrorBanner";
import type { AreaId, Navigate, NavigationState, SettingsIntent } from "./navigation";
import { useAreaShortcuts } from "./shortcuts";
import { Sidebar } from "./Sidebar";
import { ToastProvider, ToastRegion } from "./toast";
import { TopBar } from "./TopBar";
import { useProfileData } from "./useProfileData";

export function App() {
  return (
    <ToastProvider>
      <Shell />
    </ToastProvider>
  );
}

function Shell() {
  const data = useProfileData();
  const [nav, setNav] = useState<NavigationState>({ area: "session", seq: 0, focusHeading: false });
  const [selection, setSelection] = useState<SettingsSelection | null>(null);
  const [drafts, setDrafts] = useState<DraftBook>({});
  // Where the Settings editor puts focus; changes with nav.seq so repeats apply.
  const [editorFocus, setEditorFocus] = useState<EditorFocus | null>(null);

  const navigate = useCallback<Navigate>((area: AreaId, intent?: SettingsIntent) => {
    if (area === "settings" && intent) {
      setSelection(intent.mode === "new" ? { mode: "new" } : { mode: "edit", name: intent.profile });
    }
    setEditorFocus(intent ? (intent.mode === "new" ? "name" : (intent.focus ?? null)) : null);
    setNav((n) => ({ area, seq: n.seq + 1, focusHeading: !intent }));
  }, []);

  const openFromKeyboard = useCallback((area: AreaId) => {
    setEditorFocus(null);
    setNav((n) => ({ area, seq: n.seq + 1, focusHeading: true }));
  }, []);
  useAreaShortcuts(openFromKeyboard);

  const openFromSidebar = useCallback((area: AreaId) => {
    setEditorFocus(null);
    setNav((n) => (n.area === area ? n : { area, seq: n.seq + 1, focusHeading: false }));
  }, []);

  const mainRef = useRef<HTMLElement>(null);
  const shownArea = useRef<AreaId>(nav.area);
  // A newly opened area starts at its top: the main column is one scroller shared by
  // every area, so it would otherwise keep the previous area's position. Runs before
  // paint, and before the passive effects that scroll to a section Settings was opened at.
  // Keyboard users land on the heading, so screen readers announce it; the scroll is
  // already right, so focusing must not scroll again.
  useLayoutEffect(() => {
    const main = mainRef.current;
    if (!main) return;
    const areaChanged = shownArea.current !== nav.area;
    shownArea.current = nav.area;
    if (areaChanged || nav.focusHeading) main.scrollTo({ top: 0, left: 0, behavior: "instant" });
    if (nav.focusHeading) main.querySelector<HTMLElement>("h1")?.focus({ preventScroll: true });
  }, [nav.area, nav.seq, nav.focusHeading]);

  const setDraft = useCallback((key: string, draft: ProfileDraft | null) => {
    setDrafts((book) => {
      if (draft) return { ...book, [key]: draft };
      if (!(key in book)) return book;
      const rest = { ...book };
      delete rest[key];
      return rest;
    });
  }, []);

  const context = profileContext(data.list, data.loadError, data.loading);
  useSessionKeeper(context.state === "ready" ? context.profile : null);
  const retry = () => void data.reload();
  const shell: AreaShell = {
    area: { context, navigate, onRetry: retry },
    baseScopes: data.info?.baseScopes ?? null,
    settings: {
      data,
      selection,
      onSelect: (next, focus) => {
        setSelection(next);
        setEditorFocus(focus ?? null);
        setNav((n) => ({ ...n, seq: n.seq + 1, focusHeading: false }));
      },
      drafts,
      onDraftChange: setDraft,
      focus: editorFocus,
      focusSeq: nav.seq,
    },
  };

  return (
    <div className="app">
      <a
        className="skip-link"
        href="#main"
        onClick={(e) => {
          e.preventDefault();
          document.getElementById("main")?.focus();
        }}
      >
        Skip to content
      </a>
      <Sidebar active={nav.area} onOpen={openFromSidebar} version={data.info?.version ?? null} />
      <div className="app__column">
        <TopBar
          list={data.list}
          loading={data.loading}
          keychain={data.keychain}
          onListChanged={data.replaceList}
          onOpenSession={() => navigate("session")}
        />
        {data.loadError ? <GlobalErrorBanner error={data.loadError} retrying={data.loading} onRetry={retry} /> : null}
        <div className="app__main-frame">
          <main id="main" className="app__main" tabIndex={-1} ref={mainRef}>
            <Suspense fallback={<AreaLoading />}>
              <AreaShown key={nav.area} main={mainRef} focusHeading={nav.focusHeading}>
                {areaEntry(nav.area).render(shell)}
              </AreaShown>
            </Suspense>
          </main>
          <ToastRegion />
        </div>
        <JobAnnouncer />
      </div>
    </div>
  );
}
