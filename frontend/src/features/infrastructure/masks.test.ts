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
  token: "",
  username: "",
  password: "",
};

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
});
