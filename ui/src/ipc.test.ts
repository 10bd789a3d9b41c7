import { describe, expect, test } from "vitest";
import { ERROR_CODES } from "./bindings";
import { isApiError, toApiError } from "./ipc";

describe("the boundary's errors", () => {
  test("every code the core declares is an ApiError", () => {
    for (const code of ERROR_CODES) expect(isApiError({ code, message: "m" })).toBe(true);
  });

  test("an unknown code or a bare string becomes an internal error with its text", () => {
    expect(isApiError({ code: "teapot", message: "m" })).toBe(false);
    expect(toApiError({ code: "teapot", message: "m" }).code).toBe("internal");
    expect(toApiError("command foo not found")).toEqual({
      code: "internal",
      message: "IdLens hit an internal error: command foo not found",
    });
  });
});
