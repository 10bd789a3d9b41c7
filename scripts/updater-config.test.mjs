// `node --test scripts/`: when a release build turns in-app updates on.
import assert from "node:assert/strict";
import { test } from "node:test";
import { updaterSettings } from "./updater-config.mjs";

const ENDPOINT = "https://github.com/o/r/releases/latest/download/latest.json";

test("an endpoint and a signing key turn updates on, with signed updater packages", () => {
  assert.deepEqual(updaterSettings({ IDLENS_UPDATE_ENDPOINT: ENDPOINT, TAURI_SIGNING_PRIVATE_KEY: "key" }), {
    config: { plugins: { updater: { endpoints: [ENDPOINT] } }, bundle: { createUpdaterArtifacts: true } },
  });
});

test("without the endpoint or the key, updates stay off with a notice", () => {
  assert.match(updaterSettings({ TAURI_SIGNING_PRIVATE_KEY: "key" }).notice, /No IDLENS_UPDATE_ENDPOINT.*OFF/);
  assert.match(updaterSettings({ IDLENS_UPDATE_ENDPOINT: ENDPOINT, TAURI_SIGNING_PRIVATE_KEY: "" }).notice, /TAURI_SIGNING_PRIVATE_KEY.*OFF/);
});

test("an endpoint the updater would refuse at start-up fails the build", () => {
  const key = { TAURI_SIGNING_PRIVATE_KEY: "key" };
  assert.throws(() => updaterSettings({ ...key, IDLENS_UPDATE_ENDPOINT: "http://example.com/latest.json" }), /https/);
  assert.throws(() => updaterSettings({ ...key, IDLENS_UPDATE_ENDPOINT: "https://u:p@example.com/latest.json" }), /user name/);
  assert.throws(() => updaterSettings({ ...key, IDLENS_UPDATE_ENDPOINT: "latest.json" }), /not a URL/);
});
