// The first screen's data, asked for as early as the page allows.
//
// index.html loads this module before the main bundle: it is small, so the
// request for the profile list and app info leaves while the browser is still
// parsing the main bundle and React builds the shell, and the answer is often
// there by the time the first screen wants it. `useProfileData` takes these
// answers for its first load instead of asking again.
import { commands, type AppInfo, type ProfileList } from "./bindings";

export type FirstLoad = [Promise<ProfileList>, Promise<AppInfo>];

let firstLoad: FirstLoad | null = [commands.profileList(), commands.appInfo()];
// Rejections are read by whoever takes the load; until then they are expected.
firstLoad.forEach((answer) => answer.catch(() => undefined));

/** The early requests, once; afterwards fresh requests. */
export function takeLoad(): FirstLoad {
  const load = firstLoad ?? [commands.profileList(), commands.appInfo()];
  firstLoad = null;
  return load;
}
