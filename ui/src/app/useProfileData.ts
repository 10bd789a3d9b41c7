import { useCallback, useEffect, useState } from "react";
import type { ApiError, AppInfo, KeychainView, ProfileList, ProfileView } from "../bindings";
import { takeLoad } from "../firstLoad";
import { toApiError } from "../ipc";

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

/** The profile list and app info, loaded once and refreshed after every change. */
export function useProfileData(): ProfileDataControls {
  const [data, setData] = useState<ProfileData>({ list: null, info: null, loadError: null, loading: true });

  const reload = useCallback(async (): Promise<ProfileList | null> => {
    setData((d) => ({ ...d, loading: true }));
    const [list, info] = await Promise.allSettled(takeLoad());
    const next: ProfileData = {
      list: list.status === "fulfilled" ? list.value : null,
      info: info.status === "fulfilled" ? info.value : null,
      loadError: list.status === "rejected" ? toApiError(list.reason) : null,
      loading: false,
    };
    setData((d) => ({ ...next, info: next.info ?? d.info }));
    return next.list;
  }, []);

  useEffect(() => {
    void reload();
  }, [reload]);

  const replaceList = useCallback((list: ProfileList) => {
    setData((d) => ({ ...d, list, loadError: null }));
  }, []);

  const replaceProfile = useCallback((profile: ProfileView) => {
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
