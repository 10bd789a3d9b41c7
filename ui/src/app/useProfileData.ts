import { useCallback, useEffect, useRef, useState } from "react";
import { commands, type ApiError, type AppInfo, type KeychainView, type ProfileList, type ProfileView } from "../bindings";
import { takeLoad } from "../firstLoad";
import { toApiError } from "../ipc";
import { keepIfSame, watchWindowReturn } from "./windowReturn";

export type ProfileData = {
  list: ProfileList | null;
  info: AppInfo | null;
  /** Why the profile list could not be loaded (e.g. code "config": unreadable file). */
  loadError: ApiError | null;
  loading: boolean;
};

export type ProfileDataControls = ProfileData & {
  reload: () => Promise<ProfileList | null>;
  /** Takes a fresh list returned by a command (use, remove). */
  replaceList: (list: ProfileList) => void;
  /** Takes one fresh profile returned by a command (clear secret). */
  replaceProfile: (profile: ProfileView) => void;
  /** Where secrets go on this machine, from whichever answer arrived. */
  keychain: KeychainView | null;
  configPath: string | null;
};

/**
 * The profile list and app info, loaded once, refreshed after every change,
 * and the list re-read whenever the user comes back to the window (a secret
 * stored with the CLI meanwhile shows as stored). Only the newest answer is
 * taken, so a slow re-read never undoes a change made after it started.
 */
export function useProfileData(): ProfileDataControls {
  const [data, setData] = useState<ProfileData>({ list: null, info: null, loadError: null, loading: true });
  /** Counts requests and changes: an answer older than the last one is dropped. */
  const latest = useRef(0);
  /** Reloads not answered yet: `loading` while there is one. */
  const pendingReloads = useRef(0);

  const reload = useCallback(async (): Promise<ProfileList | null> => {
    const asked = ++latest.current;
    pendingReloads.current += 1;
    setData((d) => ({ ...d, loading: true }));
    const [list, info] = await Promise.allSettled(takeLoad());
    pendingReloads.current -= 1;
    const loading = pendingReloads.current > 0;
    const next: ProfileData = {
      list: list.status === "fulfilled" ? list.value : null,
      info: info.status === "fulfilled" ? info.value : null,
      loadError: list.status === "rejected" ? toApiError(list.reason) : null,
      loading,
    };
    if (asked === latest.current) {
      setData((d) => ({ ...next, info: next.info ?? d.info }));
    } else {
      // A newer answer or change holds the list; the app's facts are still news.
      setData((d) => ({ ...d, info: next.info ?? d.info, loading }));
    }
    return next.list;
  }, []);

  /** The list again, without a loading state; nothing re-renders when it is unchanged. */
  const reread = useCallback(async (): Promise<void> => {
    const asked = ++latest.current;
    const [list] = await Promise.allSettled([commands.profileList()]);
    if (asked !== latest.current) return;
    setData((d) =>
      list.status === "fulfilled"
        ? { ...d, list: keepIfSame(d.list, list.value), loadError: null }
        : { ...d, list: null, loadError: toApiError(list.reason) },
    );
  }, []);

  useEffect(() => {
    void reload();
  }, [reload]);

  useEffect(() => watchWindowReturn(window, document, reread), [reread]);

  const replaceList = useCallback((list: ProfileList) => {
    latest.current += 1;
    setData((d) => ({ ...d, list, loadError: null }));
  }, []);

  const replaceProfile = useCallback((profile: ProfileView) => {
    latest.current += 1;
    setData((d) =>
      d.list
        ? {
            ...d,
            list: { ...d.list, profiles: d.list.profiles.map((p) => (p.name === profile.name ? profile : p)) },
          }
        : d,
    );
  }, []);

  return {
    ...data,
    reload,
    replaceList,
    replaceProfile,
    keychain: data.list?.keychain ?? data.info?.keychain ?? null,
    configPath: data.list?.configPath ?? data.info?.configPath ?? null,
  };
}
