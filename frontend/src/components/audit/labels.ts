import {
  AuditOutcome,
  type AuditEvent,
} from "@leitstand/sdk/leitstand/admin/v1/audit_service_pb.js";
import { isMessageKey, type MessageKey, type MessageParams } from "@/lib/i18n/i18n";

type Translate = (key: MessageKey, params?: MessageParams) => string;

const procedure = /^\/leitstand\.[a-z]+\.v1\.(\w+)\/(\w+)$/;

/**
 * actionKey is the key of an action's label: "auditAction.<Service>.<Method>"
 * for a procedure of the API, "auditAction.<action>" for work done outside a
 * request (job.server_sync); undefined for an action without a label.
 */
export function actionKey(action: string): MessageKey | undefined {
  const m = procedure.exec(action);
  const key = m ? `auditAction.${m[1]}.${m[2]}` : `auditAction.${action}`;
  return isMessageKey(key) ? key : undefined;
}

/** targetTypeLabel names a kind of object ("organization" -> "Organization"). */
export function targetTypeLabel(t: Translate, targetType: string): string {
  const key = `auditTarget.${targetType}`;
  return isMessageKey(key) ? t(key) : targetType;
}

/**
 * actorLabel names who acted: a person by e-mail address; without one, the
 * server itself (a job, the command line, the demo data: recorded as
 * "system") or a caller who was not signed in (a refused attempt).
 */
export function actorLabel(
  t: Translate,
  event: Pick<AuditEvent, "actorId" | "actorEmail">,
): string {
  if (event.actorId) return event.actorEmail || event.actorId;
  return event.actorEmail === "system" ? t("auditActor.system") : t("auditActor.anonymous");
}

/**
 * actionLabel says what an event records, in the interface's language. A
 * refused sign-in says that it failed; an action without a label of its own
 * (a refused read, a change the system made without naming its work) is
 * named from what the event holds.
 */
export function actionLabel(
  t: Translate,
  event: Pick<AuditEvent, "action" | "outcome" | "targetType">,
): string {
  if (event.outcome === AuditOutcome.DENIED && event.action.endsWith(".AuthService/Login")) {
    return t("auditAction.signInFailed");
  }
  const key = actionKey(event.action);
  if (key) return t(key);
  if (event.action.startsWith("system.")) {
    return t("auditAction.system", { object: targetTypeLabel(t, event.targetType) });
  }
  return t("auditAction.call", { method: event.action.split("/").pop() || event.action });
}

/**
 * The labels of the fields of each kind of object's recorded state, the
 * ones its form shows where it has one. Fields not listed here are looked
 * up among the fields every kind shares (auditField.*).
 */
const fieldKeys: Record<string, Record<string, MessageKey>> = {
  organization: {
    name: "orgs.field.name",
    legal_name: "orgs.field.legalName",
    status: "orgs.field.status",
    vat_id: "orgs.field.vatId",
    billing_email: "orgs.field.billingEmail",
    managed: "orgs.field.managed",
    line1: "orgs.field.line1",
    line2: "orgs.field.line2",
    postal_code: "orgs.field.postalCode",
    city: "orgs.field.city",
    country_code: "orgs.field.countryCode",
  },
  workspace: { name: "orgs.field.name" },
  // An image's other fields (kind, os, version, size_bytes, source,
  // description, billing_entity_id, shared_with) are named among the
  // shared fields.
  image: { name: "orgs.field.name" },
  // A reseller's offer of one of the licensee's items; its currency is
  // named among the shared fields.
  product_offer: {
    billing_entity_id: "catalog.offers.field.entity",
    catalog_item_id: "catalog.offers.field.item",
    monthly_price_cents: "catalog.offers.field.price",
    minimum_term_months: "catalog.offers.field.minimumTerm",
    notice_period_days: "catalog.offers.field.noticePeriod",
    description: "catalog.offers.field.description",
    bookable: "catalog.offers.field.bookable",
    retire_time: "catalog.retired",
  },
  saved_view: {
    page: "auditField.savedView.page",
    name: "views.form.name",
    parameters: "auditField.savedView.parameters",
    columns: "auditField.savedView.columns",
    shared: "auditField.savedView.shared",
  },
  // The widgets of a user's overview, shown (in their order) and hidden.
  dashboard_layout: {
    widgets: "auditField.dashboard.widgets",
    hidden: "auditField.dashboard.hidden",
  },
  // A month's report as the job stores it; its billing entity and month
  // are named among the shared fields.
  usage_report: {
    organizations: "auditField.usageReport.organizations",
    net_revenue_cents: "auditField.usageReport.net_revenue_cents",
  },
  // The rest of a billing entity's state (signup_handle, capabilities,
  // suspend_reason, …) and a sign-up's (signup, rejection_reason) are
  // named among the shared fields.
  billing_entity: {
    name: "orgs.field.name",
    status: "orgs.field.status",
  },
  discount: {
    name: "orgs.field.name",
    // The last day it applies (included), unlike a contract's end.
    end_date: "auditField.last_day",
  },
  course: {
    title: "training.course.field.title",
    description: "training.course.field.description",
    language: "training.course.field.language",
    duration_minutes: "training.course.field.duration",
    validity_months: "training.course.field.validity",
    seat_price_cents: "training.course.field.seatPrice",
    retired: "training.course.field.retired",
  },
  training_session: {
    course_id: "training.session.field.course",
    course: "training.session.field.course",
    start_time: "training.session.field.start",
    online_url: "training.session.field.onlineUrl",
    location: "training.session.field.location",
    trainer_id: "training.session.field.trainer",
    capacity: "training.session.field.capacity",
    status: "training.sessions.filter.status",
    status_reason: "common.reason",
  },
  registration: {
    session_id: "training.session.overview",
    name: "training.register.name",
    status: "training.roster.col.status",
    attendance: "training.roster.col.attendance",
  },
  licence: {
    valid_from: "training.licence.col.validFrom",
    valid_until: "training.licence.col.validUntil",
    course: "training.licence.col.course",
    state: "training.licence.col.state",
    revoke_reason: "common.reason",
  },
  catalog_item: {
    name: "catalog.field.name",
    description: "catalog.field.description",
    category: "catalog.field.category",
    monthly_price_cents: "catalog.field.monthlyPrice",
    estimated_storage_gb: "catalog.field.estimatedStorage",
    setup_time_minutes: "catalog.field.setupTime",
    icon: "catalog.field.icon",
    bookable: "catalog.field.bookable",
    retire_time: "catalog.retired",
  },
  service_instance: {
    name: "services.field.name",
    status: "services.field.status",
    monthly_price_cents: "services.field.price",
    notes: "services.field.notes",
    decommission_time: "services.field.decommission",
    catalog_item_id: "services.field.catalogItem",
    workspace_id: "services.field.workspace",
    organization_id: "services.field.organization",
    logbook_entry: "services.logbook",
    credential: "services.credentials",
    credential_revealed: "services.credentials.revealed",
  },
  order: {
    number: "orders.field.number",
    title: "orders.field.title",
    description: "orders.field.description",
    kind: "orders.field.kind",
    priority: "orders.field.priority",
    status: "orders.field.status",
    assignee_id: "orders.field.assignee",
    due_date: "orders.field.dueDate",
    workspace_id: "orders.field.workspace",
    service_instance_id: "orders.field.service",
    organization_id: "orders.field.organization",
    comment: "orders.comments",
    visibility: "orders.comment.visibility",
    text: "orders.comment.text",
  },
  server: {
    name: "servers.field.name",
    provider: "servers.field.provider",
    kind: "servers.field.kind",
    location: "servers.field.location",
    ip_address: "servers.field.ipAddress",
    cores: "servers.field.cores",
    memory_bytes: "servers.field.memory",
    disk_bytes: "servers.field.disk",
    parent_id: "servers.field.parent",
    notes: "servers.field.notes",
  },
  // A payment, and what it changes of its invoice (the event of the
  // invoice's status that a payment, refund or reversal moves).
  payment: {
    invoice: "payments.field.invoice",
    method: "payments.field.method",
    status: "payments.field.status",
    amount_cents: "payments.field.amount",
    currency: "payments.field.currency",
    refunded_cents: "payments.field.refunded",
    value_date: "payments.field.valueDate",
    reference: "payments.field.reference",
    provider_payment_id: "payments.field.providerPaymentId",
    note: "payments.field.note",
  },
  bank_statement: {
    account: "payments.bank.col.account",
    file_name: "payments.bank.col.file",
    statement: "payments.bank.field.statementRef",
    matched: "payments.bank.count.matched",
    unmatched: "payments.bank.count.unmatched",
    ignored: "payments.bank.count.ignored",
    duplicates: "payments.bank.count.duplicates",
  },
  bank_line: {
    status: "payments.bank.field.status",
    amount_cents: "payments.bank.col.amount",
    remittance: "payments.bank.col.remittance",
    invoice_id: "payments.field.invoice",
  },
  provider_event: {
    provider: "payments.field.provider",
    event_id: "payments.event.field.eventId",
    type: "payments.event.field.type",
    status: "payments.field.status",
    note: "payments.event.field.note",
  },
  payment_account: {
    provider: "payments.field.provider",
    key_hint: "payments.account.keyHint",
    test_mode: "payments.account.testMode",
    webhook_secret_set: "payments.account.webhookSecretSet",
  },
  // An organization's hold, and a notice with its e-mail (what the dunning
  // run writes and the delivery job changes).
  dunning_hold: {
    until: "payments.dunning.hold.until",
    reason: "payments.dunning.hold.reason",
  },
  dunning_notice: {
    level: "payments.dunning.col.level",
    invoice: "payments.field.invoice",
    fee_cents: "payments.dunning.col.fee",
    fee_invoice: "payments.dunning.field.feeInvoice",
    delivery: "payments.dunning.field.delivery",
    to: "payments.dunning.field.to",
    attempt: "payments.dunning.field.attempt",
    answer: "payments.dunning.field.answer",
    status: "payments.field.status",
  },
  invoice: {
    number: "invoices.col.number",
    status: "invoices.col.status",
    paid_cents: "payments.field.paidCents",
    // The format of an e-invoice made of it.
    e_invoice: "invoices.field.eInvoice",
  },
  connection: {
    name: "connections.field.name",
    kind: "connections.field.kind",
    endpoint: "connections.field.endpoint",
    insecure_skip_verify: "connections.field.insecure",
    monitoring_only: "connections.field.monitoringOnly",
  },
};

/**
 * The fields whose keys are data of the object rather than fields of its
 * kind (a saved view's search parameters, named as in the list's
 * address): the key follows the field's label as it is.
 */
const keyedFields: Record<string, readonly string[]> = {
  saved_view: ["parameters"],
};

/**
 * fieldLabel names a field of an object's state by its path, segment by
 * segment ("billing_address.line1" -> "Billing address › Street and
 * number"); undefined when a segment has no label, so that the path is
 * shown instead. Below a keyed field the rest of the path is its key
 * ("parameters.state" -> "Filters and sort › state").
 */
export function fieldLabel(t: Translate, targetType: string, path: string): string | undefined {
  const own = fieldKeys[targetType] ?? {};
  const keyed = keyedFields[targetType] ?? [];
  const segments = path.split(".");
  const parts: string[] = [];
  for (const [i, segment] of segments.entries()) {
    const key = own[segment] ?? `auditField.${segment}`;
    if (!isMessageKey(key)) return undefined;
    parts.push(t(key));
    if (keyed.includes(segment) && i < segments.length - 1) {
      parts.push(segments.slice(i + 1).join("."));
      break;
    }
  }
  return parts.join(" › ");
}
