import { describe, expect, it } from "vitest";
import { LOG_CATEGORIES, LOG_CODES, type LogEvent } from "../../bindings";
import {
  CATEGORY_LABELS,
  NO_FILTER,
  applicationsIn,
  categoriesIn,
  categoryOf,
  eventName,
  explain,
  filterEvents,
} from "./logWords";

const fp: LogEvent = { log_id: "1", type: "fp", client_id: "web", client_name: "Web App" };
const limit: LogEvent = { log_id: "2", type: "limit_wc", client_name: "Web App", client_id: "web" };
const sapi: LogEvent = { log_id: "3", type: "sapi", client_id: "mgmt", client_name: "IdLens M2M" };
const future: LogEvent = { log_id: "4", type: "brand_new_code" };

describe("log words", () => {
  it("names every category the core declares", () => {
    expect(Object.keys(CATEGORY_LABELS).sort()).toEqual([...LOG_CATEGORIES].sort());
  });

  it("explains known codes from the core's table and keeps unknown ones raw", () => {
    expect(LOG_CODES.length).toBeGreaterThan(100);
    expect(explain("fp")?.category).toBe("login");
    expect(eventName(future)).toContain("brand_new_code");
    expect(categoryOf(future)).toBe("unknown");
    expect(explain(undefined)).toBeNull();
  });

  it("filters by category and by application", () => {
    const events = [fp, limit, sapi, future];
    expect(filterEvents(events, NO_FILTER)).toHaveLength(4);
    expect(filterEvents(events, { category: "limitsAndBlocks", application: "all" })).toEqual([limit]);
    expect(filterEvents(events, { category: "all", application: "web" })).toEqual([fp, limit]);
    expect(filterEvents(events, { category: "unknown", application: "all" })).toEqual([future]);
  });

  it("lists the categories and applications present, unknown codes last", () => {
    const events = [sapi, future, fp, limit];
    expect(categoriesIn(events)).toEqual(["login", "limitsAndBlocks", "managementApi", "unknown"]);
    expect(applicationsIn(events).map((a) => a.name)).toEqual(["IdLens M2M", "No application", "Web App"]);
  });
});
