/**
 * An in-memory implementation of the administration API on Connect's router
 * transport: the component tests and `npm run dev:mock` run against it. It
 * validates requests with protovalidate like the real server, so field errors
 * have the server's shape.
 */
import {
  create,
  fromJson,
  toJson,
  type DescMessage,
  type JsonObject,
  type MessageShape,
} from "@bufbuild/protobuf";
import {
  durationFromMs,
  durationMs,
  timestampDate,
  timestampFromDate,
  type Timestamp,
} from "@bufbuild/protobuf/wkt";
import { createValidator, violationsToProto } from "@bufbuild/protovalidate";
import { ViolationsSchema } from "@bufbuild/protovalidate/gen/buf/validate/validate_pb.js";
import {
  Code,
  ConnectError,
  createRouterTransport,
  type ConnectRouter,
  type Interceptor,
  type Transport,
} from "@connectrpc/connect";
import {
  AuditEventSchema,
  AuditOutcome,
  AuditService,
  type AuditEvent,
} from "@leitstand/sdk/leitstand/admin/v1/audit_service_pb.js";
import {
  ApiTokenSchema,
  AuthMethod,
  AuthService,
  CallerSchema,
  type ApiToken,
  type Caller,
} from "@leitstand/sdk/leitstand/admin/v1/auth_service_pb.js";
import { Permission, PlatformRole } from "@leitstand/sdk/leitstand/admin/v1/authz_pb.js";
import {
  JobHistoryBucketSchema,
  JobRunOutcome,
  JobRunSchema,
  JobSchema,
  JobService,
  JobTrigger,
  type JobRun,
} from "@leitstand/sdk/leitstand/admin/v1/job_service_pb.js";
import {
  DisabledFilter,
  MemberSchema,
  MemberService,
  type Member,
} from "@leitstand/sdk/leitstand/admin/v1/member_service_pb.js";
import {
  OrganizationMemberSchema,
  OrganizationRole,
  OrganizationSchema,
  OrganizationService,
  OrganizationStatus,
  WorkspaceSchema,
  type Organization,
} from "@leitstand/sdk/leitstand/admin/v1/organization_service_pb.js";
import { RoleService } from "@leitstand/sdk/leitstand/admin/v1/role_service_pb.js";
import {
  SettingsSchema,
  SettingsService,
  type Settings,
} from "@leitstand/sdk/leitstand/admin/v1/settings_service_pb.js";
import { rolePermissions } from "@/lib/auth";
import { ibanProblem, isValidBic, normalizeIban } from "@/lib/iban";
import { permissions, platformRoles } from "@/lib/labels";
import { demoData, demoJobs, nextCronTime, type MockData } from "./data";
import { infraRoutes } from "./infra";
import { invalid, notFound, page } from "./util";

export interface MockApiOptions {
  /** Sign this user in from the start (an e-mail of the data set). */
  signedInAs?: string;
  /** More synthetic organizations beyond the demo ones. */
  extraOrganizations?: number;
  /** Delay each answer by this many milliseconds. */
  latencyMs?: number;
  /** How long a run started with TriggerJob takes, in milliseconds (default 800). */
  jobRunMs?: number;
}

export interface MockApi {
  transport: Transport;
  data: MockData;
  audit: AuditEvent[];
  /** Ends the session, as if it expired on the server. */
  endSession: () => void;
  /** The requests received, by method name. */
  calls: { method: string; request: unknown }[];
}

// VAT ID formats after the country code (a subset of the server's table).
const vatIdFormats: Record<string, RegExp> = {
  AT: /^U\d{8}$/,
  BE: /^[01]\d{9}$/,
  CH: /^E\d{9}(MWST|TVA|IVA)?$/,
  DE: /^\d{9}$/,
  DK: /^\d{8}$/,
  ES: /^[A-Z0-9]\d{7}[A-Z0-9]$/,
  FR: /^[A-HJ-NP-Z0-9]{2}\d{9}$/,
  IT: /^\d{11}$/,
  LU: /^\d{8}$/,
  NL: /^\d{9}B\d{2}$/,
  PL: /^\d{10}$/,
};

/** germanCheckDigit is the ninth digit of a German VAT number (ISO 7064 MOD 11,10). */
function germanCheckDigit(first8: string): number {
  let product = 10;
  for (const char of first8) {
    let sum = (Number(char) + product) % 10;
    if (sum === 0) sum = 10;
    product = (2 * sum) % 11;
  }
  const check = 11 - product;
  return check === 10 ? 0 : check;
}

/** vatIdError says what is wrong with a VAT ID the way the server does, or "". */
function vatIdError(vatId: string): string {
  const country = vatId.slice(0, 2);
  const format = vatIdFormats[country];
  if (!format) return `${country} is not a country code of a VAT ID`;
  if (!format.test(vatId.slice(2))) return `${vatId} is not a valid VAT ID format for ${country}`;
  if (country === "DE" && germanCheckDigit(vatId.slice(2, 10)) !== Number(vatId[10])) {
    return `${vatId} has a wrong check digit`;
  }
  return "";
}

/** The paths an UpdateSettings mask may name: a section, the address, or a field. */
const settingsPaths = new Set([
  "company",
  "company.name",
  "company.legal_form",
  "company.address",
  "company.address.line1",
  "company.address.line2",
  "company.address.postal_code",
  "company.address.city",
  "company.address.country_code",
  "company.register_court",
  "company.register_number",
  "company.managing_directors",
  "company.email",
  "company.phone",
  "company.website",
  "tax",
  "tax.vat_rate_basis_points",
  "tax.small_business_exemption",
  "tax.tax_number",
  "tax.vat_id",
  "bank",
  "bank.account_holder",
  "bank.iban",
  "bank.bic",
  "bank.bank_name",
  "invoice",
  "invoice.number_prefix",
  "invoice.payment_terms_days",
]);

const camelCase = (snake: string) =>
  snake.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

// Legal forms entered in the commercial register (their invoices name the
// register court and number), and those that name managing directors.
const registeredForms = [
  "GmbH",
  "UG (haftungsbeschränkt)",
  "AG",
  "e.K.",
  "OHG",
  "KG",
  "GmbH & Co. KG",
  "eG",
  "SE",
];
const directedForms = ["GmbH", "UG (haftungsbeschränkt)", "AG", "GmbH & Co. KG", "SE"];

/** What an invoice needs that the settings lack, as field paths (as the server decides it). */
function missingForInvoices(settings: Settings): string[] {
  const missing: string[] = [];
  const need = (path: string, value: string | undefined) => {
    if (!value?.trim()) missing.push(path);
  };
  const { company, tax, bank } = settings;
  need("company.name", company?.name);
  need("company.address.line1", company?.address?.line1);
  need("company.address.postal_code", company?.address?.postalCode);
  need("company.address.city", company?.address?.city);
  need("company.address.country_code", company?.address?.countryCode);
  if (registeredForms.includes(company?.legalForm ?? "")) {
    need("company.register_court", company?.registerCourt);
    need("company.register_number", company?.registerNumber);
  }
  if (directedForms.includes(company?.legalForm ?? "") && !company?.managingDirectors.length) {
    missing.push("company.managing_directors");
  }
  if (!tax?.taxNumber.trim() && !tax?.vatId.trim()) missing.push("tax.tax_number");
  need("bank.account_holder", bank?.accountHolder);
  need("bank.iban", bank?.iban);
  return missing;
}

export function createMockApi(options: MockApiOptions = {}): MockApi {
  const data = demoData(options.extraOrganizations ?? 0);
  const jobRunMs = options.jobRunMs ?? 800;
  let runSequence = data.jobRuns.length;
  const audit: AuditEvent[] = [];
  const tokens: ApiToken[] = [];
  const calls: MockApi["calls"] = [];
  const grants = new Map<
    string,
    { permission: Permission; by: string; reason: string; time: Date }[]
  >();
  let session: Member | undefined = options.signedInAs
    ? data.members.find((m) => m.email === options.signedInAs)
    : undefined;
  let sequence = 0;

  const now = () => new Date();
  const ts = (d: Date = now()): Timestamp => timestampFromDate(d);

  function caller(): Caller {
    if (!session || session.disabled) {
      throw new ConnectError("sign in first", Code.Unauthenticated);
    }
    return create(CallerSchema, {
      userId: session.id,
      email: session.email,
      displayName: session.displayName,
      platformRole: session.platformRole,
      permissions: permissionsOf(session),
      authMethod: AuthMethod.SESSION,
    });
  }

  function permissionsOf(member: Member): Permission[] {
    const set = new Set([...rolePermissions(member.platformRole), ...member.extraPermissions]);
    return [...set].sort((a, b) => a - b);
  }

  function authorize(permission: Permission): Caller {
    const c = caller();
    if (!c.permissions.includes(permission)) {
      throw new ConnectError("permission denied", Code.PermissionDenied);
    }
    return c;
  }

  function record(
    c: Caller,
    action: string,
    targetType: string,
    targetId: string,
    reason: string,
    before: unknown,
    after: unknown,
  ) {
    sequence += 1;
    audit.unshift(
      create(AuditEventSchema, {
        id: `aud_${sequence}`,
        sequence: BigInt(sequence),
        occurTime: ts(),
        actorId: c.userId,
        actorEmail: c.email,
        actorRole: c.platformRole,
        action: `/leitstand.admin.v1.${action}`,
        targetType,
        targetId,
        reason,
        beforeJson: before === undefined ? "" : JSON.stringify(before),
        afterJson: after === undefined ? "" : JSON.stringify(after),
        requestId: `req_${sequence}`,
        outcome: AuditOutcome.SUCCEEDED,
      }),
    );
  }

  const orgJson = (o: Organization) => ({
    name: o.name,
    legal_name: o.legalName,
    status: OrganizationStatus[o.status],
    billing_address: {
      line1: o.billingAddress?.line1 ?? "",
      line2: o.billingAddress?.line2 ?? "",
      postal_code: o.billingAddress?.postalCode ?? "",
      city: o.billingAddress?.city ?? "",
      country_code: o.billingAddress?.countryCode ?? "",
    },
    vat_id: o.vatId,
    billing_email: o.billingEmail,
    managed: o.managed,
  });

  const withCounts = (o: Organization): Organization =>
    create(OrganizationSchema, {
      ...o,
      memberCount: data.memberships.filter((m) => m.organizationId === o.id).length,
      workspaceCount: data.workspaces.filter((w) => w.organizationId === o.id).length,
    });

  const memberWithCount = (m: Member): Member =>
    create(MemberSchema, {
      ...m,
      organizationCount: data.memberships.filter((x) => x.userId === m.id).length,
    });

  const orgMember = (organizationId: string, userId: string) => {
    const membership = data.memberships.find(
      (m) => m.organizationId === organizationId && m.userId === userId,
    );
    const user = data.members.find((m) => m.id === userId);
    if (!membership || !user) throw notFound("membership");
    return create(OrganizationMemberSchema, {
      userId,
      email: user.email,
      displayName: user.displayName,
      role: membership.role,
      createTime: ts(membership.createTime),
    });
  };

  const findOrg = (id: string) => {
    const org = data.organizations.find((o) => o.id === id);
    if (!org) throw notFound("organization");
    return org;
  };
  const findMember = (id: string) => {
    const m = data.members.find((x) => x.id === id);
    if (!m) throw notFound("member");
    return m;
  };

  const routes = (router: ConnectRouter) => {
    router.service(AuthService, {
      login(req) {
        const member = data.members.find((m) => m.email === req.email);
        if (!member || data.passwords.get(member.email) !== req.password || member.disabled) {
          throw new ConnectError("wrong e-mail or password", Code.Unauthenticated);
        }
        session = member;
        return { caller: caller(), sessionExpireTime: ts(new Date(Date.now() + 8 * 3600e3)) };
      },
      logout() {
        caller();
        session = undefined;
        return {};
      },
      getCurrentUser() {
        return { caller: caller() };
      },
      createApiToken(req) {
        authorize(Permission.API_TOKENS_MANAGE);
        const token = create(ApiTokenSchema, {
          id: `tok_${tokens.length + 1}`,
          name: req.name,
          prefix: `lst_${tokens.length + 1}ab`,
          createTime: ts(),
          expireTime: req.expireTime,
        });
        tokens.unshift(token);
        return { apiToken: token, secret: `lst_${tokens.length}ab_secretvalue0123456789` };
      },
      listApiTokens(req) {
        authorize(Permission.API_TOKENS_MANAGE);
        const visible = tokens.filter((t) => req.showInactive || !t.revokeTime);
        const { slice, next } = page(visible, req.pageSize, req.pageToken);
        return { apiTokens: slice, nextPageToken: next };
      },
      revokeApiToken(req) {
        authorize(Permission.API_TOKENS_MANAGE);
        const token = tokens.find((t) => t.id === req.id);
        if (!token) throw notFound("token");
        token.revokeTime = ts();
        return { apiToken: token };
      },
    });

    router.service(OrganizationService, {
      listOrganizations(req) {
        authorize(Permission.ORGANIZATIONS_READ);
        const query = req.filter?.query.toLowerCase() ?? "";
        const statuses = req.filter?.statuses ?? [];
        let items = data.organizations.filter(
          (o) =>
            (!query ||
              o.name.toLowerCase().includes(query) ||
              o.legalName.toLowerCase().includes(query)) &&
            (statuses.length === 0 || statuses.includes(o.status)),
        );
        const created = (o: Organization) =>
          o.createTime ? timestampDate(o.createTime).getTime() : 0;
        const order = req.orderBy || "name";
        items = [...items].sort((a, b) => {
          switch (order) {
            case "name desc":
              return b.name.localeCompare(a.name);
            case "create_time":
              return created(a) - created(b);
            case "create_time desc":
              return created(b) - created(a);
            default:
              return a.name.localeCompare(b.name);
          }
        });
        const { slice, next, total } = page(items, req.pageSize, req.pageToken);
        return { organizations: slice.map(withCounts), nextPageToken: next, totalSize: total };
      },
      getOrganization(req) {
        authorize(Permission.ORGANIZATIONS_READ);
        const org = findOrg(req.id);
        return {
          organization: withCounts(org),
          workspaces: data.workspaces
            .filter((w) => w.organizationId === org.id)
            .sort((a, b) => a.name.localeCompare(b.name)),
          members: data.memberships
            .filter((m) => m.organizationId === org.id)
            .map((m) => orgMember(org.id, m.userId))
            .sort((a, b) => a.displayName.localeCompare(b.displayName)),
        };
      },
      createOrganization(req) {
        const c = authorize(Permission.ORGANIZATIONS_WRITE);
        const created = now();
        const org = create(OrganizationSchema, {
          id: `org_new${data.organizations.length + 1}`,
          name: req.name,
          legalName: req.legalName,
          status: OrganizationStatus.ACTIVE,
          billingAddress: req.billingAddress,
          vatId: req.vatId,
          billingEmail: req.billingEmail,
          managed: req.managed,
          billingEntityId: "be_licensee",
          billingDay: created.getDate(),
          createTime: ts(created),
          updateTime: ts(created),
        });
        data.organizations.push(org);
        record(
          c,
          "OrganizationService/CreateOrganization",
          "organization",
          org.id,
          req.reason,
          undefined,
          orgJson(org),
        );
        return { organization: withCounts(org) };
      },
      updateOrganization(req) {
        const c = authorize(Permission.ORGANIZATIONS_WRITE);
        const org = findOrg(req.organization?.id ?? "");
        if (org.status === OrganizationStatus.CLOSED) {
          throw new ConnectError(
            "a closed organization cannot be changed",
            Code.FailedPrecondition,
          );
        }
        const before = orgJson(org);
        const input = req.organization!;
        for (const path of req.updateMask?.paths ?? []) {
          switch (path) {
            case "name":
              if (!input.name.trim()) {
                throw new ConnectError("invalid request", Code.InvalidArgument, undefined, [
                  {
                    desc: ViolationsSchema,
                    value: {
                      violations: [
                        {
                          field: {
                            elements: [{ fieldName: "organization" }, { fieldName: "name" }],
                          },
                          ruleId: "string.min_len",
                          message: "value length must be at least 1 characters",
                        },
                      ],
                    },
                  },
                ]);
              }
              org.name = input.name;
              break;
            case "legal_name":
              org.legalName = input.legalName;
              break;
            case "status":
              if (input.status !== org.status && !req.reason.trim()) {
                throw new ConnectError(
                  "a status change needs a reason",
                  Code.InvalidArgument,
                  undefined,
                  [
                    {
                      desc: ViolationsSchema,
                      value: {
                        violations: [
                          {
                            field: { elements: [{ fieldName: "reason" }] },
                            ruleId: "required",
                            message: "a status change needs a reason",
                          },
                        ],
                      },
                    },
                  ],
                );
              }
              org.status = input.status;
              break;
            case "billing_address":
              org.billingAddress = input.billingAddress;
              break;
            case "vat_id":
              org.vatId = input.vatId;
              break;
            case "billing_email":
              org.billingEmail = input.billingEmail;
              break;
            case "managed":
              org.managed = input.managed;
              break;
            default:
              throw new ConnectError(`unknown field in update_mask: ${path}`, Code.InvalidArgument);
          }
        }
        org.updateTime = ts();
        record(
          c,
          "OrganizationService/UpdateOrganization",
          "organization",
          org.id,
          req.reason,
          before,
          orgJson(org),
        );
        return { organization: withCounts(org) };
      },
      listWorkspaces(req) {
        authorize(Permission.ORGANIZATIONS_READ);
        findOrg(req.organizationId);
        const items = data.workspaces.filter((w) => w.organizationId === req.organizationId);
        const { slice, next } = page(items, req.pageSize, req.pageToken);
        return { workspaces: slice, nextPageToken: next };
      },
      createWorkspace(req) {
        const c = authorize(Permission.ORGANIZATIONS_WRITE);
        findOrg(req.organizationId);
        if (
          data.workspaces.some(
            (w) => w.organizationId === req.organizationId && w.name === req.name,
          )
        ) {
          throw new ConnectError(
            `a workspace named "${req.name}" already exists`,
            Code.AlreadyExists,
          );
        }
        const admin = req.adminUserId ? findMember(req.adminUserId) : undefined;
        const ws = create(WorkspaceSchema, {
          id: `ws_new${data.workspaces.length + 1}`,
          organizationId: req.organizationId,
          name: req.name,
          adminUserId: admin?.id ?? "",
          adminDisplayName: admin?.displayName ?? "",
          createTime: ts(),
          updateTime: ts(),
        });
        data.workspaces.push(ws);
        record(
          c,
          "OrganizationService/CreateWorkspace",
          "workspace",
          ws.id,
          req.reason,
          undefined,
          { name: ws.name },
        );
        return { workspace: ws };
      },
      updateWorkspace(req) {
        const c = authorize(Permission.ORGANIZATIONS_WRITE);
        const ws = data.workspaces.find((w) => w.id === req.workspace?.id);
        if (!ws) throw notFound("workspace");
        const before = { name: ws.name, admin_user_id: ws.adminUserId };
        for (const path of req.updateMask?.paths ?? []) {
          if (path === "name") ws.name = req.workspace!.name;
          if (path === "admin_user_id") {
            const admin = req.workspace!.adminUserId
              ? findMember(req.workspace!.adminUserId)
              : undefined;
            ws.adminUserId = admin?.id ?? "";
            ws.adminDisplayName = admin?.displayName ?? "";
          }
        }
        record(c, "OrganizationService/UpdateWorkspace", "workspace", ws.id, req.reason, before, {
          name: ws.name,
          admin_user_id: ws.adminUserId,
        });
        return { workspace: ws };
      },
      addOrganizationMember(req) {
        const c = authorize(Permission.ORGANIZATIONS_WRITE);
        findOrg(req.organizationId);
        let user: Member | undefined;
        if (req.user.case === "userId") user = findMember(req.user.value);
        if (req.user.case === "email") {
          const email = req.user.value;
          user = data.members.find((m) => m.email === email);
          if (!user) {
            user = create(MemberSchema, {
              id: `usr_new${data.members.length + 1}`,
              email,
              displayName: req.displayName || email,
              platformRole: PlatformRole.USER,
              createTime: ts(),
            });
            data.members.push(user);
          }
        }
        if (!user) throw new ConnectError("name a user", Code.InvalidArgument);
        const userId = user.id;
        if (
          data.memberships.some(
            (m) => m.organizationId === req.organizationId && m.userId === userId,
          )
        ) {
          throw new ConnectError(`${user.email} is already a member`, Code.AlreadyExists);
        }
        data.memberships.push({
          organizationId: req.organizationId,
          userId,
          role: req.role,
          createTime: now(),
        });
        record(
          c,
          "OrganizationService/AddOrganizationMember",
          "organization",
          req.organizationId,
          req.reason,
          undefined,
          {
            user_id: userId,
            role: OrganizationRole[req.role],
          },
        );
        return { member: orgMember(req.organizationId, userId) };
      },
      removeOrganizationMember(req) {
        const c = authorize(Permission.ORGANIZATIONS_WRITE);
        const index = data.memberships.findIndex(
          (m) => m.organizationId === req.organizationId && m.userId === req.userId,
        );
        if (index < 0) throw notFound("membership");
        const membership = data.memberships[index]!;
        const owners = data.memberships.filter(
          (m) => m.organizationId === req.organizationId && m.role === OrganizationRole.OWNER,
        );
        if (membership.role === OrganizationRole.OWNER && owners.length === 1) {
          throw new ConnectError(
            "the last owner of an organization cannot be removed",
            Code.FailedPrecondition,
          );
        }
        data.memberships.splice(index, 1);
        record(
          c,
          "OrganizationService/RemoveOrganizationMember",
          "organization",
          req.organizationId,
          req.reason,
          {
            user_id: req.userId,
            role: OrganizationRole[membership.role],
          },
          undefined,
        );
        return {};
      },
      setOrganizationRole(req) {
        const c = authorize(Permission.ORGANIZATIONS_WRITE);
        const membership = data.memberships.find(
          (m) => m.organizationId === req.organizationId && m.userId === req.userId,
        );
        if (!membership) throw notFound("membership");
        const before = { role: OrganizationRole[membership.role] };
        membership.role = req.role;
        record(
          c,
          "OrganizationService/SetOrganizationRole",
          "organization",
          req.organizationId,
          req.reason,
          before,
          {
            role: OrganizationRole[req.role],
          },
        );
        return { member: orgMember(req.organizationId, req.userId) };
      },
    });

    router.service(MemberService, {
      listMembers(req) {
        authorize(Permission.MEMBERS_READ);
        const query = req.filter?.query.toLowerCase() ?? "";
        const roles = req.filter?.platformRoles ?? [];
        const disabled = req.filter?.disabled ?? DisabledFilter.UNSPECIFIED;
        let items = data.members.filter(
          (m) =>
            (!query ||
              m.email.toLowerCase().includes(query) ||
              m.displayName.toLowerCase().includes(query)) &&
            (roles.length === 0 || roles.includes(m.platformRole)) &&
            (disabled === DisabledFilter.UNSPECIFIED ||
              (disabled === DisabledFilter.DISABLED_ONLY) === m.disabled),
        );
        const created = (m: Member) => (m.createTime ? timestampDate(m.createTime).getTime() : 0);
        items = [...items].sort((a, b) => {
          switch (req.orderBy) {
            case "display_name":
              return a.displayName.localeCompare(b.displayName);
            case "create_time":
              return created(a) - created(b);
            case "create_time desc":
              return created(b) - created(a);
            default:
              return a.email.localeCompare(b.email);
          }
        });
        const { slice, next, total } = page(items, req.pageSize, req.pageToken);
        return { members: slice.map(memberWithCount), nextPageToken: next, totalSize: total };
      },
      getMember(req) {
        authorize(Permission.MEMBERS_READ);
        const m = findMember(req.id);
        return {
          member: memberWithCount(m),
          organizations: data.memberships
            .filter((x) => x.userId === m.id)
            .map((x) => ({
              organizationId: x.organizationId,
              organizationName: findOrg(x.organizationId).name,
              role: x.role,
            })),
          grants: (grants.get(m.id) ?? []).map((g) => ({
            permission: g.permission,
            grantedById: g.by,
            reason: g.reason,
            createTime: ts(g.time),
          })),
          recentActivity: audit.filter((e) => e.actorId === m.id).slice(0, 20),
        };
      },
      setPlatformRole(req) {
        const c = authorize(Permission.PLATFORM_ROLES_MANAGE);
        const m = findMember(req.id);
        const owners = data.members.filter((x) => x.platformRole === PlatformRole.OWNER);
        if (
          m.platformRole === PlatformRole.OWNER &&
          owners.length === 1 &&
          req.platformRole !== PlatformRole.OWNER
        ) {
          throw new ConnectError("the last owner cannot be demoted", Code.FailedPrecondition);
        }
        const before = { platform_role: PlatformRole[m.platformRole] };
        m.platformRole = req.platformRole;
        record(c, "MemberService/SetPlatformRole", "user", m.id, req.reason, before, {
          platform_role: PlatformRole[m.platformRole],
        });
        return { member: memberWithCount(m) };
      },
      disableMember(req) {
        const c = authorize(Permission.MEMBERS_WRITE);
        const m = findMember(req.id);
        if (m.id === c.userId)
          throw new ConnectError("you cannot disable yourself", Code.FailedPrecondition);
        m.disabled = true;
        record(
          c,
          "MemberService/DisableMember",
          "user",
          m.id,
          req.reason,
          { disabled: false },
          { disabled: true },
        );
        return { member: memberWithCount(m) };
      },
      enableMember(req) {
        const c = authorize(Permission.MEMBERS_WRITE);
        const m = findMember(req.id);
        m.disabled = false;
        record(
          c,
          "MemberService/EnableMember",
          "user",
          m.id,
          req.reason,
          { disabled: true },
          { disabled: false },
        );
        return { member: memberWithCount(m) };
      },
      grantPermission(req) {
        const c = authorize(Permission.PERMISSIONS_MANAGE);
        const m = findMember(req.id);
        if (!m.extraPermissions.includes(req.permission)) {
          m.extraPermissions = [...m.extraPermissions, req.permission];
          grants.set(m.id, [
            ...(grants.get(m.id) ?? []),
            { permission: req.permission, by: c.userId, reason: req.reason, time: now() },
          ]);
        }
        record(c, "MemberService/GrantPermission", "user", m.id, req.reason, undefined, {
          permission: Permission[req.permission],
        });
        return { member: memberWithCount(m) };
      },
      revokePermission(req) {
        const c = authorize(Permission.PERMISSIONS_MANAGE);
        const m = findMember(req.id);
        m.extraPermissions = m.extraPermissions.filter((p) => p !== req.permission);
        grants.set(
          m.id,
          (grants.get(m.id) ?? []).filter((g) => g.permission !== req.permission),
        );
        record(
          c,
          "MemberService/RevokePermission",
          "user",
          m.id,
          req.reason,
          { permission: Permission[req.permission] },
          undefined,
        );
        return { member: memberWithCount(m) };
      },
    });

    router.service(JobService, {
      listJobs() {
        authorize(Permission.JOBS_READ);
        const weekAgo = Date.now() - 7 * 24 * 3600e3;
        return {
          jobs: demoJobs.map((job) => {
            const runs = data.jobRuns.filter((r) => r.jobName === job.name);
            const finished = runs.filter(
              (r) =>
                r.outcome !== JobRunOutcome.RUNNING &&
                r.startTime &&
                timestampDate(r.startTime).getTime() >= weekAgo,
            );
            const succeeded = finished.filter((r) => r.outcome === JobRunOutcome.SUCCEEDED).length;
            const total = finished.reduce(
              (sum, r) => sum + (r.duration ? durationMs(r.duration) : 0),
              0,
            );
            const next = nextCronTime(job.schedule, now());
            return create(JobSchema, {
              name: job.name,
              title: job.title,
              description: job.description,
              schedule: job.schedule,
              catchUp: job.catchUp,
              nextRunTime: next ? ts(next) : undefined,
              lastRun: runs[0],
              running: runs.some((r) => r.outcome === JobRunOutcome.RUNNING),
              last7Days: {
                runs: finished.length,
                succeeded,
                failed: finished.length - succeeded,
                successRate: finished.length > 0 ? succeeded / finished.length : 0,
                averageDuration:
                  finished.length > 0
                    ? durationFromMs(Math.round(total / finished.length))
                    : undefined,
              },
            });
          }),
        };
      },
      listJobRuns(req) {
        authorize(Permission.JOBS_READ);
        const items = data.jobRuns.filter(
          (r) =>
            (!req.jobName || r.jobName === req.jobName) &&
            (req.outcome === JobRunOutcome.UNSPECIFIED || r.outcome === req.outcome),
        );
        const { slice, next } = page(items, req.pageSize, req.pageToken);
        return { jobRuns: slice, nextPageToken: next };
      },
      getJobRun(req) {
        authorize(Permission.JOBS_READ);
        const run = data.jobRuns.find((r) => r.id === req.id);
        if (!run) throw notFound("job run");
        return { jobRun: run };
      },
      getJobHistory(req) {
        authorize(Permission.JOBS_READ);
        if (!demoJobs.some((j) => j.name === req.jobName)) throw notFound("job");
        const start = timestampDate(req.startTime!).getTime();
        const end = timestampDate(req.endTime!).getTime();
        const width = end - start <= 48 * 3600e3 ? 3600e3 : 24 * 3600e3;
        const runs = data.jobRuns.filter(
          (r) => r.jobName === req.jobName && r.outcome !== JobRunOutcome.RUNNING && r.startTime,
        );
        const buckets = [];
        for (let from = start; from < end; from += width) {
          const inBucket = runs.filter((r) => {
            const t = timestampDate(r.startTime!).getTime();
            return t >= from && t < from + width;
          });
          const durations = inBucket.map((r) => (r.duration ? durationMs(r.duration) : 0));
          buckets.push(
            create(JobHistoryBucketSchema, {
              startTime: ts(new Date(from)),
              runs: inBucket.length,
              failed: inBucket.filter((r) => r.outcome !== JobRunOutcome.SUCCEEDED).length,
              averageDuration:
                durations.length > 0
                  ? durationFromMs(
                      Math.round(durations.reduce((a, b) => a + b, 0) / durations.length),
                    )
                  : undefined,
              maxDuration:
                durations.length > 0 ? durationFromMs(Math.max(...durations)) : undefined,
            }),
          );
        }
        return { bucketWidth: durationFromMs(width), buckets };
      },
      triggerJob(req) {
        const c = authorize(Permission.JOBS_TRIGGER);
        const job = demoJobs.find((j) => j.name === req.jobName);
        if (!job) throw notFound("job");
        const current = data.jobRuns.find(
          (r) => r.jobName === job.name && r.outcome === JobRunOutcome.RUNNING,
        );
        if (current) {
          const started = current.startTime
            ? timestampDate(current.startTime).toISOString().slice(0, 19).replace("T", " ")
            : "";
          throw new ConnectError(
            `${job.title} is already running (attempt ${current.attempt}, started ${started} UTC on ${current.replica}); try again when it has finished`,
            Code.FailedPrecondition,
          );
        }
        runSequence += 1;
        const started = now();
        const run: JobRun = create(JobRunSchema, {
          id: `run_${String(runSequence).padStart(6, "0")}`,
          jobName: job.name,
          trigger: JobTrigger.MANUAL,
          attempt: 1,
          startTime: ts(started),
          outcome: JobRunOutcome.RUNNING,
          triggeredById: c.userId,
          triggeredByEmail: c.email,
          replica: "leitstand-1:4107",
        });
        data.jobRuns.unshift(run);
        setTimeout(() => {
          const ended = now();
          run.endTime = ts(ended);
          run.duration = durationFromMs(ended.getTime() - started.getTime());
          run.outcome = JobRunOutcome.SUCCEEDED;
          run.summary =
            job.name === "session-cleanup"
              ? "removed 0 expired sessions, 0 expired API tokens and 0 sign-in throttles"
              : job.summary(runSequence);
        }, jobRunMs);
        record(c, "JobService/TriggerJob", "job", job.name, req.reason, undefined, {
          job_run_id: run.id,
        });
        return { jobRun: create(JobRunSchema, run) };
      },
    });

    router.service(SettingsService, {
      getSettings() {
        authorize(Permission.SETTINGS_READ);
        return { settings: data.settings, missingForInvoices: missingForInvoices(data.settings) };
      },
      updateSettings(req) {
        const c = authorize(Permission.SETTINGS_WRITE);
        const paths = req.updateMask?.paths ?? [];
        const unknown = paths.find((p) => !settingsPaths.has(p));
        if (unknown) {
          throw new ConnectError(`unknown field in update_mask: ${unknown}`, Code.InvalidArgument);
        }
        const input = req.settings!;
        if (input.bank) input.bank.iban = normalizeIban(input.bank.iban);
        if (input.tax) input.tax.vatId = input.tax.vatId.replace(/\s+/g, "").toUpperCase();
        const masked = (path: string) => paths.some((p) => p === path || path.startsWith(`${p}.`));

        const violations: { path: string[]; ruleId: string; message: string }[] = [];
        const iban = input.bank?.iban ?? "";
        if (masked("bank.iban") && iban) {
          const problem = ibanProblem(iban);
          if (problem) {
            violations.push({
              path: ["settings", "bank", "iban"],
              ruleId: "iban.valid",
              message:
                problem.kind === "length"
                  ? `an IBAN from ${problem.country} has ${problem.length} characters, this one has ${iban.length}`
                  : problem.kind === "checksum"
                    ? "the check digits do not match: a character is mistyped or two are swapped"
                    : "an IBAN starts with a country code and two check digits, followed by the account number",
            });
          }
        }
        const bic = input.bank?.bic ?? "";
        if (masked("bank.bic") && bic && !isValidBic(bic)) {
          violations.push({
            path: ["settings", "bank", "bic"],
            ruleId: "bic.format",
            message:
              "a BIC has 8 or 11 characters: bank code (4 letters), country (2 letters), location (2), branch (3, optional), e.g. COBADEFFXXX",
          });
        }
        const vatId = input.tax?.vatId ?? "";
        if (masked("tax.vat_id") && vatId) {
          const message = vatIdError(vatId);
          if (message)
            violations.push({
              path: ["settings", "tax", "vat_id"],
              ruleId: "vat_id.valid",
              message,
            });
        }
        const taxNumber = input.tax?.taxNumber.trim() ?? "";
        if (masked("tax.tax_number") && taxNumber) {
          const form = /^([0-9]{2,3}\/[0-9]{3,4}\/[0-9]{4,5}|[0-9]{10,13})$/;
          if (!form.test(taxNumber.replace(/ /g, ""))) {
            violations.push({
              path: ["settings", "tax", "tax_number"],
              ruleId: "tax_number.format",
              message:
                "a tax number looks like 143/123/45678 (as the tax office writes it) or has 10 to 13 digits (ELSTER)",
            });
          }
        }
        if (violations.length > 0) throw invalid(violations);

        // Copy the masked fields on the JSON form (lowerCamelCase names).
        const before = toJson(SettingsSchema, data.settings) as Record<string, unknown>;
        const after = structuredClone(before);
        const source = toJson(SettingsSchema, input) as Record<string, unknown>;
        for (const path of paths) {
          const keys = path.split(".").map(camelCase);
          const last = keys.pop()!;
          let target = after;
          let from: Record<string, unknown> | undefined = source;
          for (const key of keys) {
            target[key] ??= {};
            target = target[key] as Record<string, unknown>;
            from = from?.[key] as Record<string, unknown> | undefined;
          }
          if (from?.[last] === undefined) delete target[last];
          else target[last] = from[last];
        }
        data.settings = fromJson(SettingsSchema, after as JsonObject);
        data.settings.updateTime = ts();
        delete before.updateTime;
        delete after.updateTime;
        record(
          c,
          "SettingsService/UpdateSettings",
          "settings",
          "settings",
          req.reason,
          before,
          after,
        );
        return { settings: data.settings, missingForInvoices: missingForInvoices(data.settings) };
      },
    });

    router.service(RoleService, {
      listRoles() {
        authorize(Permission.MEMBERS_READ);
        return {
          roles: platformRoles.map((role) => ({
            role,
            permissions: rolePermissions(role),
            userCount: data.members.filter((m) => m.platformRole === role && !m.disabled).length,
          })),
          allPermissions: permissions,
        };
      },
    });

    infraRoutes(router, {
      data: data.infra,
      organizations: () => data.organizations,
      workspaces: () => data.workspaces,
      authorize,
      record,
    });

    router.service(AuditService, {
      listAuditEvents(req) {
        authorize(Permission.AUDIT_READ);
        const f = req.filter;
        const start = f?.startTime ? timestampDate(f.startTime).getTime() : -Infinity;
        const end = f?.endTime ? timestampDate(f.endTime).getTime() : Infinity;
        const items = audit.filter((e) => {
          const t = e.occurTime ? timestampDate(e.occurTime).getTime() : 0;
          return (
            (!f?.actorId || e.actorId === f.actorId) &&
            (!f?.targetType || e.targetType === f.targetType) &&
            (!f?.targetId || e.targetId === f.targetId) &&
            (!f?.action || e.action.toLowerCase().includes(f.action.toLowerCase())) &&
            (!f?.outcome || e.outcome === f.outcome) &&
            t >= start &&
            t < end
          );
        });
        const { slice, next } = page(items, req.pageSize, req.pageToken);
        return { auditEvents: slice, nextPageToken: next };
      },
    });
  };

  const validator = createValidator();
  const validation: Interceptor = (next) => async (req) => {
    calls.push({ method: req.method.name, request: req.message });
    if (options.latencyMs) await new Promise((r) => setTimeout(r, options.latencyMs));
    const result = validator.validate(
      req.method.input as DescMessage,
      req.message as MessageShape<DescMessage>,
    );
    if (result.kind === "invalid") {
      const [violations] = violationsToProto(result.violations);
      throw new ConnectError("invalid request", Code.InvalidArgument, undefined, [
        { desc: ViolationsSchema, value: violations },
      ]);
    }
    return next(req);
  };

  const transport = createRouterTransport(routes, { router: { interceptors: [validation] } });
  return {
    transport,
    data,
    audit,
    calls,
    endSession: () => {
      session = undefined;
    },
  };
}
