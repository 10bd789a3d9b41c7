#!/usr/bin/env node
// Writes an update manifest (`latest.json`, Tauri's static format) for the
// packages of one release from their updater signatures (the `.sig` files
// `tauri build` writes beside each package when `createUpdaterArtifacts` is
// on). The release workflow runs it; it runs the same way by hand:
//
//   node scripts/update-manifest.mjs --version 1.2.3 \
//     --base-url https://github.com/OWNER/REPO/releases/download/v1.2.3 \
//     [--notes TEXT] DIR > latest.json
//
// DIR is searched for `*.sig`; each package is the file of the same name
// without `.sig`, published at BASE-URL/<its file name>. Which platforms a
// package serves follows its type (see PACKAGE_TYPES); a Linux installation
// asks for `linux-x86_64-<deb|rpm|appimage>` before `linux-x86_64`.
//
// It refuses (exit 1, nothing written) a signature made for another version
// than --version: IdLens requires the signed version to match the announced
// one (`requireSignedVersion`), so such a manifest would be refused by every
// client. It refuses a --base-url that is not https:// with a host and no
// user name or password for the same reason (release-url.mjs). See
// docs/updates.md.
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { releaseUrl } from "./release-url.mjs";

/**
 * Package types by file name, with the manifest keys each one serves. The
 * plain `os-arch` keys are what an installation of unknown type gets: the
 * AppImage on Linux (the plugin installs an unknown Linux copy as one), NSIS
 * on Windows, and the universal macOS app for both Mac architectures.
 */
const PACKAGE_TYPES = [
  { suffix: ".AppImage", keys: (arch) => [`linux-${arch}-appimage`, `linux-${arch}`] },
  { suffix: ".deb", keys: (arch) => [`linux-${arch}-deb`] },
  { suffix: ".rpm", keys: (arch) => [`linux-${arch}-rpm`] },
  { suffix: ".msi", keys: (arch) => [`windows-${arch}-msi`] },
  { suffix: "-setup.exe", keys: (arch) => [`windows-${arch}-nsis`, `windows-${arch}`] },
  // The release builds one universal app (Apple silicon and Intel), named without an architecture.
  { suffix: ".app.tar.gz", keys: () => ["darwin-aarch64", "darwin-x86_64"] },
];

/** The architecture a package name states, in the updater's spelling. */
export function archOf(fileName) {
  if (/(^|[_.-])(amd64|x86_64|x64)([_.-]|$)/.test(fileName)) return "x86_64";
  if (/(^|[_.-])(arm64|aarch64)([_.-]|$)/.test(fileName)) return "aarch64";
  return null;
}

/** The manifest keys a package serves; throws for a file that is no updatable package. */
export function platformKeys(fileName) {
  const type = PACKAGE_TYPES.find((t) => fileName.endsWith(t.suffix));
  if (!type) throw new Error(`${fileName} is not a package IdLens updates from (.AppImage, .deb, .rpm, .msi, -setup.exe, .app.tar.gz)`);
  const arch = archOf(fileName);
  if (!arch && type.suffix !== ".app.tar.gz") throw new Error(`${fileName} does not say its architecture (amd64, x86_64, x64, arm64 or aarch64)`);
  return type.keys(arch);
}

/** The version a `.sig` was made for: `version:` in its signed ("trusted") comment; null if it has none. */
export function signedVersion(signature) {
  const text = Buffer.from(signature.trim(), "base64").toString("utf8");
  const trusted = text.split("\n").find((line) => line.startsWith("trusted comment: "));
  if (!trusted) throw new Error("the signature is not a minisign signature in base64 (a .sig from tauri build or tauri signer sign)");
  const field = trusted
    .slice("trusted comment: ".length)
    .split("\t")
    .find((f) => f.startsWith("version:"));
  return field ? field.slice("version:".length) : null;
}

/**
 * The manifest for `version` from `signed` ({ fileName, signature } each).
 * Throws when the base URL is not one IdLens downloads from, a signature
 * names another version, or two packages claim one key.
 */
export function buildManifest({ version, baseUrl, notes, pubDate, signed }) {
  releaseUrl(baseUrl, { name: "--base-url", expected: "the https:// address the release's packages are published under" });
  if (signed.length === 0) throw new Error("no updater signatures (*.sig) found: was the release built with createUpdaterArtifacts and TAURI_SIGNING_PRIVATE_KEY?");
  const platforms = {};
  for (const { fileName, signature } of signed) {
    const forVersion = signedVersion(signature);
    if (forVersion?.replace(/^v/, "") !== version) {
      throw new Error(`${fileName}.sig was signed for version ${forVersion ?? "(none)"}, not ${version}: IdLens would refuse it`);
    }
    const url = `${baseUrl.replace(/\/+$/, "")}/${encodeURIComponent(fileName)}`;
    for (const key of platformKeys(fileName)) {
      if (platforms[key]) throw new Error(`${fileName} and ${platforms[key].fileName} both serve ${key}`);
      platforms[key] = { fileName, signature: signature.trim(), url };
    }
  }
  const sorted = Object.keys(platforms).sort();
  return {
    version,
    notes,
    pub_date: pubDate,
    platforms: Object.fromEntries(sorted.map((k) => [k, { signature: platforms[k].signature, url: platforms[k].url }])),
  };
}

/** Every `*.sig` under `dir`, with the package beside it. */
export function readSignatures(dir) {
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith(".sig")) continue;
    const folder = entry.parentPath ?? entry.path;
    const fileName = basename(entry.name, ".sig");
    // The package must be published with its signature: the manifest points at it.
    if (!existsSync(join(folder, fileName))) throw new Error(`${entry.name} has no ${fileName} beside it`);
    found.push({ fileName, signature: readFileSync(join(folder, entry.name), "utf8") });
  }
  return found.sort((a, b) => a.fileName.localeCompare(b.fileName));
}

/** Now, as RFC 3339 in whole seconds. */
function now() {
  return new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
}

function main() {
  const { values, positionals } = parseArgs({
    options: {
      version: { type: "string" },
      "base-url": { type: "string" },
      notes: { type: "string" },
    },
    allowPositionals: true,
  });
  if (!values.version || !values["base-url"] || positionals.length !== 1) {
    throw new Error("usage: update-manifest.mjs --version X.Y.Z --base-url URL [--notes TEXT] DIR");
  }
  const version = values.version.replace(/^v/, "");
  const manifest = buildManifest({
    version,
    baseUrl: values["base-url"],
    notes: values.notes ?? `IdLens ${version}`,
    pubDate: now(),
    signed: readSignatures(positionals[0]),
  });
  process.stdout.write(`${JSON.stringify(manifest, null, 2)}\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    main();
  } catch (e) {
    console.error(`update-manifest: ${e instanceof Error ? e.message : e}`);
    process.exit(1);
  }
}
