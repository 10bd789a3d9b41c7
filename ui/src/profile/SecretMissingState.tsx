import type { ReactNode } from "react";
import type { Navigate, SettingsFocus } from "../app/navigation";
import type { SecretKindView } from "../bindings";
import { EmptyState } from "../components/EmptyState";
import { IconKey } from "../components/Icons";

type SecretMissingStateProps = {
  /** The profile in use, whose editor the action opens. */
  profile: string;
  /** The secret the area waits for; the editor opens at its field. */
  secret: Extract<SecretKindView, SettingsFocus>;
  title: string;
  titleTestId?: string;
  /** The action's words: "Store the Neo4j password". */
  action: string;
  navigate: Navigate;
  /** What needs the secret and where it comes from. */
  children: ReactNode;
};

/** An area that cannot work until one of the profile's secrets is stored: why, and a way to store it in Settings. */
export function SecretMissingState({ profile, secret, title, titleTestId, action, navigate, children }: SecretMissingStateProps) {
  return (
    <EmptyState
      icon={<IconKey />}
      tone="attention"
      title={title}
      titleTestId={titleTestId}
      actions={
        <button
          type="button"
          className="button button--primary"
          onClick={() => navigate("settings", { mode: "edit", profile, focus: secret })}
        >
          <IconKey />
          {action}
        </button>
      }
    >
      {children}
    </EmptyState>
  );
}
