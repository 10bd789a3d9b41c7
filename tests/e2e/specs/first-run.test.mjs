// A new user's first minutes with IdLens: no profiles, add one in Settings,
// add a second and switch, get told off for a plain-http issuer, then walk
// every area by mouse and keyboard. One app session, steps in order.
//
// Run through ../run.mjs, which provides the display, keychain and
// tauri-driver; the steps shared by all specs are in ../driver.mjs.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { Key } from "webdriverio";
import { browser, cli, click, closeApp, fill, openApp, screenshot, scrollTo, shown } from "../driver.mjs";
import { keyboardPass } from "../keyboard.mjs";
import { reflowPass } from "../reflow.mjs";

const SANDBOX = {
  name: "sandbox",
  issuer: "http://127.0.0.1:4000/",
  clientId: "idlens-desktop",
  audience: "https://api.idlens.test/",
};
const STAGING = {
  name: "staging",
  issuer: "http://localhost:4001/",
  clientId: "idlens-staging",
  audience: "",
};

async function switcherShows(name) {
  const switcher = await shown("profile-switcher");
  await browser.waitUntil(async () => (await switcher.getValue()) === name, {
    timeoutMsg: `the profile switcher does not show "${name}"`,
  });
}

/** The ids of the areas the sidebar lists, in its order. */
async function sidebarAreas() {
  const items = await browser.$$('nav[aria-label="Areas"] [data-area]');
  const ids = [];
  for (const item of items) ids.push(await item.getAttribute("data-area"));
  return ids;
}

/** The theme the app shows: `data-theme` on <html>. */
const themeShown = () => browser.execute(() => document.documentElement.dataset.theme);

/** Chooses `preference` in Settings → Appearance like a user, and waits until the app shows `theme`. */
async function chooseTheme(preference, theme) {
  await click("nav-settings");
  const select = await shown("theme-preference");
  await scrollTo(select);
  await select.waitForClickable({ timeoutMsg: "the Theme field cannot be used" });
  await select.selectByAttribute("value", preference);
  await browser.waitUntil(async () => (await themeShown()) === theme, {
    timeoutMsg: `choosing ${preference} did not show the ${theme} theme`,
  });
}

async function addProfile(profile) {
  await click("nav-settings");
  await shown("area-settings");
  await click("profile-new");
  await fill("profile-name", profile.name);
  await fill("profile-issuer", profile.issuer);
  await fill("profile-client-id", profile.clientId);
  await fill("profile-audience", profile.audience);
  await click("profile-save");
}

before(async () => {
  await openApp();
});

after(async () => {
  await closeApp();
});

describe("first run", () => {
  it("opens on Session with an empty state, and sees the OS keychain", async () => {
    const area = await shown("area-session");
    await shown("empty-state", area);
    const keychain = await shown("keychain-status");
    assert.equal(await keychain.getAttribute("data-kind"), "os", "the app should use the OS keychain it was given");
    await screenshot("01-first-run");
  });

  it("adds a profile in Settings, which becomes the one in use", async () => {
    await addProfile(SANDBOX);
    await switcherShows(SANDBOX.name);
    const list = cli("profile", "list");
    assert.equal(list.current, SANDBOX.name);
    assert.deepEqual(
      list.profiles.map((p) => [p.name, p.issuer, p.clientId, p.audience]),
      [[SANDBOX.name, SANDBOX.issuer, SANDBOX.clientId, SANDBOX.audience]],
    );
    await screenshot("02-profile-added");
  });

  it("reaches everything in Settings with the editor open by keyboard, with focus shown", async () => {
    await keyboardPass("settings with the editor open");
  });

  it("reflows Settings with the editor open at 200 % zoom and at 320 CSS px", async () => {
    await reflowPass("settings", async () => scrollTo(await shown("profile-editor"), "start"));
  });

  it("adds a second profile and switches to it from the top bar", async () => {
    await addProfile(STAGING);
    await browser.waitUntil(() => cli("profile", "list").profiles.length === 2, {
      timeoutMsg: "the second profile was not saved",
    });
    await switcherShows(SANDBOX.name);
    const switcher = await shown("profile-switcher");
    await switcher.waitForEnabled();
    await switcher.selectByAttribute("value", STAGING.name);
    await switcherShows(STAGING.name);
    await browser.waitUntil(() => cli("profile", "list").current === STAGING.name, {
      timeoutMsg: "switching in the top bar did not change the profile in use",
    });
  });

  it("refuses a plain-http issuer that is not loopback and says https is needed", async () => {
    await addProfile({ name: "evil", issuer: "http://evil.example/", clientId: "x", audience: "" });
    const error = await shown("form-error");
    assert.match(await error.getText(), /https/);
    await error.scrollIntoView({ block: "center" });
    await screenshot("03-form-error");
    assert.deepEqual(
      cli("profile", "list").profiles.map((p) => p.name),
      [SANDBOX.name, STAGING.name],
      "the refused profile must not be saved",
    );
  });

  it("opens every area in the sidebar from the sidebar, at its heading", async (t) => {
    // The areas come from the rendered sidebar (the app's area catalog), so a new screen is walked too.
    const areas = await sidebarAreas();
    assert.deepEqual([areas[0], areas.at(-1)], ["session", "settings"], "the sidebar starts with Session and ends with Settings");
    for (const [index, area] of areas.entries()) {
      await t.test(`opens the ${area} area`, async () => {
        await click(`nav-${area}`);
        const root = await shown(`area-${area}`);
        const heading = await root.$("h1");
        await heading.waitForDisplayed({ timeoutMsg: `area-${area} has no h1` });
        assert.notEqual((await heading.getText()).trim(), "", `the h1 of area-${area} is empty`);
        await screenshot(`${String(index + 4).padStart(2, "0")}-area-${area}`);
        const nav = await shown(`nav-${area}`);
        assert.equal(await nav.getAttribute("aria-current"), "page", `the sidebar does not mark ${area} as current`);
        // A newly opened area starts at its top, not at the previous area's scroll position.
        await browser.waitUntil(() => heading.isDisplayed({ withinViewport: true }), {
          timeout: 3_000,
          timeoutMsg: `the h1 of area-${area} is scrolled out of view when the area opens`,
        });
      });
    }
  });

  it("says in Settings which version runs and that this build has updates off", async () => {
    await click("nav-settings");
    const card = await shown("updates-card");
    const off = await shown("updates-off", card);
    assert.match(await off.getText(), /Updates are off in this build/);
    const cargo = readFileSync(new URL("../../../Cargo.toml", import.meta.url), "utf8");
    const version = cargo.match(/^version = "([^"]+)"/m)[1];
    assert.ok((await card.getText()).includes(version), `the card shows the running version ${version}`);
    await card.scrollIntoView({ block: "center" });
    await screenshot("09-settings-updates");
  });

  it("opens every work area with its Ctrl+digit shortcut", async (t) => {
    await click("nav-settings");
    await shown("area-settings");
    const areas = await sidebarAreas();
    for (const [index, area] of areas.filter((a) => a !== "settings").entries()) {
      await t.test(`opens the ${area} area with Ctrl+${index + 1}`, async () => {
        const nav = await shown(`nav-${area}`);
        assert.equal(await nav.getAttribute("aria-keyshortcuts"), `Control+${index + 1}`);
        await browser.keys([Key.Ctrl, String(index + 1)]);
        await shown(`area-${area}`);
      });
    }
  });

  it("shows the dark theme when chosen in Settings, keeps it when IdLens starts again, and follows the system under System", async () => {
    // The display has no dark preference, so System shows light.
    assert.equal(await themeShown(), "light");
    await chooseTheme("dark", "dark");
    await screenshot("10-settings-appearance-dark");
    await click("nav-session");
    await shown("area-session");
    await screenshot("11-area-session-dark");

    await closeApp();
    await openApp();
    await shown("area-session");
    assert.equal(await themeShown(), "dark", "the theme chosen is shown when IdLens starts again");
    await click("nav-settings");
    assert.equal(await (await shown("theme-preference")).getValue(), "dark");

    await chooseTheme("system", "light");
  });
});
