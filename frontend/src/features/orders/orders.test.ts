import { create } from "@bufbuild/protobuf";
import {
  OrderCommentSchema,
  OrderKind,
  OrderPriority,
  OrderStatus,
} from "@leitstand/sdk/leitstand/admin/v1/order_service_pb.js";
import { describe, expect, it } from "vitest";
import { translate, type Locale } from "@/lib/i18n/i18n";
import { allTexts } from "@/test/texts";
import codes from "./codes.gen.json";
import { ordersFilter } from "./api/orders";
import { commentText } from "./comments";
import { formatDueDate } from "./due";
import { statusNames } from "./names";
import { ordersSearchSchema } from "./search";
import { isClosed, needsReason, nextStatuses, statusName, transitions } from "./status";

// Each page loads its areas' texts; these tests check the texts of all areas.
const { en, de } = await allTexts();

const i18n = (locale: Locale) => ({
  t: (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) =>
    translate(locale, key, params),
});

// codes.gen.json lists the codes of the comments the server writes itself;
// the server's tests keep it current (TestCodesTheSPAWords). A code added
// there fails here until it has its texts in both languages.
describe("every comment code the server declares", () => {
  it("is listed", () => {
    expect(codes.comments.map((c) => c.code)).toContain("status-changed");
  });
  for (const c of codes.comments) {
    it.each([
      ["en", en],
      ["de", de],
    ] as const)(`${c.code} is worded in %s`, (_, texts) => {
      expect(
        (texts as Record<string, string>)[`orders.comment.code.${c.code}`]?.trim(),
      ).toBeTruthy();
    });
  }
});

describe("the status workflow", () => {
  // docs/orders.md's table, row by row: what each status may become, and
  // which of those changes need a reason.
  it.each([
    ["OPEN", ["IN_PROGRESS", "WAITING_FOR_CUSTOMER", "DONE", "CANCELLED"], ["CANCELLED"]],
    ["IN_PROGRESS", ["OPEN", "WAITING_FOR_CUSTOMER", "DONE", "CANCELLED"], ["CANCELLED"]],
    ["WAITING_FOR_CUSTOMER", ["OPEN", "IN_PROGRESS", "DONE", "CANCELLED"], ["CANCELLED"]],
    ["DONE", ["IN_PROGRESS"], ["IN_PROGRESS"]],
    ["CANCELLED", ["OPEN"], ["OPEN"]],
  ] as const)("%s may become %j, with a reason %j", (from, to, withReason) => {
    expect(nextStatuses(from)).toEqual(to);
    expect(to.filter((s) => needsReason(from, s))).toEqual(withReason);
  });

  it("never offers the status an order has, nor anything from an unknown one", () => {
    for (const s of statusNames) expect(transitions[s][s]).toBeUndefined();
    expect(nextStatuses("UNSPECIFIED")).toEqual([]);
  });

  it("knows DONE and CANCELLED as closed", () => {
    expect(statusNames.filter(isClosed)).toEqual(["DONE", "CANCELLED"]);
    expect(statusName(OrderStatus.WAITING_FOR_CUSTOMER)).toBe("WAITING_FOR_CUSTOMER");
    expect(statusName(99 as OrderStatus)).toBe("UNSPECIFIED");
  });
});

describe("a comment", () => {
  const comment = (init: Parameters<typeof create<typeof OrderCommentSchema>>[1]) =>
    create(OrderCommentSchema, init);

  it("the platform wrote is worded in the interface's language, the reason as it was written", () => {
    const c = comment({
      code: "status-changed",
      params: { from: "OPEN", to: "CANCELLED", reason: "Der Kunde hat es selbst gelöst" },
      text: "Status changed from OPEN to CANCELLED: Der Kunde hat es selbst gelöst",
    });
    expect(commentText(i18n("de"), c)).toEqual({
      text: "Status von Offen auf Storniert geändert",
      reason: "Der Kunde hat es selbst gelöst",
      english: false,
    });
    expect(commentText(i18n("en"), c).text).toBe("Status changed from Open to Cancelled");
  });

  it("names a status this interface does not know as the server sent it", () => {
    const c = comment({ code: "status-changed", params: { from: "OPEN", to: "ON_HOLD" } });
    expect(commentText(i18n("en"), c)).toEqual({
      text: "Status changed from Open to ON_HOLD",
      reason: "",
      english: false,
    });
  });

  it("of a person is shown as written; an unknown code in the server's English", () => {
    expect(commentText(i18n("de"), comment({ text: "Bitte bis Freitag" }))).toEqual({
      text: "Bitte bis Freitag",
      reason: "",
      english: false,
    });
    expect(commentText(i18n("de"), comment({ code: "merged", text: "Merged into #12" }))).toEqual({
      text: "Merged into #12",
      reason: "",
      english: true,
    });
  });

  it.each([
    ["en", en],
    ["de", de],
  ] as const)("code status-changed is worded in %s", (_, texts) => {
    expect(
      (texts as Record<string, string>)["orders.comment.code.status-changed"]?.trim(),
    ).toBeTruthy();
  });
});

describe("the list's URL", () => {
  it("becomes the request's filter", () => {
    const search = ordersSearchSchema.parse({
      q: " #42 ",
      status: "OPEN,in_progress,BOGUS",
      kind: "CHANGE",
      priority: "CRITICAL",
      assignee: "none",
      org: "org_01kaj5m8d0e6xv1ks8wq6a5j0p",
      overdue: true,
    });
    expect(ordersFilter(search)).toEqual({
      query: "#42",
      organizationId: "org_01kaj5m8d0e6xv1ks8wq6a5j0p",
      assigneeId: "",
      unassigned: true,
      statuses: [OrderStatus.OPEN, OrderStatus.IN_PROGRESS],
      kinds: [OrderKind.CHANGE],
      priorities: [OrderPriority.CRITICAL],
      overdue: true,
    });
  });

  it("drops what it cannot read", () => {
    expect(
      ordersSearchSchema.parse({ kind: "URGENT", assignee: "bob", org: "x", sort: "title" }),
    ).toMatchObject({ kind: "", assignee: "", org: "", sort: "created_desc" });
  });
});

it("shows a due date as the calendar day it is, in any time zone", () => {
  expect(formatDueDate("2026-03-01", "de")).toBe("01.03.2026");
  expect(formatDueDate("2026-03-01", "en")).toBe("1 Mar 2026");
});
