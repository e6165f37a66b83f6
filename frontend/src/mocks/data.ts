import { create } from "@bufbuild/protobuf";
import { durationFromMs, timestampDate, timestampFromDate } from "@bufbuild/protobuf/wkt";
import { PlatformRole } from "@leitstand/sdk/leitstand/admin/v1/authz_pb.js";
import {
  JobRunOutcome,
  JobRunSchema,
  JobTrigger,
  type JobRun,
} from "@leitstand/sdk/leitstand/admin/v1/job_service_pb.js";
import { MemberSchema, type Member } from "@leitstand/sdk/leitstand/admin/v1/member_service_pb.js";
import {
  OrganizationRole,
  OrganizationSchema,
  OrganizationStatus,
  WorkspaceSchema,
  type Organization,
  type Workspace,
} from "@leitstand/sdk/leitstand/admin/v1/organization_service_pb.js";
import {
  SettingsSchema,
  type Settings,
} from "@leitstand/sdk/leitstand/admin/v1/settings_service_pb.js";

import { demoInfra, type InfraData } from "./infra-data";

export interface Membership {
  organizationId: string;
  userId: string;
  role: OrganizationRole;
  createTime: Date;
}

const day = 24 * 3600 * 1000;
const base = new Date("2026-01-05T09:30:00Z").getTime();

const orgNames = [
  "Acme Hosting",
  "Bergmann Logistik",
  "Café Central",
  "Datenwerk",
  "Elbe Medien",
  "Fjord Analytics",
  "Gartenbau Huber",
  "Hafenkontor",
  "Isar Software",
  "Jadebusen Energie",
  "Kiez Kollektiv",
  "Lindenapotheke",
  "Moselwein Schmitt",
  "Nordlicht Studios",
  "Oderland Agrar",
  "Pixelwerk",
  "Quellwasser",
  "Rheinblick Hotels",
  "Schwarzwald Uhren",
  "Taunus Consulting",
  "Ulmer Bau",
  "Vogelsang Verlag",
  "Weserkraft",
  "Xaver & Söhne",
  "Yachtclub Kiel",
  "Zugspitz Outdoor",
];

const cities = ["Berlin", "Hamburg", "München", "Köln", "Leipzig", "Dresden", "Bremen"];

export interface MockData {
  organizations: Organization[];
  workspaces: Workspace[];
  members: Member[];
  memberships: Membership[];
  passwords: Map<string, string>;
  /** Recorded runs of the demo jobs, newest first. */
  jobRuns: JobRun[];
  settings: Settings;
  /** Servers, connections, containers and their histories. */
  infra: InfraData;
}

export function demoData(extraOrganizations = 0): MockData {
  const members: Member[] = [
    ["usr_owner", "owner@demo.leitstand.test", "Olivia Owner", PlatformRole.OWNER],
    ["usr_operator", "operator@demo.leitstand.test", "Oskar Operator", PlatformRole.OPERATOR],
    ["usr_developer", "developer@demo.leitstand.test", "Dana Developer", PlatformRole.DEVELOPER],
    ["usr_user", "user@demo.leitstand.test", "Uwe User", PlatformRole.USER],
    ["usr_anna", "anna.becker@acme.example", "Anna Becker", PlatformRole.USER],
    ["usr_jonas", "jonas.wolf@datenwerk.example", "Jonas Wolf", PlatformRole.USER],
    ["usr_lea", "lea.schulz@pixelwerk.example", "Lea Schulz", PlatformRole.USER],
    ["usr_mia", "mia.keller@elbe.example", "Mia Keller", PlatformRole.USER],
  ].map(([id, email, displayName, role], i) =>
    create(MemberSchema, {
      id: id as string,
      email: email as string,
      displayName: displayName as string,
      platformRole: role as PlatformRole,
      disabled: false,
      createTime: timestampFromDate(new Date(base - (30 - i) * day)),
      lastLoginTime: i < 3 ? timestampFromDate(new Date(base + (40 + i) * day)) : undefined,
    }),
  );
  const passwords = new Map(members.map((m) => [m.email, "leitstand-demo"]));

  const names = [...orgNames];
  for (let i = 0; i < extraOrganizations; i++)
    names.push(`Synthetic Customer ${String(i + 1).padStart(5, "0")}`);

  const organizations: Organization[] = [];
  const workspaces: Workspace[] = [];
  const memberships: Membership[] = [];
  names.forEach((name, i) => {
    const id = `org_${String(i + 1).padStart(4, "0")}`;
    const created = new Date(base + i * 3 * day);
    const status =
      i % 11 === 3
        ? OrganizationStatus.SUSPENDED
        : i % 13 === 5
          ? OrganizationStatus.PENDING_APPROVAL
          : i % 17 === 7
            ? OrganizationStatus.CLOSED
            : OrganizationStatus.ACTIVE;
    organizations.push(
      create(OrganizationSchema, {
        id,
        name,
        legalName: i % 3 === 0 ? `${name} GmbH` : "",
        status,
        billingAddress: {
          line1: `Hauptstraße ${i + 1}`,
          postalCode: String(10115 + i * 7),
          city: cities[i % cities.length],
          countryCode: "DE",
        },
        vatId: i % 2 === 0 ? `DE${String(100000000 + i * 1234567).slice(0, 9)}` : "",
        billingEmail: `billing@${name.toLowerCase().replace(/[^a-z]/g, "")}.example`,
        billingEntityId: "be_licensee",
        managed: i % 5 === 0,
        billingDay: created.getUTCDate(),
        createTime: timestampFromDate(created),
        updateTime: timestampFromDate(created),
      }),
    );
    const wsCount = i % 4;
    for (let w = 0; w < wsCount; w++) {
      workspaces.push(
        create(WorkspaceSchema, {
          id: `ws_${i}_${w}`,
          organizationId: id,
          name: ["Production", "Staging", "Marketing"][w],
          createTime: timestampFromDate(new Date(created.getTime() + w * day)),
          updateTime: timestampFromDate(new Date(created.getTime() + w * day)),
        }),
      );
    }
  });
  const customerUsers = members.filter((m) => m.platformRole === PlatformRole.USER);
  organizations.slice(0, orgNames.length).forEach((org, i) => {
    const owner = customerUsers[i % customerUsers.length]!;
    memberships.push({
      organizationId: org.id,
      userId: owner.id,
      role: OrganizationRole.OWNER,
      createTime: new Date(base + i * 3 * day),
    });
    if (i % 2 === 0) {
      const admin = customerUsers[(i + 1) % customerUsers.length]!;
      memberships.push({
        organizationId: org.id,
        userId: admin.id,
        role: OrganizationRole.ADMIN,
        createTime: new Date(base + i * 3 * day + day),
      });
    }
  });
  const jobRuns = demoJobRuns(new Date(), members[0]!);
  const settings = demoSettings();
  const infra = demoInfra(new Date(), members[1]!);
  return { organizations, workspaces, members, memberships, passwords, jobRuns, settings, infra };
}

/** A registered background job of the demo. */
export interface MockJob {
  name: string;
  title: string;
  description: string;
  schedule: string;
  catchUp: boolean;
  /** What a successful run reports. */
  summary: (seed: number) => string;
  /** How long a run takes, in milliseconds. */
  duration: (seed: number) => number;
}

export const demoJobs: MockJob[] = [
  {
    name: "session-cleanup",
    title: "Session Cleanup",
    description:
      "Removes expired, idle and signed-out sessions, API tokens expired or revoked more than 30 days ago, and sign-in throttles that have gone quiet.",
    schedule: "0 * * * *",
    catchUp: true,
    summary: (seed) =>
      `removed ${seed % 17} expired sessions, ${seed % 3 === 0 ? 1 : 0} expired API tokens and ${seed % 5} sign-in throttles`,
    duration: (seed) => 120 + ((seed * 37) % 700),
  },
  {
    name: "audit-verification",
    title: "Audit Verification",
    description:
      "Recomputes the hash chain of the audit trail and fails, naming the first bad event, if an event was edited, deleted or reordered.",
    schedule: "0 2 * * *",
    catchUp: true,
    summary: (seed) => `audit chain intact: ${12000 + seed * 131} events verified`,
    duration: (seed) => 4200 + ((seed * 977) % 5200),
  },
  {
    name: "certificate-renewal",
    title: "Certificate Renewal",
    description: "Renews the TLS certificates that expire within the next 30 days.",
    schedule: "0 3 * * 0",
    catchUp: true,
    summary: (seed) => `renewed ${seed % 4} certificates; 41 are valid for more than 30 days`,
    duration: (seed) => 18_000 + ((seed * 3119) % 40_000),
  },
  {
    name: "invoice-run",
    title: "Invoice Run",
    description: "Issues the month's invoices of every organization the platform bills.",
    schedule: "0 0 1 * *",
    catchUp: true,
    summary: (seed) => `issued ${20 + (seed % 9)} invoices`,
    duration: (seed) => 95_000 + ((seed * 7919) % 60_000),
  },
];

/** cronMatches tells whether a UTC minute matches a cron expression of plain numbers and "*". */
export function cronMatches(expression: string, date: Date): boolean {
  const fields = expression.trim().split(/\s+/);
  const values = [
    date.getUTCMinutes(),
    date.getUTCHours(),
    date.getUTCDate(),
    date.getUTCMonth() + 1,
    date.getUTCDay(),
  ];
  return fields.every((field, i) => {
    if (field === "*") return true;
    const value = Number(field);
    return i === 4 ? value % 7 === values[i] : value === values[i];
  });
}

const minute = 60_000;

/** cronSlots lists the scheduled times of an expression in [from, to). */
export function cronSlots(expression: string, from: Date, to: Date): Date[] {
  const slots: Date[] = [];
  const start = Math.ceil(from.getTime() / minute) * minute;
  for (let t = start; t < to.getTime(); t += minute) {
    const date = new Date(t);
    if (cronMatches(expression, date)) slots.push(date);
  }
  return slots;
}

/** nextCronTime is the first scheduled time after a moment (within 400 days). */
export function nextCronTime(expression: string, after: Date): Date | undefined {
  const start = Math.floor(after.getTime() / minute) * minute + minute;
  for (let t = start; t < start + 400 * 24 * 60 * minute; t += minute) {
    const date = new Date(t);
    if (cronMatches(expression, date)) return date;
  }
  return undefined;
}

const replicas = ["leitstand-1:4107", "leitstand-2:3981"];

/**
 * demoJobRuns makes 30 days of runs of the demo jobs up to now: mostly
 * successful, with failures that were retried, an interrupted run, a made-up
 * run after downtime, a manual run, and a failed run whose retry is pending.
 */
export function demoJobRuns(now: Date, owner: Member): JobRun[] {
  const runs: JobRun[] = [];
  let id = 0;
  const from = new Date(now.getTime() - 30 * 24 * 60 * minute);
  const ts = (ms: number) => timestampFromDate(new Date(ms));

  const add = (
    job: MockJob,
    fields: {
      scheduled?: number;
      start: number;
      seed: number;
      outcome: JobRunOutcome;
      trigger?: JobTrigger;
      attempt?: number;
      error?: string;
      summary?: string;
      retry?: number;
      by?: Member;
    },
  ) => {
    id += 1;
    const duration = job.duration(fields.seed);
    const running = fields.outcome === JobRunOutcome.RUNNING;
    runs.push(
      create(JobRunSchema, {
        id: `run_${String(id).padStart(6, "0")}`,
        jobName: job.name,
        trigger: fields.trigger ?? JobTrigger.SCHEDULE,
        attempt: fields.attempt ?? 1,
        scheduledTime: fields.scheduled === undefined ? undefined : ts(fields.scheduled),
        startTime: ts(fields.start),
        endTime: running ? undefined : ts(fields.start + duration),
        duration: running ? undefined : durationFromMs(duration),
        outcome: fields.outcome,
        error: fields.error ?? "",
        summary:
          fields.summary ??
          (fields.outcome === JobRunOutcome.SUCCEEDED ? job.summary(fields.seed) : ""),
        retryTime: fields.retry === undefined ? undefined : ts(fields.retry),
        triggeredById: fields.by?.id ?? "",
        triggeredByEmail: fields.by?.email ?? "",
        replica: replicas[fields.seed % replicas.length],
      }),
    );
  };

  for (const job of demoJobs) {
    const slots = cronSlots(job.schedule, from, now);
    slots.forEach((slot, index) => {
      const at = slot.getTime();
      const seed = index + job.name.length * 7;
      const start = at + 150 + (seed % 900);
      const last = index === slots.length - 1;
      if (job.name === "session-cleanup" && index % 97 === 41) {
        add(job, {
          scheduled: at,
          start,
          seed,
          outcome: JobRunOutcome.FAILED,
          error: "delete expired sessions: context deadline exceeded",
          retry: at + 60_000,
        });
        add(job, {
          scheduled: at,
          start: at + 60_000,
          seed,
          outcome: JobRunOutcome.SUCCEEDED,
          attempt: 2,
        });
      } else if (job.name === "session-cleanup" && index === slots.length - 74) {
        add(job, {
          scheduled: at,
          start,
          seed,
          outcome: JobRunOutcome.INTERRUPTED,
          error: "the server running this job stopped before the run finished (leitstand-2:3981)",
        });
      } else if (job.name === "audit-verification" && index === slots.length - 6) {
        // A broken chain is not retried: another attempt would find the same.
        add(job, {
          scheduled: at,
          start,
          seed,
          outcome: JobRunOutcome.FAILED,
          summary: `checked ${12000 + seed * 131} events`,
          error:
            "audit chain broken: event 10482: the stored hash does not match the hash computed from the event and its predecessor\n" +
            "  stored:   9f2c4e…a71b\n  computed: 03d8b1…4c2e",
        });
      } else if (job.name === "audit-verification" && index === slots.length - 12) {
        // The server was down at 02:00 and made the run up when it started.
        add(job, {
          scheduled: at,
          start: at + 47 * 60_000,
          seed,
          outcome: JobRunOutcome.SUCCEEDED,
          trigger: JobTrigger.CATCH_UP,
        });
      } else if (job.name === "certificate-renewal" && last) {
        add(job, {
          scheduled: at,
          start,
          seed,
          outcome: JobRunOutcome.FAILED,
          error:
            "acme: urn:ietf:params:acme:error:rateLimited: too many certificates already issued for this domain",
          retry: now.getTime() + 40 * 60_000,
        });
      } else {
        add(job, { scheduled: at, start, seed, outcome: JobRunOutcome.SUCCEEDED });
      }
    });
  }
  const cleanup = demoJobs[0]!;
  const manual = now.getTime() - 2 * 24 * 60 * minute + 17 * minute;
  add(cleanup, {
    start: manual,
    seed: 5,
    outcome: JobRunOutcome.SUCCEEDED,
    trigger: JobTrigger.MANUAL,
    by: owner,
  });

  const started = (r: JobRun) => (r.startTime ? timestampDate(r.startTime).getTime() : 0);
  return runs.sort((a, b) => started(b) - started(a));
}

/** demoSettings are the details of the demo platform's company. */
export function demoSettings(): Settings {
  return create(SettingsSchema, {
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
    updateTime: timestampFromDate(new Date(base + 20 * day)),
  });
}
