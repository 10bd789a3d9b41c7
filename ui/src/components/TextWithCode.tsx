import type { ReactNode } from "react";

/** Text from the core, where `backticks` mark code: rendered as inline code. */
export function TextWithCode({ text }: { text: string }) {
  const pieces: ReactNode[] = text.split(/(`[^`]+`)/).map((piece, i) =>
    piece.length > 2 && piece.startsWith("`") && piece.endsWith("`") ? (
      <code className="inline-code" key={i}>
        {piece.slice(1, -1)}
      </code>
    ) : (
      piece
    ),
  );
  return <>{pieces}</>;
}
