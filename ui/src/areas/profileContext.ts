import type { ApiError, KeychainView, ProfileList, ProfileView } from "../bindings";

/** What an area can rely on about profiles right now. */
export type ProfileContext =
  | { state: "loading" }
  | { state: "unavailable"; error: ApiError }
  | { state: "noProfiles" }
  | { state: "noneInUse"; list: ProfileList }
  | { state: "ready"; profile: ProfileView; keychain: KeychainView };

export function profileContext(
  list: ProfileList | null,
  loadError: ApiError | null,
  loading: boolean,
): ProfileContext {
  if (!list) {
    if (loadError) return { state: "unavailable", error: loadError };
    return { state: "loading" };
  }
  if (list.profiles.length === 0) return loading ? { state: "loading" } : { state: "noProfiles" };
  const profile = list.profiles.find((p) => p.name === list.current);
  if (!profile) return { state: "noneInUse", list };
  return { state: "ready", profile, keychain: list.keychain };
}
