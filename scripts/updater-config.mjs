#!/usr/bin/env node
// Turns in-app updates on for a release build, or says why they are off.
// The release workflow runs it before `tauri build` in each build job:
//
//   node scripts/updater-config.mjs "$RUNNER_TEMP/updater.json"
//
// With the repository variable IDLENS_UPDATE_ENDPOINT (an https:// URL of the
// update manifest) and the secret TAURI_SIGNING_PRIVATE_KEY both set, it
// writes a Tauri config to merge (`tauri build --config FILE`: that endpoint,
// and signed updater artefacts) and names the file in $GITHUB_ENV as
// TAURI_UPDATER_CONFIG. Otherwise it writes nothing and prints a `::notice::`
// that this release has updates off: without the key, the build could not
// sign what it publishes, and IdLens installs nothing unsigned.
//
// An endpoint that is not https:// (or carries a user name or password) fails
// the job: the updater refuses it at start-up in release builds, which would
// leave the released app unable to open.
import { appendFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { releaseUrl } from "./release-url.mjs";

/**
 * What to do for `env`: `{ config }` to merge into the build, or
 * `{ notice }` when updates stay off. Throws for an endpoint IdLens would refuse.
 */
export function updaterSettings(env) {
  const endpoint = (env.IDLENS_UPDATE_ENDPOINT ?? "").trim();
  if (!endpoint) {
    return { notice: "No IDLENS_UPDATE_ENDPOINT repository variable: in-app updates are OFF for this release (it checks no server)." };
  }
  if (!env.TAURI_SIGNING_PRIVATE_KEY) {
    return {
      notice:
        "IDLENS_UPDATE_ENDPOINT is set but the TAURI_SIGNING_PRIVATE_KEY secret is not: in-app updates are OFF for this release (nothing could be signed).",
    };
  }
  releaseUrl(endpoint, { name: "IDLENS_UPDATE_ENDPOINT", expected: "the https:// address of latest.json" });
  return {
    config: {
      plugins: { updater: { endpoints: [endpoint] } },
      bundle: { createUpdaterArtifacts: true },
    },
  };
}

function main() {
  const output = process.argv[2];
  if (!output) throw new Error("usage: updater-config.mjs OUTPUT_FILE");
  const settings = updaterSettings(process.env);
  if (settings.notice) {
    console.log(`::notice::${settings.notice}`);
    return;
  }
  writeFileSync(output, JSON.stringify(settings.config));
  if (process.env.GITHUB_ENV) appendFileSync(process.env.GITHUB_ENV, `TAURI_UPDATER_CONFIG=${output}\n`);
  console.log(`In-app updates are on for this release: ${new URL(settings.config.plugins.updater.endpoints[0]).host}, signed updater packages (${output}).`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    main();
  } catch (e) {
    console.log(`::error::${e instanceof Error ? e.message : e}`);
    process.exit(1);
  }
}
