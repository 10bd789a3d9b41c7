// @vitest-environment jsdom
import { cleanup, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ApplyConfirmDialog } from "./ApplyConfirmDialog";

afterEach(cleanup);

function Opener({ onConfirm }: { onConfirm: () => void }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Apply
      </button>
      {open ? <ApplyConfirmDialog profile="prod" links={2} rows={5} onCancel={() => setOpen(false)} onConfirm={onConfirm} /> : null}
    </>
  );
}

describe("ApplyConfirmDialog", () => {
  it("is a labelled modal that takes focus, keeps Tab inside, and gives focus back on Esc", async () => {
    const user = userEvent.setup();
    render(<Opener onConfirm={() => {}} />);
    const opener = screen.getByRole("button", { name: "Apply" });
    await user.click(opener);
    const dialog = screen.getByRole("alertdialog", { name: /Apply the fix plan to prod\?/ });
    expect(dialog.getAttribute("aria-modal")).toBe("true");
    const name = screen.getByTestId("fix-apply-confirm-name");
    expect(document.activeElement).toBe(name);
    await user.tab();
    expect(document.activeElement).toBe(screen.getByTestId("fix-apply-confirm-cancel"));
    // "Apply now" is disabled until the name is typed: Cancel is the last control.
    await user.tab();
    expect(document.activeElement).toBe(name);
    await user.tab({ shift: true });
    expect(document.activeElement).toBe(screen.getByTestId("fix-apply-confirm-cancel"));
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("alertdialog")).toBeNull();
    expect(document.activeElement).toBe(opener);
  });

  it("goes ahead only once the profile's name is typed", async () => {
    const user = userEvent.setup();
    const confirm = vi.fn();
    render(<Opener onConfirm={confirm} />);
    await user.click(screen.getByRole("button", { name: "Apply" }));
    await user.keyboard("pro{Enter}");
    expect(confirm).not.toHaveBeenCalled();
    await user.keyboard("d{Enter}");
    expect(confirm).toHaveBeenCalledTimes(1);
  });
});
