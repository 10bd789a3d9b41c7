import { describe, expect, it } from "vitest";
import { EMPTY_LIVE_LIST, appendBatch, asLogEvent, droppedWords, liveKey, liveStatusWords, truncatedNote, type LiveList } from "./liveEvents";
import { logEventView } from "./logEventView.testing";

const view = (logId: string | null, code = "fp") => logEventView(logId, { code });

const ids = (list: LiveList) => list.events.map((e) => e.logId);

describe("appendBatch", () => {
  it("puts each batch on top, newest first (a batch comes oldest first)", () => {
    let list = appendBatch(EMPTY_LIVE_LIST, [view("1"), view("2")]);
    list = appendBatch(list, [view("3"), view("4")]);
    expect(ids(list)).toEqual(["4", "3", "2", "1"]);
    expect(list.dropped).toBe(0);
  });

  it("shows an event once: a repeat in a later batch or in the same one is left out", () => {
    let list = appendBatch(EMPTY_LIVE_LIST, [view("1"), view("2")]);
    list = appendBatch(list, [view("2"), view("3"), view("3")]);
    expect(ids(list)).toEqual(["3", "2", "1"]);
  });

  it("keeps events without a logId: nothing says they are repeats", () => {
    const list = appendBatch(EMPTY_LIVE_LIST, [view(null), view(null)]);
    expect(list.events).toHaveLength(2);
  });

  it("keeps the newest within the bound and counts the older ones dropped from view", () => {
    let list = appendBatch(EMPTY_LIVE_LIST, [view("1"), view("2"), view("3")], 4);
    list = appendBatch(list, [view("4"), view("5"), view("6")], 4);
    expect(ids(list)).toEqual(["6", "5", "4", "3"]);
    expect(list.dropped).toBe(2);
    list = appendBatch(list, [view("7")], 4);
    expect(ids(list)).toEqual(["7", "6", "5", "4"]);
    expect(list.dropped).toBe(3);
  });

  it("answers the same list for a batch with nothing new (a caught-up batch)", () => {
    const list = appendBatch(EMPTY_LIVE_LIST, [view("1")]);
    expect(appendBatch(list, [])).toBe(list);
    expect(appendBatch(list, [view("1")])).toBe(list);
  });
});

describe("liveKey", () => {
  it("is the logId, else a place that new events on top do not shift", () => {
    let list = appendBatch(EMPTY_LIVE_LIST, [view(null), view("a")]);
    const before = list.events.map((e, i) => liveKey(e, i, list));
    expect(before).toEqual(["a", "#1"]);
    list = appendBatch(list, [view(null)]);
    expect(list.events.map((e, i) => liveKey(e, i, list))).toEqual(["#3", "a", "#1"]);
  });
});

describe("asLogEvent", () => {
  it("gives the event's detail every field in Auth0's shape", () => {
    const event = asLogEvent(view("9", "limit_wc"));
    expect(event).toMatchObject({
      log_id: "9",
      type: "limit_wc",
      date: "2026-12-08T03:00:00.000Z",
      description: "Wrong email or password.",
      user_id: "auth0|1",
      user_name: "ada@example.com",
      ip: "203.0.113.7",
      client_id: "client-1",
      client_name: "Web",
      connection: "Username-Password-Authentication",
      user_agent: "Firefox",
      details: { attempt: 1 },
    });
  });
});

describe("truncatedNote", () => {
  it("names the fields cut, and says nothing when none was", () => {
    expect(truncatedNote(view("1"))).toBeNull();
    expect(truncatedNote({ ...view("1"), truncated: ["description", "userAgent"] })).toBe(
      "Cut at IdLens’s limit, so not shown whole: description, userAgent.",
    );
  });
});

describe("liveStatusWords and droppedWords", () => {
  it("says the tail has caught up, else its progress; what Stop kept", () => {
    expect(liveStatusWords({ kind: "running", caughtUp: true, progressText: "Following" })).toBe(
      "Caught up — waiting for new events.",
    );
    expect(liveStatusWords({ kind: "running", caughtUp: false, progressText: "Following the tenant's logs" })).toBe(
      "Following the tenant's logs",
    );
    expect(liveStatusWords({ kind: "stopped", shown: 1200 })).toBe("Stopped. The 1,200 events below stay until you start again.");
    expect(liveStatusWords({ kind: "stopped", shown: 1 })).toBe("Stopped. The event below stays until you start again.");
  });

  it("says how many older events left the view, and nothing when none did", () => {
    expect(droppedWords(EMPTY_LIVE_LIST)).toBeNull();
    const list = appendBatch(EMPTY_LIVE_LIST, [view("1"), view("2"), view("3")], 2);
    expect(droppedWords(list)).toBe(
      "Showing the newest 2 events: 1 older event was dropped from view to keep IdLens light. Narrow the filter to see fewer.",
    );
  });
});
