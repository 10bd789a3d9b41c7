// The rule for an address a released IdLens is told to fetch from (the update
// manifest's endpoint, the packages' download URLs): the updater refuses any
// other in release builds, so a release script refuses it before publishing.
// Shared by updater-config.mjs and update-manifest.mjs.

/**
 * `value` as a URL: `https://`, with a host, without a user name or password.
 * Throws a sentence naming `name` (the setting or option) otherwise;
 * `expected` says what it should be set to ("the https:// address of …").
 */
export function releaseUrl(value, { name, expected }) {
  let url;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${name} is not a URL: set it to ${expected}`);
  }
  if (url.protocol !== "https:" || !url.hostname) {
    throw new Error(`${name} must be an https:// URL with a host (the updater refuses any other in release builds): set it to ${expected}`);
  }
  if (url.username || url.password) throw new Error(`${name} must not carry a user name or password`);
  return url;
}
