import type { GraphMappingInput, ManagementInput, ProfileInput, ProfileView, ProviderView } from "../bindings";

export type ManagementKind = ManagementInput["kind"];

/** The profile form as typed: every field a string, converted on save. */
export type ProfileDraft = {
  name: string;
  issuer: string;
  provider: ProviderView;
  clientId: string;
  audience: string;
  callbackPort: string;
  scopes: string;
  management: ManagementKind;
  managementClientId: string;
  /** How long a users export job may take at Auth0 (`4h`, `90m`); empty: the core's default. */
  exportJobDeadline: string;
  /** Days of logs the tenant keeps; empty: not said. */
  logRetentionDays: string;
  neo4jUri: string;
  neo4jUser: string;
  neo4jDatabase: string;
  /** The graph mapping: the user nodes' label and property names. */
  neo4jLabel: string;
  neo4jIdProperty: string;
  neo4jEmailProperty: string;
  /** Empty: the graph keeps no name. */
  neo4jNameProperty: string;
  /** Empty: the graph keeps no e-mail-verified flag. */
  neo4jVerifiedProperty: string;
};

export type DraftField = keyof ProfileDraft;

/** The mapping a profile gets unless another is entered (as the core defaults it). */
export const DEFAULT_GRAPH_MAPPING: GraphMappingInput = {
  label: "User",
  idProperty: "sub",
  emailProperty: "email",
  nameProperty: "name",
  emailVerifiedProperty: "email_verified",
};

function mappingFields(m: GraphMappingInput): Pick<
  ProfileDraft,
  "neo4jLabel" | "neo4jIdProperty" | "neo4jEmailProperty" | "neo4jNameProperty" | "neo4jVerifiedProperty"
> {
  return {
    neo4jLabel: m.label,
    neo4jIdProperty: m.idProperty,
    neo4jEmailProperty: m.emailProperty,
    neo4jNameProperty: m.nameProperty,
    neo4jVerifiedProperty: m.emailVerifiedProperty,
  };
}

export function emptyDraft(): ProfileDraft {
  return {
    name: "",
    issuer: "",
    provider: "auto",
    clientId: "",
    audience: "",
    callbackPort: "",
    scopes: "",
    management: "disabled",
    managementClientId: "",
    exportJobDeadline: "",
    logRetentionDays: "",
    neo4jUri: "",
    neo4jUser: "",
    neo4jDatabase: "",
    ...mappingFields(DEFAULT_GRAPH_MAPPING),
  };
}

export function draftFromProfile(profile: ProfileView): ProfileDraft {
  return {
    name: profile.name,
    issuer: profile.issuer,
    provider: profile.provider,
    clientId: profile.clientId,
    audience: profile.audience ?? "",
    callbackPort: String(profile.callbackPort),
    scopes: profile.scopes.join(" "),
    management: profile.management.kind,
    managementClientId: profile.management.kind === "clientCredentials" ? profile.management.clientId : "",
    exportJobDeadline: profile.exportJobDeadline,
    logRetentionDays: profile.logRetentionDays === null ? "" : String(profile.logRetentionDays),
    neo4jUri: profile.neo4j?.uri ?? "",
    neo4jUser: profile.neo4j?.user ?? "",
    neo4jDatabase: profile.neo4j?.database ?? "",
    ...mappingFields(profile.neo4j?.mapping ?? DEFAULT_GRAPH_MAPPING),
  };
}

export function sameDraft(a: ProfileDraft, b: ProfileDraft): boolean {
  return (Object.keys(a) as DraftField[]).every((k) => a[k] === b[k]);
}

/** A problem the form finds before asking the core; worded like the core's messages. */
export type DraftProblem = { field: DraftField; message: string };

export type DraftConversion = { ok: true; input: ProfileInput } | { ok: false; problem: DraftProblem };

export function splitScopes(text: string): string[] {
  return text.split(/\s+/).filter((s) => s.length > 0);
}

/**
 * Turns the form into the command's input. Only checks the core cannot make
 * (a number field holding text, half-filled Neo4j settings) happen here; the
 * core validates everything else and names the field at fault (`ApiError.field`).
 */
export function draftToInput(draft: ProfileDraft): DraftConversion {
  const portText = draft.callbackPort.trim();
  let callbackPort: number | null = null;
  if (portText !== "") {
    const port = Number(portText);
    if (!/^\d+$/.test(portText) || port < 1024 || port > 65535) {
      return {
        ok: false,
        problem: {
          field: "callbackPort",
          message: `callback port must be a whole number between 1024 and 65535, got “${portText}”`,
        },
      };
    }
    callbackPort = port;
  }

  const retentionText = draft.logRetentionDays.trim();
  const logRetentionDays = retentionText === "" ? 0 : Number(retentionText);
  if (retentionText !== "" && (!/^\d+$/.test(retentionText) || logRetentionDays < 1 || logRetentionDays > 365)) {
    return {
      ok: false,
      problem: {
        field: "logRetentionDays",
        message: `log retention must be a whole number of days between 1 and 365, got “${retentionText}”`,
      },
    };
  }

  let management: ManagementInput;
  if (draft.management === "clientCredentials") {
    const clientId = draft.managementClientId.trim();
    if (!clientId) {
      return {
        ok: false,
        problem: {
          field: "managementClientId",
          message:
            "the machine-to-machine client ID must not be empty: copy it from that application's settings in your Auth0 dashboard",
        },
      };
    }
    management = { kind: "clientCredentials", clientId };
  } else {
    management = { kind: draft.management };
  }

  const uri = draft.neo4jUri.trim();
  const user = draft.neo4jUser.trim();
  const database = draft.neo4jDatabase.trim();
  if ((uri || database) && !user) {
    return {
      ok: false,
      problem: { field: "neo4jUser", message: "give the Neo4j user IdLens connects as, or clear the Neo4j fields to use no graph" },
    };
  }
  if ((user || database) && !uri) {
    return {
      ok: false,
      problem: { field: "neo4jUri", message: "give the Neo4j URI (e.g. neo4j+s://…), or clear the Neo4j fields to use no graph" },
    };
  }

  const mapping: GraphMappingInput = {
    label: draft.neo4jLabel.trim(),
    idProperty: draft.neo4jIdProperty.trim(),
    emailProperty: draft.neo4jEmailProperty.trim(),
    nameProperty: draft.neo4jNameProperty.trim(),
    emailVerifiedProperty: draft.neo4jVerifiedProperty.trim(),
  };
  if (uri) {
    const required: [DraftField, string, string][] = [
      ["neo4jLabel", mapping.label, "the label of the user nodes"],
      ["neo4jIdProperty", mapping.idProperty, "the property holding the Auth0 user ID"],
      ["neo4jEmailProperty", mapping.emailProperty, "the property holding the e-mail"],
    ];
    for (const [field, value, what] of required) {
      if (!value) {
        return { ok: false, problem: { field, message: `give ${what} (default: ${DEFAULT_FOR[field]})` } };
      }
    }
  }

  return {
    ok: true,
    input: {
      name: draft.name.trim(),
      issuer: draft.issuer.trim(),
      provider: draft.provider,
      clientId: draft.clientId.trim(),
      audience: draft.audience.trim() || null,
      callbackPort,
      scopes: splitScopes(draft.scopes),
      management,
      neo4j: uri ? { uri, user, database: database || null, mapping } : null,
      // Checked by the core (syntax and range); empty sets the default.
      exportJobDeadline: draft.exportJobDeadline.trim(),
      // 0: not said (clears a value saved before).
      logRetentionDays,
    },
  };
}

/**
 * The draft field an `ApiError.field` names. The core names fields as in its
 * request types (`clientId`, `neo4jUri`, …); a field it names that the form
 * does not know marks nothing, and the message alone says what is wrong.
 */
const DRAFT_FIELD_OF_CORE_FIELD: Readonly<Record<string, DraftField>> = {
  name: "name",
  issuer: "issuer",
  clientId: "clientId",
  callbackPort: "callbackPort",
  scopes: "scopes",
  audience: "audience",
  managementClientId: "managementClientId",
  exportJobDeadline: "exportJobDeadline",
  logRetentionDays: "logRetentionDays",
  neo4jUri: "neo4jUri",
  neo4jUser: "neo4jUser",
  neo4jDatabase: "neo4jDatabase",
  neo4jMapping: "neo4jLabel",
};

const DEFAULT_FOR: Partial<Record<DraftField, string>> = {
  neo4jLabel: DEFAULT_GRAPH_MAPPING.label,
  neo4jIdProperty: DEFAULT_GRAPH_MAPPING.idProperty,
  neo4jEmailProperty: DEFAULT_GRAPH_MAPPING.emailProperty,
};

/**
 * `neo4jMapping` errors name the mapping as a whole; the message starts with
 * the name at fault ("id property \"x y\" is not a valid name…").
 */
function mappingFieldOfMessage(message: string): DraftField {
  const m = message.trimStart().toLowerCase();
  if (m.startsWith("id property")) return "neo4jIdProperty";
  if (m.startsWith("e-mail property")) return "neo4jEmailProperty";
  if (m.startsWith("name property")) return "neo4jNameProperty";
  if (m.startsWith("e-mail-verified property")) return "neo4jVerifiedProperty";
  return "neo4jLabel";
}

export function draftFieldOfCoreField(field: string | undefined, message = ""): DraftField | null {
  if (field === "neo4jMapping") return mappingFieldOfMessage(message);
  return field !== undefined && Object.hasOwn(DRAFT_FIELD_OF_CORE_FIELD, field)
    ? (DRAFT_FIELD_OF_CORE_FIELD[field] ?? null)
    : null;
}

/** A free name close to `taken`, offered when a profile name already exists. */
export function freeNameLike(taken: string, existing: readonly string[]): string {
  const base = taken.replace(/-\d+$/, "") || "profile";
  for (let n = 2; n < 1000; n++) {
    const candidate = `${base}-${n}`;
    if (!existing.includes(candidate)) return candidate;
  }
  return `${base}-copy`;
}

/**
 * The callback URL the core will derive for the typed port, or for
 * `fallbackPort` (the saved port, else the core's default) when none is typed.
 * Null while neither is known. The core always listens on 127.0.0.1.
 */
export function callbackUrlPreview(draft: ProfileDraft, fallbackPort: number | null): string | null {
  const typed = draft.callbackPort.trim();
  const port = /^\d+$/.test(typed) ? typed : fallbackPort === null ? null : String(fallbackPort);
  return port === null ? null : `http://127.0.0.1:${port}/callback`;
}
