// `node --test scripts/`: the addresses a release tells IdLens to fetch from.
import assert from "node:assert/strict";
import { test } from "node:test";
import { releaseUrl } from "./release-url.mjs";

const check = (value) => releaseUrl(value, { name: "THE_SETTING", expected: "the https:// address" });

test("an https:// URL with a host is accepted as it is", () => {
  assert.equal(check("https://github.com/o/r/releases/download/v1").href, "https://github.com/o/r/releases/download/v1");
  assert.equal(check("HTTPS://Example.COM/x").host, "example.com");
});

test("another scheme is refused, saying what to set", () => {
  for (const value of ["http://example.com/x", "javascript:alert(1)//", "file:///tmp/latest.json", "data:text/plain,x", "ftp://example.com/"]) {
    assert.throws(() => check(value), /^Error: THE_SETTING must be an https:\/\/ URL with a host .*: set it to the https:\/\/ address$/, value);
  }
});

test("a user name or password, or no URL at all, is refused", () => {
  assert.throws(() => check("https://u:p@example.com/"), /THE_SETTING must not carry a user name or password/);
  assert.throws(() => check("https://u@example.com/"), /user name or password/);
  assert.throws(() => check("latest.json"), /THE_SETTING is not a URL: set it to the https:\/\/ address/);
  assert.throws(() => check(""), /not a URL/);
});
