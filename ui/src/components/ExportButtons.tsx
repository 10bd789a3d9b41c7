import { useState } from "react";
import type { ExportFormat, ExportSaved } from "../bindings";
import { useToast } from "../app/toast";
import { toApiError } from "../ipc";
import { IconDownload } from "./Icons";

type ExportButtonsProps = {
  /** What is exported, for the buttons' labels: "roles". */
  what: string;
  /** Asks the core to write the file; resolves with where it went. */
  save: (format: ExportFormat) => Promise<ExportSaved>;
  disabled?: boolean;
  testId?: string;
};

/** "CSV" and "JSON" buttons that save a table in the export folder and say where. */
export function ExportButtons({ what, save, disabled = false, testId }: ExportButtonsProps) {
  const toast = useToast();
  const [busy, setBusy] = useState<ExportFormat | null>(null);

  const run = async (format: ExportFormat) => {
    setBusy(format);
    try {
      const saved = await save(format);
      toast(`Saved ${saved.rows.toLocaleString("en-US")} rows to ${saved.path}`);
    } catch (e) {
      toast(`Export failed: ${toApiError(e).message}`, "error");
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="export-buttons" role="group" aria-label={`Export ${what}`} data-testid={testId}>
      {(["csv", "json"] as const).map((format) => (
        <button
          key={format}
          type="button"
          className="button button--ghost button--small"
          disabled={disabled || busy !== null}
          onClick={() => void run(format)}
          title={`Save ${what} as ${format.toUpperCase()} in the export folder`}
          data-testid={testId ? `${testId}-${format}` : undefined}
        >
          <IconDownload />
          {busy === format ? "Saving…" : format.toUpperCase()}
        </button>
      ))}
    </div>
  );
}
