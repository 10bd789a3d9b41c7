// A profile editor field bound to one key of the draft: its value, the change,
// the error when the editor's error is about it, and its hint. The form
// provides the draft once (`DraftForm`); each field names only its key, and
// its input id (also its data-testid) follows from the key.
import { createContext, useContext, type ReactNode } from "react";
import { ChoiceField, type Choice } from "../components/ChoiceField";
import { TextField } from "../components/TextField";
import type { DraftField, ProfileDraft } from "./profileDraft";

/** Input ids are also the data-testids the end-to-end tests use. */
export const FIELD_IDS: Record<DraftField, string> = {
  name: "profile-name",
  issuer: "profile-issuer",
  provider: "profile-provider",
  clientId: "profile-client-id",
  audience: "profile-audience",
  callbackPort: "profile-callback-port",
  scopes: "profile-scopes",
  management: "profile-management",
  managementClientId: "profile-management-client-id",
  exportJobDeadline: "profile-export-job-deadline",
  logRetentionDays: "profile-log-retention-days",
  neo4jUri: "profile-neo4j-uri",
  neo4jUser: "profile-neo4j-user",
  neo4jDatabase: "profile-neo4j-database",
  neo4jLabel: "profile-neo4j-label",
  neo4jIdProperty: "profile-neo4j-id-property",
  neo4jEmailProperty: "profile-neo4j-email-property",
  neo4jNameProperty: "profile-neo4j-name-property",
  neo4jVerifiedProperty: "profile-neo4j-verified-property",
};

/** The draft a form edits, as its fields see it. */
export type DraftBinding = {
  draft: ProfileDraft;
  set: <K extends DraftField>(field: K, value: ProfileDraft[K]) => void;
  /** The id of the error element when the error shown is about `field`, else null. */
  errorId: (field: DraftField) => string | null;
};

const DraftContext = createContext<DraftBinding | null>(null);

/** Gives the fields inside it the draft they edit. */
export function DraftForm({ binding, children }: { binding: DraftBinding; children: ReactNode }) {
  return <DraftContext.Provider value={binding}>{children}</DraftContext.Provider>;
}

/** The draft the enclosing `DraftForm` edits. */
export function useDraft(): DraftBinding {
  const binding = useContext(DraftContext);
  if (!binding) throw new Error("a draft field is outside a DraftForm");
  return binding;
}

/** The draft keys chosen from a fixed list rather than typed. */
type ChoiceKey = "provider" | "management";
type TextKey = Exclude<DraftField, ChoiceKey>;

type DraftTextFieldProps = {
  field: TextKey;
  label: string;
  hint?: ReactNode;
  placeholder?: string;
  optional?: boolean;
  required?: boolean;
  readOnly?: boolean;
  mono?: boolean;
  inputMode?: "url" | "numeric";
};

/** A text input bound to the draft's `field`. */
export function DraftTextField({ field, ...shown }: DraftTextFieldProps) {
  const { draft, set, errorId } = useDraft();
  const id = FIELD_IDS[field];
  return (
    <TextField
      id={id}
      testId={id}
      value={draft[field]}
      onChange={(value) => set(field, value)}
      errorId={errorId(field)}
      {...shown}
    />
  );
}

type DraftChoiceFieldProps<K extends ChoiceKey> = {
  field: K;
  label: string;
  choices: readonly Choice<ProfileDraft[K]>[];
  hint: ReactNode;
};

/** A select bound to the draft's `field`, one of a fixed set of choices. */
export function DraftChoiceField<K extends ChoiceKey>({ field, label, choices, hint }: DraftChoiceFieldProps<K>) {
  const { draft, set } = useDraft();
  return (
    <ChoiceField
      id={FIELD_IDS[field]}
      label={label}
      value={draft[field]}
      choices={choices}
      onChange={(kind) => set(field, kind)}
      hint={hint}
    />
  );
}
