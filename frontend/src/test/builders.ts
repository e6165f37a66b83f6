/**
 * Builders of the API's messages for component tests: a plausible message
 * of each kind, with the fields a test cares about given as overrides, e.g.
 * `anOrganization({ name: "Datenwerk", status: OrganizationStatus.SUSPENDED })`.
 * They hold no rules of the server; what a message says is what the test says.
 */
import {
  create,
  type DescMessage,
  type MessageInitShape,
  type MessageShape,
} from "@bufbuild/protobuf";
import { durationFromMs, timestampFromDate, type Timestamp } from "@bufbuild/protobuf/wkt";
import {
  AccountMonthSchema,
  AccountRisk,
  AccountSchema,
  AccountWorkspaceSchema,
  AtRiskAccountSchema,
  RevenueClass,
} from "@leitstand/sdk/leitstand/admin/v1/account_service_pb.js";
import {
  ApiTokenSchema,
  AuthMethod,
  CallerSchema,
} from "@leitstand/sdk/leitstand/admin/v1/auth_service_pb.js";
import {
  AuditEventSchema,
  AuditOutcome,
} from "@leitstand/sdk/leitstand/admin/v1/audit_service_pb.js";
import {
  BillingEntityCapability,
  PlatformRole,
} from "@leitstand/sdk/leitstand/admin/v1/authz_pb.js";
import {
  BillingEntityKind,
  BillingEntitySchema,
  BillingEntityStaffSchema,
  BillingEntityStatus,
} from "@leitstand/sdk/leitstand/admin/v1/billing_entity_service_pb.js";
import { SignUpSchema, SignUpState } from "@leitstand/sdk/leitstand/admin/v1/signup_service_pb.js";
import {
  BankLineMatch,
  BankLineSchema,
  BankLineStatus,
  BankStatementSchema,
} from "@leitstand/sdk/leitstand/admin/v1/bank_statement_service_pb.js";
import {
  DunningHoldSchema,
  DunningInvoiceSchema,
  DunningLevel,
  DunningNoticeSchema,
  DunningNoticeStatus,
} from "@leitstand/sdk/leitstand/admin/v1/dunning_service_pb.js";
import {
  ConnectionHealth,
  ConnectionSchema,
} from "@leitstand/sdk/leitstand/admin/v1/connection_service_pb.js";
import { ContainerSchema } from "@leitstand/sdk/leitstand/admin/v1/container_service_pb.js";
import {
  ContractSchema,
  ContractStatus,
  DiscountSchema,
} from "@leitstand/sdk/leitstand/admin/v1/contract_service_pb.js";
import {
  ContainerHealth,
  ContainerStatus,
  ProviderKind,
} from "@leitstand/sdk/leitstand/admin/v1/infrastructure_pb.js";
import {
  JobRunOutcome,
  JobRunSchema,
  JobSchema,
  JobTrigger,
} from "@leitstand/sdk/leitstand/admin/v1/job_service_pb.js";
import { MemberSchema } from "@leitstand/sdk/leitstand/admin/v1/member_service_pb.js";
import {
  EInvoiceFormat,
  OrganizationMemberSchema,
  OrganizationRole,
  OrganizationSchema,
  OrganizationStatus,
  WorkspaceSchema,
} from "@leitstand/sdk/leitstand/admin/v1/organization_service_pb.js";
import {
  SearchHitSchema,
  SearchKind,
} from "@leitstand/sdk/leitstand/admin/v1/search_service_pb.js";
import {
  DatasourceSchema,
  ServerEventKind,
  ServerEventSchema,
  ServerHealth,
  ServerAssignmentSchema,
  ServerKind,
  ServerSchema,
  SyncStatus,
} from "@leitstand/sdk/leitstand/admin/v1/server_service_pb.js";
import {
  PlanSchema,
  PlanVersionSchema,
} from "@leitstand/sdk/leitstand/admin/v1/plan_service_pb.js";
import {
  EInvoiceCheckSchema,
  InvoiceKind,
  InvoiceLineSchema,
  InvoiceOrigin,
  InvoiceSchema,
  InvoiceStatus,
} from "@leitstand/sdk/leitstand/admin/v1/invoice_service_pb.js";
import {
  OrganizationBalanceSchema,
  PaymentAccountSchema,
  PaymentMethod,
  PaymentProvider,
  PaymentSchema,
  PaymentStatus,
  ProviderEventSchema,
  ProviderEventStatus,
} from "@leitstand/sdk/leitstand/admin/v1/payment_service_pb.js";
import {
  SettingsSchema,
  SmtpSecurity,
} from "@leitstand/sdk/leitstand/admin/v1/settings_service_pb.js";
import {
  ExternalLedOrganizationSchema,
  LedgerEntryKind,
  LedgerEntrySchema,
  PartnerSchema,
  ReferralSchema,
} from "@leitstand/sdk/leitstand/admin/v1/partner_service_pb.js";
import {
  Attendance,
  CourseSchema,
  LicenceSchema,
  LicenceState,
  RegistrationSchema,
  RegistrationStatus,
  TrainingSessionSchema,
  TrainingSessionStatus,
} from "@leitstand/sdk/leitstand/admin/v1/training_service_pb.js";
import {
  UpgradeRequestSchema,
  UpgradeRequestStatus,
} from "@leitstand/sdk/leitstand/admin/v1/upgrade_request_service_pb.js";
import { ImageKind, ImageSchema } from "@leitstand/sdk/leitstand/admin/v1/image_service_pb.js";
import {
  WebhookDeliverySchema,
  WebhookDeliveryStatus,
  WebhookEndpointSchema,
} from "@leitstand/sdk/leitstand/admin/v1/webhook_service_pb.js";
import {
  BookableItemSchema,
  CatalogCategory,
  CatalogItemSchema,
  ProductOfferSchema,
} from "@leitstand/sdk/leitstand/admin/v1/catalog_service_pb.js";
import { rolePermissions } from "@/lib/auth";

type Init<S extends DescMessage> = MessageInitShape<S>;

/** builder makes a message of a schema from defaults and the test's overrides. */
function builder<S extends DescMessage>(schema: S, defaults: () => Init<S>) {
  return (overrides: Init<S> = {} as Init<S>): MessageShape<S> =>
    create(schema, { ...defaults(), ...overrides } as Init<S>);
}

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

/** at is a timestamp of an ISO date and time. */
export const at = (iso: string): Timestamp => timestampFromDate(new Date(iso));
/** ago is a timestamp this many milliseconds before now. */
export const ago = (ms: number): Timestamp => timestampFromDate(new Date(Date.now() - ms));
/** fromNow is a timestamp this many milliseconds after now. */
export const fromNow = (ms: number): Timestamp => timestampFromDate(new Date(Date.now() + ms));
export { minute, hour, day };

// ---- the people of the demo ------------------------------------------------

const staff: Record<PlatformRole, { userId: string; email: string; displayName: string }> = {
  [PlatformRole.UNSPECIFIED]: { userId: "", email: "", displayName: "" },
  [PlatformRole.OWNER]: {
    userId: "usr_owner",
    email: "owner@demo.leitstand.test",
    displayName: "Olivia Owner",
  },
  [PlatformRole.OPERATOR]: {
    userId: "usr_operator",
    email: "operator@demo.leitstand.test",
    displayName: "Oskar Operator",
  },
  [PlatformRole.DEVELOPER]: {
    userId: "usr_developer",
    email: "developer@demo.leitstand.test",
    displayName: "Dana Developer",
  },
  [PlatformRole.USER]: {
    userId: "usr_user",
    email: "user@demo.leitstand.test",
    displayName: "Uwe User",
  },
};

/**
 * aCaller is a signed-in person with their role's permissions (as the API
 * contract grants them), the owner unless another role is given.
 */
export function aCaller(overrides: Init<typeof CallerSchema> = {}) {
  const role = overrides.platformRole ?? PlatformRole.OWNER;
  return create(CallerSchema, {
    ...staff[role],
    platformRole: role,
    permissions: rolePermissions(role),
    authMethod: AuthMethod.SESSION,
    ...overrides,
  });
}

export const anOwner = (overrides: Init<typeof CallerSchema> = {}) =>
  aCaller({ platformRole: PlatformRole.OWNER, ...overrides });
export const anOperator = (overrides: Init<typeof CallerSchema> = {}) =>
  aCaller({ platformRole: PlatformRole.OPERATOR, ...overrides });
export const aDeveloper = (overrides: Init<typeof CallerSchema> = {}) =>
  aCaller({ platformRole: PlatformRole.DEVELOPER, ...overrides });
/** aCustomerUser is a user of a customer, who has no staff access. */
export const aCustomerUser = (overrides: Init<typeof CallerSchema> = {}) =>
  aCaller({ platformRole: PlatformRole.USER, ...overrides });

// ---- organizations and members ---------------------------------------------

export const anOrganization = builder(OrganizationSchema, () => ({
  id: "org_0001",
  name: "Acme Hosting",
  legalName: "Acme Hosting GmbH",
  status: OrganizationStatus.ACTIVE,
  billingAddress: {
    line1: "Hauptstraße 1",
    postalCode: "10115",
    city: "Berlin",
    countryCode: "DE",
  },
  vatId: "DE100000000",
  billingEmail: "billing@acmehosting.example",
  billingEntityId: "be_licensee",
  billingDay: 5,
  // A business: ZUGFeRD, its invoices to the billing e-mail, the customer
  // number as the buyer reference.
  eInvoice: {
    format: EInvoiceFormat.ZUGFERD,
    buyerReference: "",
    electronicAddress: "",
    publicSector: false,
  },
  createTime: at("2026-01-05T09:30:00Z"),
  updateTime: at("2026-01-05T09:30:00Z"),
}));

export const anAuditEvent = builder(AuditEventSchema, () => ({
  id: "aud_0001",
  sequence: 1n,
  occurTime: at("2026-03-02T10:15:00Z"),
  actorId: "usr_owner",
  actorEmail: "owner@example.com",
  actorRole: PlatformRole.OWNER,
  action: "/leitstand.admin.v1.OrganizationService/UpdateOrganization",
  targetType: "organization",
  targetId: "org_0001",
  outcome: AuditOutcome.SUCCEEDED,
}));

export const aWorkspace = builder(WorkspaceSchema, () => ({
  id: "ws_0_0",
  organizationId: "org_0001",
  name: "Production",
  createTime: at("2026-01-05T09:30:00Z"),
  updateTime: at("2026-01-05T09:30:00Z"),
}));

export const anOrganizationMember = builder(OrganizationMemberSchema, () => ({
  userId: "usr_anna",
  email: "anna.becker@acme.example",
  displayName: "Anna Becker",
  role: OrganizationRole.OWNER,
  createTime: at("2026-01-05T09:30:00Z"),
}));

export const aMember = builder(MemberSchema, () => ({
  id: "usr_anna",
  email: "anna.becker@acme.example",
  displayName: "Anna Becker",
  platformRole: PlatformRole.USER,
  organizationCount: 1,
  createTime: at("2025-12-06T09:30:00Z"),
}));

/** aStaffMember is the member of staff of a role, as the member list shows them. */
export const aStaffMember = (role: PlatformRole, overrides: Init<typeof MemberSchema> = {}) => {
  const { userId, email, displayName } = staff[role];
  return aMember({ id: userId, email, displayName, platformRole: role, ...overrides });
};

// ---- contracts ---------------------------------------------------------------

/** The terms of a Premium plan version: 99 € a month, 20 users, 200 GB, two hours of support. */
const premiumTerms = () => ({
  monthlyFeeCents: 9900n,
  currency: "EUR",
  includedUsers: 20,
  includedStorageGb: 200,
  includedSupportMinutes: 120,
  hourlyRateCents: 8500n,
  storageOverageCentsPerGb: 30n,
  maxUsers: 100,
  maxStorageGb: 0,
  maxTrafficGb: 0,
});

/** aContract is an organization's active contract on Premium version 2, without custom terms. */
export const aContract = builder(ContractSchema, () => ({
  id: "cntr_0001",
  organizationId: "org_0001",
  planId: "pln_premium",
  planName: "Premium",
  planVersion: 2,
  planVersionId: "plv_premium2",
  status: ContractStatus.ACTIVE,
  startDate: "2026-01-05",
  planTerms: premiumTerms(),
  customTerms: {},
  terms: premiumTerms(),
  reason: "",
  createdByEmail: staff[PlatformRole.OWNER].email,
  createTime: at("2026-01-05T09:30:00Z"),
  updateTime: at("2026-01-05T09:30:00Z"),
}));

/** aDiscount is an organization's 10 % startup discount, in force since 5 January 2026 until further notice. */
export const aDiscount = builder(DiscountSchema, () => ({
  id: "dsc_0001",
  organizationId: "org_0001",
  name: "Startup-Rabatt",
  basisPoints: 1000,
  startDate: "2026-01-05",
  active: true,
  reason: "Gründerprogramm",
  createdByEmail: staff[PlatformRole.OWNER].email,
  createTime: at("2026-01-05T09:30:00Z"),
}));

export const anApiToken = builder(ApiTokenSchema, () => ({
  id: "tok_1",
  name: "billing export",
  prefix: "lst_1ab",
  createTime: ago(hour),
}));

// ---- jobs --------------------------------------------------------------------

export const aJobRun = builder(JobRunSchema, () => ({
  id: "run_000001",
  jobName: "session-cleanup",
  trigger: JobTrigger.SCHEDULE,
  attempt: 1,
  scheduledTime: ago(hour),
  startTime: ago(hour - 500),
  endTime: ago(hour - 900),
  duration: durationFromMs(400),
  outcome: JobRunOutcome.SUCCEEDED,
  summary: "removed 3 expired sessions, 0 expired API tokens and 1 sign-in throttles",
  replica: "leitstand-1:4107",
}));

export const aJob = builder(JobSchema, () => ({
  name: "session-cleanup",
  title: "Session Cleanup",
  description: "Removes expired, idle and signed-out sessions.",
  schedule: "0 * * * *",
  catchUp: true,
  nextRunTime: fromNow(30 * minute),
  last7Days: {
    runs: 168,
    succeeded: 168,
    failed: 0,
    successRate: 1,
    averageDuration: durationFromMs(420),
  },
}));

// ---- settings ------------------------------------------------------------------

export const someSettings = builder(SettingsSchema, () => ({
  company: {
    name: "Leitstand Hosting GmbH",
    legalForm: "GmbH",
    address: {
      line1: "Leopoldstraße 28",
      postalCode: "80802",
      city: "München",
      countryCode: "DE",
    },
    registerCourt: "Amtsgericht München",
    registerNumber: "HRB 245781",
    managingDirectors: ["Katrin Hoffmann", "Markus Weber"],
    email: "rechnung@leitstand.example",
    phone: "+49 89 21094310",
    website: "https://leitstand.example",
  },
  tax: {
    vatRateBasisPoints: 1900,
    smallBusinessExemption: false,
    taxNumber: "143/152/40581",
    vatId: "DE136695976",
  },
  bank: {
    accountHolder: "Leitstand Hosting GmbH",
    iban: "DE89370400440532013000",
    bic: "COBADEFFXXX",
    bankName: "Commerzbank",
  },
  invoice: { numberPrefix: "RE-", paymentTermsDays: 14 },
  smtp: {
    host: "smtp.leitstand.example",
    port: 587,
    security: SmtpSecurity.STARTTLS,
    username: "rechnung@leitstand.example",
    passwordSet: true,
    fromAddress: "rechnung@leitstand.example",
    fromName: "Leitstand Hosting GmbH",
    replyTo: "",
    bccAddress: "buchhaltung@leitstand.example",
  },
  dunning: {
    enabled: true,
    reminderDays: 7,
    reminderFeeCents: 0n,
    firstNoticeDays: 21,
    firstNoticeFeeCents: 500n,
    secondNoticeDays: 35,
    secondNoticeFeeCents: 1000n,
    payWithinDays: 7,
  },
  updateTime: at("2026-01-25T09:30:00Z"),
}));

// ---- infrastructure ---------------------------------------------------------------

const GiB = 1024n ** 3n;
export { GiB };

export const aServer = builder(ServerSchema, () => ({
  id: "srv_0001",
  name: "pve-fsn1-01",
  provider: ProviderKind.PROXMOX,
  kind: ServerKind.HOST,
  location: "fsn1",
  ipAddress: "10.10.0.11",
  specs: { cores: 64, memoryBytes: 512n * GiB, diskBytes: 4096n * GiB },
  status: "online",
  health: ServerHealth.HEALTHY,
  usage: {
    cpuPercent: 35,
    memoryUsedBytes: 343n * GiB,
    memoryTotalBytes: 512n * GiB,
    diskUsedBytes: 1200n * GiB,
    diskTotalBytes: 4096n * GiB,
    sampleTime: ago(minute),
  },
  sync: {
    status: SyncStatus.OK,
    lastSuccessTime: ago(minute),
    lastAttemptTime: ago(minute),
  },
  datasourceKinds: [ProviderKind.PROXMOX],
  createTime: at("2025-10-01T08:00:00Z"),
  updateTime: at("2026-01-05T09:30:00Z"),
}));

export const anAssignment = builder(ServerAssignmentSchema, () => ({
  organizationId: "org_0002",
  organizationName: "Bergmann Logistik",
}));

export const aDatasource = builder(DatasourceSchema, () => ({
  id: "ds_0001",
  serverId: "srv_0001",
  serverName: "pve-fsn1-01",
  connectionId: "conn_pve_fsn",
  connectionName: "Proxmox Falkenstein",
  kind: ProviderKind.PROXMOX,
  externalId: "pve-fsn1-01",
  lastSeenTime: ago(minute),
  createTime: at("2025-10-01T08:00:00Z"),
}));

export const aServerEvent = builder(ServerEventSchema, () => ({
  id: "evt_0001",
  time: ago(hour),
  kind: ServerEventKind.SYNC_RECOVERED,
  message: "the sync works again",
}));

export const aContainer = builder(ContainerSchema, () => ({
  id: "ctr_0001",
  serverId: "srv_0006",
  serverName: "web-fsn1-01",
  name: "nginx",
  image: "nginx:1.27",
  status: ContainerStatus.RUNNING,
  health: ContainerHealth.HEALTHY,
  usage: {
    cpuPercent: 2,
    memoryUsedBytes: 64n * 1024n ** 2n,
    memoryLimitBytes: 512n * 1024n ** 2n,
    sampleTime: ago(minute),
  },
  startTime: ago(3 * day),
  firstSeenTime: ago(30 * day),
  lastSeenTime: ago(minute),
  source: ProviderKind.DOCKER,
  controllable: true,
}));

export const aConnection = builder(ConnectionSchema, () => ({
  id: "conn_pve_fsn",
  name: "Proxmox Falkenstein",
  kind: ProviderKind.PROXMOX,
  endpoint: "https://pve-fsn1-01.infra.example.net:8006",
  credentialsSet: ["token"],
  health: ConnectionHealth.HEALTHY,
  healthTime: ago(minute),
  lastSyncTime: ago(minute),
  lastSyncDurationMs: 840n,
  datasourceCount: 1,
  createTime: at("2025-10-01T08:00:00Z"),
  updateTime: at("2025-10-01T08:00:00Z"),
}));

// ---- the global search -----------------------------------------------------

export const aSearchHit = builder(SearchHitSchema, () => ({
  kind: SearchKind.ORGANIZATION,
  id: "org_0001",
  title: "Acme Hosting",
  subtitle: "Acme Hosting GmbH",
}));

// ---- plans -----------------------------------------------------------------

/** The terms of the demo's Basis plan: 29 € a month, 5 users, 50 GB, an hour of support. */
const basisTerms = () => ({
  monthlyFeeCents: 2900n,
  currency: "EUR",
  includedUsers: 5,
  includedStorageGb: 50,
  includedSupportMinutes: 60,
  hourlyRateCents: 9500n,
  storageOverageCentsPerGb: 40n,
  maxUsers: 25,
  maxStorageGb: 500,
  maxTrafficGb: 100,
});

export const aPlan = builder(PlanSchema, () => ({
  id: "pln_01basis0000000000000000000",
  name: "Basis",
  description: "For small teams.",
  rank: 20,
  terms: basisTerms(),
  version: 1,
  versionId: "plv_01basis0000000000000000001",
  createTime: at("2026-01-01T09:00:00Z"),
  updateTime: at("2026-01-01T09:00:00Z"),
}));

export const aPlanVersion = builder(PlanVersionSchema, () => ({
  id: "plv_01basis0000000000000000001",
  planId: "pln_01basis0000000000000000000",
  version: 1,
  terms: basisTerms(),
  createTime: at("2026-01-01T09:00:00Z"),
  createdByEmail: staff[PlatformRole.OWNER].email,
  reason: "",
}));

export const anInvoiceLine = builder(InvoiceLineSchema, () => ({
  position: 1,
  kind: "BASE_FEE",
  description: "Grundgebühr Basis",
  periodStart: "2027-01-17",
  periodEnd: "2027-02-17",
  quantity: 1n,
  unit: "MON",
  unitPriceCents: 2900n,
  baseQuantity: 1n,
  netCents: 2900n,
  vatRateBasisPoints: 1900,
}));

/** anInvoice is an issued invoice of the billing run with one line, 29,00 € net at 19 %. */
export const anInvoice = builder(InvoiceSchema, () => ({
  id: "inv_01invoice00000000000000001",
  organizationId: "org_01acme00000000000000000000",
  organizationName: "Acme GmbH",
  number: "RE-2027-000042",
  kind: InvoiceKind.INVOICE,
  origin: InvoiceOrigin.RUN,
  status: InvoiceStatus.ISSUED,
  issueDate: "2027-01-17",
  dueDate: "2027-01-31",
  billingDate: "2027-01-17",
  periodStart: "2027-01-17",
  periodEnd: "2027-02-17",
  currency: "EUR",
  netCents: 2900n,
  vatCents: 551n,
  grossCents: 3451n,
  taxTotals: [{ rateBasisPoints: 1900, netCents: 2900n, vatCents: 551n }],
  notes: [],
  lines: [anInvoiceLine()],
  pdfSha256: "3f".repeat(32),
  createdByEmail: "system",
  createTime: at("2027-01-17T06:00:00Z"),
}));

/**
 * anEInvoiceCheck is what the rules say of an invoice's e-invoice in one
 * format: by default a ZUGFeRD one that keeps every rule. An invalid one
 * is given as `{ valid: false, violations: [{ rule, message }] }`.
 */
export const anEInvoiceCheck = builder(EInvoiceCheckSchema, () => ({
  format: EInvoiceFormat.ZUGFERD,
  valid: true,
  violations: [],
  warnings: [],
}));

/** aPayment is a bank transfer received for anInvoice(), the whole of its 34,51 €. */
export const aPayment = builder(PaymentSchema, () => ({
  id: "pay_01payment00000000000000001",
  organizationId: "org_01acme00000000000000000000",
  organizationName: "Acme GmbH",
  invoiceId: "inv_01invoice00000000000000001",
  invoiceNumber: "RE-2027-000042",
  method: PaymentMethod.BANK_TRANSFER,
  status: PaymentStatus.SUCCEEDED,
  amountCents: 3451n,
  currency: "EUR",
  refundedCents: 0n,
  valueDate: "2027-01-29",
  reference: "RE-2027-000042 Kd-Nr. K-4711",
  recordedByEmail: "buchhaltung@demo.leitstand.test",
  createTime: at("2027-01-29T10:15:00Z"),
  statusTime: at("2027-01-29T10:15:00Z"),
}));

/** aBankStatement is an imported CAMT.053 statement: two credits recorded, one waiting. */
export const aBankStatement = builder(BankStatementSchema, () => ({
  id: "bst_01statement000000000000001",
  account: "DE89370400440532013000",
  currency: "EUR",
  statementRef: "STMT-2027-01-31",
  fileName: "2027-01-31_DE89370400440532013000.xml",
  format: "CAMT053",
  importedByEmail: "buchhaltung@demo.leitstand.test",
  createTime: at("2027-02-01T08:00:00Z"),
  matched: 2,
  unmatched: 1,
  ignored: 1,
  duplicates: 0,
}));

/** aBankLine is a credit of aBankStatement() waiting for staff: it names two invoices. */
export const aBankLine = builder(BankLineSchema, () => ({
  id: "bln_01line0000000000000000001",
  statementId: "bst_01statement000000000000001",
  ref: "2027013100042",
  bookingDate: "2027-01-30",
  valueDate: "2027-01-30",
  amountCents: 6902n,
  currency: "EUR",
  remittance: "RE-2027-000042 RE-2027-000043",
  counterpartyName: "Acme GmbH",
  counterpartyIban: "DE02120300000000202051",
  status: BankLineStatus.UNMATCHED,
  match: BankLineMatch.AMBIGUOUS,
  why: "names 2 invoices: RE-2027-000042, RE-2027-000043",
  candidateInvoiceIds: ["inv_01invoice00000000000000001", "inv_01invoice00000000000000002"],
}));

/** aProviderEvent is Stripe's report that a payment succeeded, processed once. */
export const aProviderEvent = builder(ProviderEventSchema, () => ({
  id: "pev_01event000000000000000001",
  provider: PaymentProvider.STRIPE,
  eventId: "evt_1AbCdEf",
  type: "payment_intent.succeeded",
  providerPaymentId: "pi_3AbCdEfGhIjKlMnOpQrStUvW",
  paymentId: "pay_01payment00000000000000002",
  status: ProviderEventStatus.PROCESSED,
  attempts: 1,
  occurredTime: at("2027-01-29T10:14:00Z"),
  createTime: at("2027-01-29T10:14:02Z"),
  processedTime: at("2027-01-29T10:14:02Z"),
  payload: '{"id":"evt_1AbCdEf","type":"payment_intent.succeeded"}',
}));

/** aPaymentAccount is the billing entity's Stripe account, set with a test key. */
export const aPaymentAccount = builder(PaymentAccountSchema, () => ({
  provider: PaymentProvider.STRIPE,
  configured: true,
  keyHint: "…4242",
  testMode: true,
  webhookSecretSet: true,
  webhookPath: "/webhooks/stripe/be_01entity000000000000000001",
  updateTime: at("2027-01-10T09:00:00Z"),
  updatedByEmail: "owner@demo.leitstand.test",
}));

/** anOrganizationBalance is an organization's account in euros: open, overdue and credit. */
export const anOrganizationBalance = builder(OrganizationBalanceSchema, () => ({
  currency: "EUR",
  openCents: 6902n,
  overdueCents: 3451n,
  creditCents: 0n,
  openInvoices: 2,
}));

// ---- dunning ------------------------------------------------------------------

/**
 * aDunningNotice is the first notice about anInvoice(), sent with its 5,00 €
 * fee billed on an invoice of its own.
 */
export const aDunningNotice = builder(DunningNoticeSchema, () => ({
  id: "dun_01notice0000000000000000001",
  organizationId: "org_01acme00000000000000000000",
  organizationName: "Acme GmbH",
  invoiceId: "inv_01invoice00000000000000001",
  invoiceNumber: "RE-2027-000042",
  level: DunningLevel.FIRST_NOTICE,
  issueDate: "2027-02-21",
  payBy: "2027-02-28",
  openCents: 3451n,
  feeCents: 500n,
  currency: "EUR",
  feeInvoiceId: "inv_01invoice00000000000000009",
  feeInvoiceNumber: "RE-2027-000077",
  status: DunningNoticeStatus.SENT,
  to: "billing@acmehosting.example",
  attempts: 1,
  answer: "250 2.0.0 Ok: queued as 4F2A1",
  lastAttemptTime: at("2027-02-21T06:05:00Z"),
  createTime: at("2027-02-21T06:00:00Z"),
}));

/** aDunningInvoice is anInvoice() overdue: its reminder sent, the first notice next. */
export const aDunningInvoice = builder(DunningInvoiceSchema, () => ({
  invoiceId: "inv_01invoice00000000000000001",
  number: "RE-2027-000042",
  dueDate: "2027-01-31",
  openCents: 3451n,
  currency: "EUR",
  level: DunningLevel.REMINDER,
  nextLevel: DunningLevel.FIRST_NOTICE,
  nextDate: "2027-02-21",
}));

/** aDunningHold pauses the dunning of anOrganization() for an agreed payment plan. */
export const aDunningHold = builder(DunningHoldSchema, () => ({
  organizationId: "org_01acme00000000000000000000",
  until: "2027-03-31",
  reason: "Ratenzahlung vereinbart",
  createdByEmail: "buchhaltung@demo.leitstand.test",
  updateTime: at("2027-02-10T09:00:00Z"),
}));

// ---- the usage and billing rollup ---------------------------------------------

/** anAccountWorkspace is a workspace of anAccount(): three users, 1.2 GB stored, 4.5 GB of traffic. */
export const anAccountWorkspace = builder(AccountWorkspaceSchema, () => ({
  workspaceId: "ws_01production000000000000001",
  name: "Production",
  planName: "Premium",
  users: 3,
  storageBytes: 1_200_000_000n,
  trafficBytes: 4_500_000_000n,
  adminContact: "Anna Becker <anna.becker@acme.example>",
}));

/**
 * anAccount is a paying account in the rollup of this month: Premium, 3 of
 * 4 users, 12.3 of 50 GB stored, 45 GB of traffic without a cap, 99,00 €
 * MRR (from 79,00 €), 117,81 € invoiced and paid, its next invoice of
 * 117,81 € due, two admins and one workspace.
 */
export const anAccount = builder(AccountSchema, () => ({
  organizationId: "org_01acme00000000000000000000",
  organizationName: "Acme GmbH",
  status: OrganizationStatus.ACTIVE,
  revenueClass: RevenueClass.PAYING,
  planName: "Premium",
  users: { used: 3n, cap: 4n, percent: 75 },
  storage: { used: 12_300_000_000n, cap: 50_000_000_000n, percent: 24 },
  traffic: { used: 45_000_000_000n, cap: 0n, percent: 0 },
  currency: "EUR",
  invoicedGrossCents: 11781n,
  paidCents: 11781n,
  mrrStartCents: 7900n,
  mrrEndCents: 9900n,
  nextInvoice: { billingDate: "2027-02-05", netCents: 9900n, grossCents: 11781n },
  adminContacts: ["Anna Becker <anna.becker@acme.example>", "Ben Krause <ben@acme.example>"],
  managed: false,
  workspaces: [
    {
      workspaceId: "ws_01production000000000000001",
      name: "Production",
      planName: "Premium",
      users: 3,
      storageBytes: 1_200_000_000n,
      trafficBytes: 4_500_000_000n,
      adminContact: "Anna Becker <anna.becker@acme.example>",
    },
  ],
}));

/** anAccountMonth is a month of an account's history: paying on Premium, 99,00 € MRR, 117,81 € invoiced and paid. */
export const anAccountMonth = builder(AccountMonthSchema, () => ({
  month: "2027-01",
  revenueClass: RevenueClass.PAYING,
  planName: "Premium",
  mrrStartCents: 9900n,
  invoicedGrossCents: 11781n,
  paidCents: 11781n,
  peakStorageBytes: 12_300_000_000n,
  trafficBytes: 45_000_000_000n,
}));

/**
 * anAtRiskAccount is an account of the at-risk list: a comped account on
 * the free tier, hard-blocked with 4 members against its cap of 1 user,
 * 0.4 of its 1 GB stored, one admin and no workspaces.
 */
export const anAtRiskAccount = builder(AtRiskAccountSchema, () => ({
  account: {
    organizationId: "org_01blocked0000000000000000000",
    organizationName: "Bäckerei Blau",
    status: OrganizationStatus.ACTIVE,
    revenueClass: RevenueClass.COMPED,
    planName: "Free",
    users: { used: 4n, cap: 1n, percent: 400 },
    storage: { used: 400_000_000n, cap: 1_000_000_000n, percent: 40 },
    traffic: { used: 0n, cap: 0n, percent: 0 },
    currency: "EUR",
    adminContacts: ["Berta Blau <berta@blau.example>"],
  },
  reasons: [{ risk: AccountRisk.HARD_BLOCKED, cap: "users", percent: 400 }],
  risks: [AccountRisk.HARD_BLOCKED],
}));

// ---- account administration: upgrade requests and partners ------------------

/**
 * anUpgradeRequest is a pending request of Acme GmbH (anAccount()) to move
 * from Basis to Premium, sent two days ago by its admin with a message.
 */
export const anUpgradeRequest = builder(UpgradeRequestSchema, () => ({
  id: "upr_01acmepremium00000000000001",
  organizationId: "org_01acme00000000000000000000",
  organizationName: "Acme GmbH",
  planId: "pln_01premium0000000000000000001",
  planName: "Premium",
  fromPlanName: "Basis",
  message: "We hire four people next month and need the users.",
  requestedByEmail: "anna.becker@acme.example",
  status: UpgradeRequestStatus.PENDING,
  createTime: ago(2 * day),
}));

/**
 * aPartner is Webwerk KG, a partner at 10 % with two referrals and one
 * organization it runs from outside: 120,00 € earned, 50,00 € paid out,
 * 70,00 € owed.
 */
export const aPartner = builder(PartnerSchema, () => ({
  organizationId: "org_01webwerk000000000000000001",
  name: "Webwerk KG",
  partner: true,
  commissionBasisPoints: 1000,
  referrals: 2,
  externalLed: 1,
  earnedCents: 12000n,
  paidOutCents: 5000n,
  balanceCents: 7000n,
  currency: "EUR",
}));

/** aReferral is Acme GmbH, referred by Webwerk KG in March 2026, 39,60 € earned so far. */
export const aReferral = builder(ReferralSchema, () => ({
  organizationId: "org_01acme00000000000000000000",
  organizationName: "Acme GmbH",
  status: "ACTIVE",
  partnerId: "org_01webwerk000000000000000001",
  partnerName: "Webwerk KG",
  referralTime: at("2026-03-02T09:00:00Z"),
  earnedCents: 3960n,
}));

/** aLedgerEntry is a commission of 10 % on Acme's paid invoice of 99,00 € net. */
export const aLedgerEntry = builder(LedgerEntrySchema, () => ({
  id: "rcm_01acmejanuary0000000000001",
  kind: LedgerEntryKind.COMMISSION,
  day: "2027-01-20",
  amountCents: 990n,
  currency: "EUR",
  organizationId: "org_01acme00000000000000000000",
  organizationName: "Acme GmbH",
  invoiceId: "inv_01acmejanuary0000000000001",
  invoiceNumber: "RE-2027-0042",
  invoiceNetCents: 9900n,
  rateBasisPoints: 1000,
}));

/** anExternalLedOrganization is Kanzlei Klar, run from outside by Webwerk KG, not referred by it. */
export const anExternalLedOrganization = builder(ExternalLedOrganizationSchema, () => ({
  organizationId: "org_01klar0000000000000000000001",
  organizationName: "Kanzlei Klar",
  partnerId: "org_01webwerk000000000000000001",
  partnerName: "Webwerk KG",
  adminContacts: ["Paul Webwerk <paul@webwerk.example>"],
  referred: false,
}));

// ---- training ------------------------------------------------------------------

/** aCourse is the data protection basics: German, 90 minutes, a licence for 12 months, 49,00 € a seat. */
export const aCourse = builder(CourseSchema, () => ({
  id: "crs_01dsgvo0000000000000000001",
  title: "Datenschutz-Grundlagen (DSGVO)",
  description: "Was personenbezogene Daten sind und wie man mit ihnen umgeht.",
  language: "de",
  durationMinutes: 90,
  validityMonths: 12,
  seatPriceCents: 4900n,
  currency: "EUR",
  retired: false,
  sessionCount: 3,
  createTime: at("2026-01-10T09:00:00Z"),
}));

/**
 * aTrainingSession is a scheduled online session of the data protection
 * basics in a week, held by the operator: 2 of 10 seats taken, nobody
 * waiting.
 */
export const aTrainingSession = builder(TrainingSessionSchema, () => ({
  id: "tse_01dsgvo0000000000000000001",
  courseId: "crs_01dsgvo0000000000000000001",
  courseTitle: "Datenschutz-Grundlagen (DSGVO)",
  language: "de",
  startTime: fromNow(7 * day),
  endTime: fromNow(7 * day + 90 * minute),
  onlineUrl: "https://meet.example.com/dsgvo",
  location: "",
  trainerId: "usr_operator",
  trainerName: "Oskar Operator",
  capacity: 10,
  confirmed: 2,
  waitlisted: 0,
  status: TrainingSessionStatus.SCHEDULED,
  statusTime: ago(day),
  seatPriceCents: 4900n,
  currency: "EUR",
  licences: 0,
}));

/** aRegistration is Anna Becker of Acme Hosting, confirmed, her attendance not marked yet. */
export const aRegistration = builder(RegistrationSchema, () => ({
  id: "reg_01anna00000000000000000001",
  sessionId: "tse_01dsgvo0000000000000000001",
  organizationId: "org_0001",
  organizationName: "Acme Hosting",
  userId: "usr_anna",
  name: "Anna Becker",
  email: "anna.becker@acme.example",
  status: RegistrationStatus.CONFIRMED,
  waitlistPosition: 0,
  attendance: Attendance.UNSPECIFIED,
  createTime: ago(2 * day),
}));

/** aLicence is Anna Becker's valid licence of the data protection basics, for 2026. */
export const aLicence = builder(LicenceSchema, () => ({
  id: "lic_01anna00000000000000000001",
  organizationId: "org_0001",
  organizationName: "Acme Hosting",
  userId: "usr_anna",
  name: "Anna Becker",
  email: "anna.becker@acme.example",
  courseId: "crs_01dsgvo0000000000000000001",
  courseTitle: "Datenschutz-Grundlagen (DSGVO)",
  sessionId: "tse_01dsgvo0000000000000000001",
  validFrom: "2026-03-02",
  validUntil: "2027-03-01",
  state: LicenceState.VALID,
  verificationCode: "K7QM-4XRT-9BWD-2HNE",
}));

// ---- resellers -----------------------------------------------------------------

/** aLicensee is the platform operator's billing entity, which holds every capability. */
export const aLicensee = builder(BillingEntitySchema, () => ({
  id: "be_01licensee0000000000000001",
  name: "Leitstand Demo GmbH",
  kind: BillingEntityKind.LICENSEE,
  status: BillingEntityStatus.ACTIVE,
  acceptSignups: true,
  autoApproveSignups: false,
  organizationCount: 12,
  pendingSignupCount: 1,
  staffCount: 4,
  createTime: at("2025-11-01T09:00:00Z"),
}));

/** aReseller is Nordhost: sign-ups under "nordhost" wait for approval, it may manage its customers and invoice them. */
export const aReseller = builder(BillingEntitySchema, () => ({
  id: "be_01nordhost000000000000001",
  name: "Nordhost Partner GmbH",
  kind: BillingEntityKind.RESELLER,
  status: BillingEntityStatus.ACTIVE,
  signupHandle: "nordhost",
  acceptSignups: true,
  autoApproveSignups: false,
  capabilities: [BillingEntityCapability.MANAGE_CUSTOMERS, BillingEntityCapability.ISSUE_INVOICES],
  organizationCount: 3,
  pendingSignupCount: 1,
  staffCount: 2,
  createTime: at("2026-02-01T09:00:00Z"),
}));

/** aResellerStaffMember is Nordhost's owner. */
export const aResellerStaffMember = builder(BillingEntityStaffSchema, () => ({
  userId: "usr_01nordowner00000000000001",
  email: "owner@nordhost.example",
  displayName: "Nora Nord",
  platformRole: PlatformRole.OWNER,
}));

/** aSignUp is Deichgraf Webdesign, waiting for Nordhost's approval since yesterday. */
export const aSignUp = builder(SignUpSchema, () => ({
  organizationId: "org_01deichgraf0000000000001",
  organizationName: "Deichgraf Webdesign",
  state: SignUpState.PENDING,
  applicantEmail: "hauke@deichgraf.example",
  applicantName: "Hauke Haien",
  billingEntityId: "be_01nordhost000000000000001",
  billingEntityName: "Nordhost Partner GmbH",
  signupTime: ago(day),
}));

// ---- webhooks ------------------------------------------------------------------

/** aWebhookEndpoint is the licensee's ERP import, receiving invoices and payments. */
export const aWebhookEndpoint = builder(WebhookEndpointSchema, () => ({
  id: "whe_01erpimport000000000000001",
  billingEntityId: "be_01licensee0000000000000001",
  url: "https://erp.example.com/hooks/leitstand",
  description: "ERP import",
  eventTypes: ["invoice.issued", "payment.received"],
  enabled: true,
  createTime: at("2026-03-01T09:00:00Z"),
  updateTime: at("2026-03-01T09:00:00Z"),
}));

/** aWebhookDelivery is an invoice.issued event the ERP import took with 200, an hour ago. */
export const aWebhookDelivery = builder(WebhookDeliverySchema, () => ({
  id: "whd_01delivery0000000000000001",
  endpointId: "whe_01erpimport000000000000001",
  eventId: "evt_01invoice00000000000000001",
  eventType: "invoice.issued",
  status: WebhookDeliveryStatus.SUCCEEDED,
  attempts: 1,
  responseStatus: 200,
  responseBody: '{"ok":true}',
  durationMs: 42n,
  lastAttemptTime: ago(hour),
  createTime: ago(hour),
  payload: '{"id":"evt_01invoice00000000000000001","type":"invoice.issued"}',
}));

// ---- images --------------------------------------------------------------------

/** anImage is the licensee's Debian 12, shared with Nordhost. */
export const anImage = builder(ImageSchema, () => ({
  id: "img_01debian1200000000000001",
  billingEntityId: "be_01licensee0000000000000001",
  billingEntityName: "Leitstand Demo GmbH",
  image: {
    name: "Debian 12",
    kind: ImageKind.OS,
    os: "Debian",
    version: "12.7",
    sizeBytes: 432013312n,
    source: "https://cloud.debian.org/images/cloud/bookworm/latest/debian-12-generic-amd64.qcow2",
    description: "The generic cloud image with cloud-init.",
  },
  sharedWith: [
    {
      billingEntityId: "be_01nordhost000000000000001",
      billingEntityName: "Nordhost Partner GmbH",
      createTime: at("2026-03-02T09:00:00Z"),
    },
  ],
  createTime: at("2026-03-01T09:00:00Z"),
  updateTime: at("2026-03-01T09:00:00Z"),
}));
// ---- catalog and offers ------------------------------------------------------------

/** aCatalogItem is the licensee's PostgreSQL M at 24.90 a month, bookable. */
export const aCatalogItem = builder(CatalogItemSchema, () => ({
  id: "cat_01postgresm00000000000001",
  name: "PostgreSQL M",
  description: "A managed PostgreSQL database",
  category: CatalogCategory.M,
  monthlyPriceCents: 2490n,
  currency: "EUR",
  estimatedStorageGb: 20,
  setupTimeMinutes: 30,
  bookable: true,
  billingEntityId: "be_01licensee0000000000000001",
  createTime: at("2025-11-01T09:00:00Z"),
}));

/** aProductOffer is Nordhost's offer of Nextcloud M: 39.90 against the licensee's 29.90, a year minimum. */
export const aProductOffer = builder(ProductOfferSchema, () => ({
  id: "ofr_01nordnextcloudm0000000001",
  billingEntityId: "be_01nordhost000000000000001",
  catalogItemId: "cat_01nextcloudm0000000000001",
  catalogItemName: "Nextcloud M",
  monthlyPriceCents: 3990n,
  currency: "EUR",
  listPriceCents: 2990n,
  minimumTermMonths: 12,
  noticePeriodDays: 30,
  description: "Nextcloud with support from Kiel",
  bookable: true,
  createTime: at("2026-03-01T09:00:00Z"),
  updateTime: at("2026-03-01T09:00:00Z"),
}));

/** aBookableItem is Nextcloud M as Nordhost's customers book it: at Nordhost's price and terms. */
export const aBookableItem = builder(BookableItemSchema, () => ({
  item: aCatalogItem({
    id: "cat_01nextcloudm0000000000001",
    name: "Nextcloud M",
    monthlyPriceCents: 2990n,
  }),
  monthlyPriceCents: 3990n,
  currency: "EUR",
  productOfferId: "ofr_01nordnextcloudm0000000001",
  minimumTermMonths: 12,
  noticePeriodDays: 30,
}));
