// @vitest-environment jsdom
import { cleanup, render } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { StoredSecretStatus } from "./StoredSecretStatus";

afterEach(cleanup);

describe("StoredSecretStatus", () => {
  it("says where a stored secret is kept", () => {
    const os = render(<StoredSecretStatus stored keychain={{ kind: "os" }} />);
    expect(os.container.textContent).toBe("Stored (OS keychain)");
    cleanup();
    const memory = render(<StoredSecretStatus stored keychain={{ kind: "memoryOnly", reason: "no D-Bus" }} />);
    expect(memory.container.textContent).toBe("Stored (memory only)");
  });

  it("warns when the secret is not stored", () => {
    const { container } = render(<StoredSecretStatus stored={false} keychain={{ kind: "os" }} />);
    expect(container.textContent?.trim()).toBe("Not stored");
    expect(container.querySelector(".text-warning svg")).not.toBeNull();
  });
});
