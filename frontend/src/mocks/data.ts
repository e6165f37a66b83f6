import { create } from "@bufbuild/protobuf";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { PlatformRole } from "@leitstand/sdk/leitstand/admin/v1/authz_pb.js";
import { MemberSchema, type Member } from "@leitstand/sdk/leitstand/admin/v1/member_service_pb.js";
import {
  OrganizationRole,
  OrganizationSchema,
  OrganizationStatus,
  WorkspaceSchema,
  type Organization,
  type Workspace,
} from "@leitstand/sdk/leitstand/admin/v1/organization_service_pb.js";

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
  return { organizations, workspaces, members, memberships, passwords };
}
