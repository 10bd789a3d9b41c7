// `node --test scripts/`: the release's update manifest from a folder laid
// out as the release workflow downloads its artefacts.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { buildManifest, platformKeys, readSignatures, signedVersion } from "./update-manifest.mjs";

const folders = [];
after(() => folders.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function tempFolder() {
  const dir = mkdtempSync(join(tmpdir(), "idlens-manifest-"));
  folders.push(dir);
  return dir;
}

/** A `.sig` as tauri writes it (base64 of minisign's signature file); only its comment matters here. */
function sig(version) {
  const trusted = `timestamp:1700000000\tfile:package${version ? `\tversion:${version}` : ""}`;
  const file = `untrusted comment: signature from tauri secret key\nRUQf\ntrusted comment: ${trusted}\nZ2xvYmFs\n`;
  return Buffer.from(file).toString("base64");
}

/** A release folder: packages in their bundle folders, a signature beside each but the dmg. */
function releaseFolder(version) {
  const dir = tempFolder();
  const files = {
    deb: `IdLens_${version}_amd64.deb`,
    rpm: `IdLens-${version}-1.x86_64.rpm`,
    appimage: `IdLens_${version}_amd64.AppImage`,
    msi: `IdLens_${version}_x64_en-US.msi`,
    nsis: `IdLens_${version}_x64-setup.exe`,
    macos: "IdLens.app.tar.gz",
  };
  for (const [folder, name] of Object.entries(files)) {
    mkdirSync(join(dir, folder));
    writeFileSync(join(dir, folder, name), "package");
    writeFileSync(join(dir, folder, `${name}.sig`), sig(version));
  }
  mkdirSync(join(dir, "dmg"));
  writeFileSync(join(dir, "dmg", `IdLens_${version}_universal.dmg`), "disk image");
  return dir;
}

test("every signed package serves its platforms, at its release URL", () => {
  const manifest = buildManifest({
    version: "1.2.3",
    baseUrl: "https://github.com/o/r/releases/download/v1.2.3/",
    notes: "Notes.",
    pubDate: "2026-11-27T00:00:00Z",
    signed: readSignatures(releaseFolder("1.2.3")),
  });
  assert.equal(manifest.version, "1.2.3");
  assert.equal(manifest.notes, "Notes.");
  assert.equal(manifest.pub_date, "2026-11-27T00:00:00Z");
  const urls = Object.fromEntries(Object.entries(manifest.platforms).map(([k, v]) => [k, v.url.split("/").pop()]));
  assert.deepEqual(urls, {
    "darwin-aarch64": "IdLens.app.tar.gz",
    "darwin-x86_64": "IdLens.app.tar.gz",
    "linux-x86_64": "IdLens_1.2.3_amd64.AppImage",
    "linux-x86_64-appimage": "IdLens_1.2.3_amd64.AppImage",
    "linux-x86_64-deb": "IdLens_1.2.3_amd64.deb",
    "linux-x86_64-rpm": "IdLens-1.2.3-1.x86_64.rpm",
    "windows-x86_64": "IdLens_1.2.3_x64-setup.exe",
    "windows-x86_64-msi": "IdLens_1.2.3_x64_en-US.msi",
    "windows-x86_64-nsis": "IdLens_1.2.3_x64-setup.exe",
  });
  assert.equal(manifest.platforms["linux-x86_64-deb"].url, "https://github.com/o/r/releases/download/v1.2.3/IdLens_1.2.3_amd64.deb");
  assert.equal(manifest.platforms["linux-x86_64-deb"].signature, sig("1.2.3"));
});

test("a signature made for another version is refused", () => {
  assert.throws(
    () => buildManifest({ version: "1.2.4", baseUrl: "https://x", notes: "", pubDate: "", signed: readSignatures(releaseFolder("1.2.3")) }),
    /signed for version 1\.2\.3, not 1\.2\.4/,
  );
  assert.throws(
    () => buildManifest({ version: "1.2.3", baseUrl: "https://x", notes: "", pubDate: "", signed: [{ fileName: "IdLens_1.2.3_amd64.deb", signature: sig(null) }] }),
    /signed for version \(none\)/,
  );
});

test("no signatures, unknown files and two packages for one platform are refused", () => {
  const empty = tempFolder();
  assert.throws(() => buildManifest({ version: "1", baseUrl: "https://x", notes: "", pubDate: "", signed: readSignatures(empty) }), /no updater signatures/);
  assert.throws(() => platformKeys("IdLens_1.2.3_universal.dmg"), /not a package/);
  assert.throws(() => platformKeys("IdLens_1.2.3.deb"), /architecture/);
  const two = [
    { fileName: "a_amd64.deb", signature: sig("1") },
    { fileName: "b_amd64.deb", signature: sig("1") },
  ];
  assert.throws(() => buildManifest({ version: "1", baseUrl: "https://x", notes: "", pubDate: "", signed: two }), /both serve linux-x86_64-deb/);
});

test("the signed version is read from the trusted comment only", () => {
  assert.equal(signedVersion(sig("2.0.0")), "2.0.0");
  assert.equal(signedVersion(sig(null)), null);
  assert.throws(() => signedVersion(Buffer.from("not a signature").toString("base64")), /not a minisign signature/);
});

test("a base URL every client would refuse to download from is refused", () => {
  const signed = readSignatures(releaseFolder("1.2.3"));
  const manifest = (baseUrl) => buildManifest({ version: "1.2.3", baseUrl, notes: "", pubDate: "", signed });
  assert.throws(() => manifest("http://github.com/o/r/releases/download/v1.2.3"), /--base-url must be an https:\/\/ URL/);
  assert.throws(() => manifest("javascript:alert(1)//"), /--base-url must be an https:\/\/ URL/);
  assert.throws(() => manifest("https://u:p@github.com/o/r"), /--base-url must not carry a user name or password/);
  assert.throws(() => manifest("releases/download/v1.2.3"), /--base-url is not a URL/);
});
