import { describe, expect, it } from "vitest";
import {
  connectionChangedPaths,
  type ConnectionFormValues,
} from "./components/ConnectionFormModal";
import { serverChangedPaths, type ServerFormValues } from "./components/ServerFormModal";

const server: ServerFormValues = {
  name: "web-fsn1-01",
  provider: "1",
  kind: "2",
  location: "fsn1",
  ipAddress: "10.10.1.21",
  cores: 8,
  memoryGib: 32,
  diskGib: 200,
  parentId: "srv_0001",
  notes: "",
};

const connection: ConnectionFormValues = {
  name: "Proxmox Falkenstein",
  kind: "1",
  endpoint: "https://pve:8006",
  insecure: true,
  monitoringOnly: false,
  token: "",
  username: "",
  password: "",
  tlsCaCertificate: "",
  tlsClientCertificate: "",
  tlsClientKey: "",
};

const docker: ConnectionFormValues = {
  ...connection,
  name: "Docker web-fsn1-01",
  kind: "4",
  endpoint: "https://10.10.1.21:2376",
  insecure: false,
};

const pem = (kind: string) => `-----BEGIN ${kind}-----\nMIIB\n-----END ${kind}-----\n`;

describe("serverChangedPaths", () => {
  it("names exactly the fields that changed, specs one by one", () => {
    expect(serverChangedPaths(server, server)).toEqual([]);
    expect(serverChangedPaths(server, { ...server, memoryGib: 64, notes: "x" })).toEqual([
      "specs.memory_bytes",
      "notes",
    ]);
    expect(
      serverChangedPaths(server, { ...server, parentId: "", ipAddress: "10.10.1.22" }),
    ).toEqual(["ip_address", "parent_id"]);
  });
  it("ignores what only looks different", () => {
    expect(serverChangedPaths(server, { ...server, name: " web-fsn1-01 ", cores: "8" })).toEqual(
      [],
    );
    expect(serverChangedPaths({ ...server, diskGib: "" }, { ...server, diskGib: 0 })).toEqual([]);
  });
});

describe("connectionChangedPaths", () => {
  it("replaces the credentials only when new ones were typed", () => {
    expect(connectionChangedPaths(connection, connection)).toEqual([]);
    expect(connectionChangedPaths(connection, { ...connection, name: "PVE" })).toEqual(["name"]);
    expect(
      connectionChangedPaths(connection, { ...connection, insecure: false, token: "t" }),
    ).toEqual(["insecure_skip_verify", "credentials"]);
    expect(connectionChangedPaths(connection, { ...connection, password: "p" })).toEqual([
      "credentials",
    ]);
  });
  it("names monitoring_only when it was switched, either way", () => {
    expect(connectionChangedPaths(connection, { ...connection, monitoringOnly: true })).toEqual([
      "monitoring_only",
    ]);
    const monitoring = { ...connection, monitoringOnly: true };
    expect(connectionChangedPaths(monitoring, { ...monitoring, monitoringOnly: false })).toEqual([
      "monitoring_only",
    ]);
    expect(
      connectionChangedPaths(connection, { ...connection, monitoringOnly: true, token: "t" }),
    ).toEqual(["monitoring_only", "credentials"]);
  });
  it("counts a TLS certificate or key alone as new credentials", () => {
    expect(connectionChangedPaths(docker, { ...docker, tlsClientKey: pem("PRIVATE KEY") })).toEqual(
      ["credentials"],
    );
    expect(
      connectionChangedPaths(docker, { ...docker, tlsCaCertificate: pem("CERTIFICATE") }),
    ).toEqual(["credentials"]);
    expect(
      connectionChangedPaths(docker, {
        ...docker,
        monitoringOnly: true,
        tlsClientCertificate: pem("CERTIFICATE"),
        tlsClientKey: pem("PRIVATE KEY"),
      }),
    ).toEqual(["monitoring_only", "credentials"]);
    // Blank lines pasted are no certificate.
    expect(connectionChangedPaths(docker, { ...docker, tlsCaCertificate: "\n  \n" })).toEqual([]);
  });
});
