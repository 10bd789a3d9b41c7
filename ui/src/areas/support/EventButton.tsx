/** An event's code and name as a button that opens the event: one cell of every events table. */
export function EventButton({ code, name, onOpen, testId }: { code: string; name: string; onOpen: () => void; testId: string }) {
  return (
    <button type="button" className="link-button" onClick={onOpen} data-testid={testId} data-code={code}>
      <code className="inline-code">{code || "?"}</code> {name}
    </button>
  );
}
