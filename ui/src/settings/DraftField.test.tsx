// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { useState } from "react";
import { afterEach, describe, expect, it } from "vitest";
import { DraftChoiceField, DraftForm, DraftTextField, type DraftBinding } from "./DraftField";
import { emptyDraft, type DraftField, type ProfileDraft } from "./profileDraft";

afterEach(cleanup);

const ERROR_ID = "the-error";

/** A form over a draft whose error, if any, is about `errorField`; `changes` records every change. */
function Form({
  start = emptyDraft(),
  errorField = null,
  changes = [],
  children,
}: {
  start?: ProfileDraft;
  errorField?: DraftField | null;
  changes?: [DraftField, string][];
  children: React.ReactNode;
}) {
  const [draft, setDraft] = useState(start);
  const binding: DraftBinding = {
    draft,
    set: (field, value) => {
      changes.push([field, value]);
      setDraft((d) => ({ ...d, [field]: value }));
    },
    errorId: (field) => (field === errorField ? ERROR_ID : null),
  };
  return (
    <DraftForm binding={binding}>
      {children}
      <p id={ERROR_ID}>the error</p>
    </DraftForm>
  );
}

describe("DraftTextField", () => {
  it("shows its draft key's value under its label, with the key's input id and test id", () => {
    render(
      <Form start={{ ...emptyDraft(), issuer: "acme.eu.auth0.com" }}>
        <DraftTextField field="issuer" label="Tenant domain" />
      </Form>,
    );
    const input = screen.getByLabelText("Tenant domain") as HTMLInputElement;
    expect(input.value).toBe("acme.eu.auth0.com");
    expect(input.id).toBe("profile-issuer");
    expect(input.dataset.testid).toBe("profile-issuer");
  });

  it("changes only its own key of the draft", () => {
    const changes: [DraftField, string][] = [];
    render(
      <Form changes={changes}>
        <DraftTextField field="clientId" label="Client ID" />
        <DraftTextField field="audience" label="Audience" />
      </Form>,
    );
    fireEvent.change(screen.getByLabelText("Client ID"), { target: { value: "abc" } });
    expect(changes).toEqual([["clientId", "abc"]]);
    expect((screen.getByLabelText("Client ID") as HTMLInputElement).value).toBe("abc");
    expect((screen.getByLabelText("Audience") as HTMLInputElement).value).toBe("");
  });

  it("is marked invalid, and described by the error, when the error is about its key", () => {
    render(
      <Form errorField="callbackPort">
        <DraftTextField field="callbackPort" label="Callback port" hint="A free port." />
        <DraftTextField field="scopes" label="Extra scopes" />
      </Form>,
    );
    const port = screen.getByLabelText("Callback port");
    expect(port.getAttribute("aria-invalid")).toBe("true");
    expect(port.getAttribute("aria-describedby")).toBe(`${ERROR_ID} profile-callback-port-hint`);
    const scopes = screen.getByLabelText("Extra scopes");
    expect(scopes.getAttribute("aria-invalid")).toBeNull();
    expect(scopes.getAttribute("aria-describedby")).toBeNull();
  });

  it("announces its hint with it", () => {
    render(
      <Form>
        <DraftTextField field="neo4jIdProperty" label="ID property" hint="Holds the Auth0 user_id." />
      </Form>,
    );
    expect(screen.getByLabelText("ID property").getAttribute("aria-describedby")).toBe("profile-neo4j-id-property-hint");
    expect(screen.getByText("Holds the Auth0 user_id.").id).toBe("profile-neo4j-id-property-hint");
  });

  it("cannot be used outside a form's draft", () => {
    const quiet = console.error;
    console.error = () => undefined;
    try {
      expect(() => render(<DraftTextField field="name" label="Profile name" />)).toThrow(/outside a DraftForm/);
    } finally {
      console.error = quiet;
    }
  });
});

describe("DraftChoiceField", () => {
  it("selects its key's choice and changes the key to the one picked", () => {
    const changes: [DraftField, string][] = [];
    render(
      <Form changes={changes}>
        <DraftChoiceField
          field="management"
          label="Access mode"
          choices={[
            { kind: "disabled", label: "Off" },
            { kind: "clientCredentials", label: "Client credentials" },
          ]}
          hint="How IdLens reaches the Management API."
        />
      </Form>,
    );
    const select = screen.getByLabelText("Access mode") as HTMLSelectElement;
    expect(select.value).toBe("disabled");
    fireEvent.change(select, { target: { value: "clientCredentials" } });
    expect(changes).toEqual([["management", "clientCredentials"]]);
    expect(select.value).toBe("clientCredentials");
  });
});
