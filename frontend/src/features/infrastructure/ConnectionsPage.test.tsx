import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import {
  ConnectionHealth,
  ConnectionService,
  type Connection,
} from "@leitstand/sdk/leitstand/admin/v1/connection_service_pb.js";
import { ProviderKind } from "@leitstand/sdk/leitstand/admin/v1/infrastructure_pb.js";
import { ServerKind, ServerService } from "@leitstand/sdk/leitstand/admin/v1/server_service_pb.js";
import {
  aConnection,
  aDatasource,
  aDeveloper,
  ago,
  anOwner,
  aServer,
  day,
  minute,
} from "@/test/builders";
import {
  answer,
  answerWith,
  cannedApi,
  invalid,
  refused,
  signedIn,
  type Canned,
} from "@/test/canned";
import { renderApp } from "@/test/render";

const connectionsTable = () => screen.getByRole("table", { name: "Connections" });
const connectionsLoaded = async () =>
  within(await screen.findByRole("table", { name: "Connections" })).findByRole("link", {
    name: "Proxmox Falkenstein",
  });
const rowOf = (name: string) =>
  within(connectionsTable())
    .getAllByRole("row")
    .find((row) => within(row).queryByRole("link", { name })) as HTMLElement;
const stepState = (step: string) => screen.getByTestId(`step-${step}`).getAttribute("data-state");
const pem = (kind: string, body = "MIIBszCCAVmgAwIBAgIUQ") =>
  `-----BEGIN ${kind}-----\n${body}\n-----END ${kind}-----\n`;
/** The hidden file input behind a PEM field's "Load file…" button. */
const fileInput = (dialog: HTMLElement, field: string) =>
  dialog.querySelector(`input[type="file"][name="${field}"]`) as HTMLInputElement;

async function chooseKind(
  user: ReturnType<typeof userEvent.setup>,
  dialog: HTMLElement,
  kind: string,
) {
  await user.click(within(dialog).getByLabelText("Provider", { selector: "input" }));
  await user.click(await screen.findByRole("option", { name: kind }));
}

async function openAction(
  user: ReturnType<typeof userEvent.setup>,
  connection: string,
  action: string,
  actions = "Actions",
) {
  await user.click(screen.getByRole("button", { name: `${actions}: ${connection}` }));
  await user.click(await screen.findByRole("menuitem", { name: action }));
}

async function openNew(user: ReturnType<typeof userEvent.setup>) {
  await user.click(screen.getByRole("button", { name: "New connection" }));
  return screen.findByRole("dialog", { name: "New connection" });
}

const pveFsn = aConnection();
const pveNbg = aConnection({
  id: "conn_pve_nbg",
  name: "Proxmox Nürnberg",
  endpoint: "https://pve-nbg1-01.infra.example.net:8006",
  monitoringOnly: true,
});
const hetzner = aConnection({
  id: "conn_hetzner",
  name: "Hetzner Cloud",
  kind: ProviderKind.HETZNER,
  endpoint: "",
  datasourceCount: 11,
});
const beszel = aConnection({
  id: "conn_beszel",
  name: "Beszel Hub",
  kind: ProviderKind.BESZEL,
  endpoint: "https://beszel.infra.example.net",
  credentialsSet: ["username", "password"],
  datasourceCount: 9,
});
const dockerWeb = aConnection({
  id: "conn_docker_web",
  name: "Docker web-fsn1-01",
  kind: ProviderKind.DOCKER,
  endpoint: "tcp://10.10.1.21:2375",
  credentialsSet: [],
});
const dockerLegacy = aConnection({
  id: "conn_docker_legacy",
  name: "Docker legacy-nbg1-01",
  kind: ProviderKind.DOCKER,
  endpoint: "https://10.20.3.5:2376",
  credentialsSet: ["tls_ca_certificate", "tls_client_certificate", "tls_client_key"],
  health: ConnectionHealth.FAILING,
  healthMessage: "dial tcp 10.20.3.5:2376: connect: connection refused",
  consecutiveFailures: 6,
  lastSyncTime: ago(90 * minute),
});
const all = [pveFsn, pveNbg, hetzner, beszel, dockerWeb, dockerLegacy];

/** The connections page with the server's answers: the list in turn, and what else is given. */
function connectionsApi(lists: Connection[][] = [all], ...more: Canned[]) {
  const [first, ...later] = lists;
  return cannedApi(
    signedIn(anOwner()),
    answer(
      ConnectionService.method.listConnections,
      { connections: first! },
      ...later.map((connections) => ({ connections })),
    ),
    ...more,
  );
}

const testedOk = {
  ok: true,
  reachable: true,
  authenticated: true,
  authorized: true,
  message: "Proxmox VE answered; the token may read nodes, VMs and LXC guests.",
  providerVersion: "pve-manager/8.3.2",
  latencyMs: 42n,
};

describe("connections", () => {
  it("lists connections with health, last sync and which credentials are set", async () => {
    renderApp("/connections", connectionsApi());
    await connectionsLoaded();
    expect(screen.getByText("6 connections, 1 failing")).toBeInTheDocument();
    const proxmox = rowOf("Proxmox Falkenstein");
    expect(proxmox).toHaveTextContent("https://pve-fsn1-01.infra.example.net:8006");
    expect(proxmox).toHaveTextContent("Healthy");
    expect(proxmox).toHaveTextContent("token set");
    expect(proxmox).toHaveTextContent("took 840 ms");
    const legacy = rowOf("Docker legacy-nbg1-01");
    expect(legacy).toHaveTextContent("Failing");
    expect(legacy).toHaveTextContent("6 failures in a row");
    expect(within(legacy).getByTestId("health-message")).toHaveTextContent("connection refused");
    expect(rowOf("Hetzner Cloud")).toHaveTextContent("Hetzner's public API");
    expect(rowOf("Beszel Hub")).toHaveTextContent("user set");
    expect(rowOf("Docker web-fsn1-01")).not.toHaveTextContent("set");
  });

  it("shows the server's field errors at the field of a new connection", async () => {
    const api = connectionsApi(
      [all],
      answer(
        ConnectionService.method.createConnection,
        invalid([
          {
            path: ["settings", "endpoint"],
            ruleId: "endpoint.scheme",
            message: "a proxmox endpoint starts with https:// or http://",
          },
        ]),
        invalid([
          {
            path: ["settings", "credentials", "token"],
            ruleId: "connection.token",
            message: "token is required for Proxmox (user@realm!tokenid=secret)",
          },
        ]),
      ),
    );
    renderApp("/connections", api);
    await connectionsLoaded();
    const user = userEvent.setup();
    const dialog = await openNew(user);
    await user.type(within(dialog).getByLabelText(/^Name/), "Proxmox Helsinki");
    const endpoint = within(dialog).getByLabelText(/^Endpoint/);
    await user.type(endpoint, "ftp://pve.hel1.example.net");
    await user.click(within(dialog).getByRole("button", { name: "Create" }));
    expect(
      await within(dialog).findByText("a proxmox endpoint starts with https:// or http://"),
    ).toBeInTheDocument();
    expect(endpoint).toHaveAttribute("aria-invalid", "true");

    await user.clear(endpoint);
    await user.type(endpoint, "https://pve.hel1.example.net:8006");
    await user.click(within(dialog).getByRole("button", { name: "Create" }));
    const token = within(dialog).getByLabelText(/^API token/);
    expect(
      await within(dialog).findByText("token is required for Proxmox (user@realm!tokenid=secret)"),
    ).toBeInTheDocument();
    expect(token).toHaveAttribute("aria-invalid", "true");
    expect(
      api.requests(ConnectionService.method.createConnection).map((r) => r.settings?.endpoint),
    ).toEqual(["ftp://pve.hel1.example.net", "https://pve.hel1.example.net:8006"]);
  });

  it("asks for each kind's own fields, with help", async () => {
    renderApp("/connections", connectionsApi());
    await connectionsLoaded();
    const user = userEvent.setup();
    const dialog = await openNew(user);
    expect(within(dialog).getByText(/The token needs the role PVEAuditor/)).toBeInTheDocument();
    expect(within(dialog).getByLabelText("Accept a self-signed certificate")).toBeInTheDocument();

    await chooseKind(user, dialog, "Beszel");
    expect(within(dialog).getByLabelText(/^E-mail address/)).toBeInTheDocument();
    expect(within(dialog).getByLabelText(/^Password/)).toBeInTheDocument();
    expect(within(dialog).queryByLabelText(/^API token/)).not.toBeInTheDocument();

    await chooseKind(user, dialog, "Hetzner");
    expect(within(dialog).getByText("Leave empty for Hetzner's public API.")).toBeInTheDocument();
    expect(
      within(dialog).queryByLabelText("Accept a self-signed certificate"),
    ).not.toBeInTheDocument();

    await chooseKind(user, dialog, "Docker");
    expect(within(dialog).getByPlaceholderText("tcp://host:2375")).toBeInTheDocument();
    expect(within(dialog).queryByText("Credentials")).not.toBeInTheDocument();
  });

  it("offers a TLS client certificate only for Docker, and monitoring only for Proxmox and Docker", async () => {
    renderApp("/connections", connectionsApi());
    await connectionsLoaded();
    const user = userEvent.setup();
    const dialog = await openNew(user);
    const tls = () => within(dialog).queryByLabelText("Client certificate");
    const monitoringOnly = () => within(dialog).queryByLabelText("Monitoring only");

    // Proxmox first.
    expect(monitoringOnly()).toBeInTheDocument();
    expect(within(dialog).getByText(/a read-only token with the role PVEAuditor/)).toBeVisible();
    expect(tls()).not.toBeInTheDocument();

    for (const kind of ["Hetzner", "Beszel"]) {
      await chooseKind(user, dialog, kind);
      expect(monitoringOnly(), kind).not.toBeInTheDocument();
      expect(tls(), kind).not.toBeInTheDocument();
    }

    await chooseKind(user, dialog, "Docker");
    expect(monitoringOnly()).toBeInTheDocument();
    expect(within(dialog).getByText("TLS client certificate (optional)")).toBeInTheDocument();
    expect(
      within(dialog).getByText(/run with --tlsverify, reached at https:\/\/host:2376/),
    ).toBeInTheDocument();
    for (const [label, file] of [
      ["CA certificate", "ca.pem"],
      ["Client certificate", "cert.pem"],
      ["Client key", "key.pem"],
    ] as const) {
      const field = within(dialog).getByLabelText(label);
      expect(field.tagName).toBe("TEXTAREA");
      expect(field).toHaveAccessibleDescription(new RegExp(`^${file}: `));
      expect(within(dialog).getByRole("button", { name: `Load ${file}…` })).toBeInTheDocument();
    }
  });

  it("creates a monitoring-only Docker connection with a TLS client certificate", async () => {
    const created = aConnection({
      id: "conn_new",
      name: "Docker db-fsn1-01",
      kind: ProviderKind.DOCKER,
      endpoint: "https://10.10.1.31:2376",
      monitoringOnly: true,
      credentialsSet: ["tls_ca_certificate", "tls_client_certificate", "tls_client_key"],
      health: ConnectionHealth.UNKNOWN,
    });
    const api = connectionsApi(
      [all],
      answer(ConnectionService.method.createConnection, { connection: created }),
      answer(ConnectionService.method.getConnection, { connection: created }),
    );
    const { history } = renderApp("/connections", api);
    await connectionsLoaded();
    const user = userEvent.setup();
    const dialog = await openNew(user);
    await user.type(within(dialog).getByLabelText(/^Name/), "Docker db-fsn1-01");
    // Chosen for Proxmox, then left behind by a kind without it: not sent.
    await user.click(within(dialog).getByLabelText("Monitoring only"));
    await chooseKind(user, dialog, "Beszel");
    await chooseKind(user, dialog, "Docker");
    expect(within(dialog).getByLabelText("Monitoring only")).toBeChecked();
    await user.type(within(dialog).getByLabelText(/^Endpoint/), "https://10.10.1.31:2376");

    // Pasted, loaded from the file, and typed.
    await user.click(within(dialog).getByLabelText("CA certificate"));
    await user.paste(pem("CERTIFICATE", "CA"));
    await user.upload(
      fileInput(dialog, "tlsClientCertificate"),
      new File([pem("CERTIFICATE", "CLIENT")], "cert.pem", { type: "application/x-pem-file" }),
    );
    await waitFor(() =>
      expect(within(dialog).getByLabelText("Client certificate")).toHaveValue(
        pem("CERTIFICATE", "CLIENT"),
      ),
    );
    await user.click(within(dialog).getByLabelText("Client key"));
    await user.paste(pem("PRIVATE KEY", "KEY"));
    await user.click(within(dialog).getByRole("button", { name: "Create" }));

    await waitFor(() => expect(history.location.pathname).toBe("/connections/conn_new"));
    expect(api.requests(ConnectionService.method.createConnection)[0]?.settings).toMatchObject({
      name: "Docker db-fsn1-01",
      kind: ProviderKind.DOCKER,
      endpoint: "https://10.10.1.31:2376",
      monitoringOnly: true,
      credentials: {
        token: "",
        username: "",
        password: "",
        // Trailing newlines are not part of the PEM text sent.
        tlsCaCertificate: pem("CERTIFICATE", "CA").trim(),
        tlsClientCertificate: pem("CERTIFICATE", "CLIENT").trim(),
        tlsClientKey: pem("PRIVATE KEY", "KEY").trim(),
      },
    });
    // The new connection's page.
    expect(await screen.findByRole("heading", { name: "Docker db-fsn1-01" })).toBeInTheDocument();
    expect(screen.getByTestId("monitoring-only")).toHaveTextContent("Yes");
    for (const badge of ["CA certificate set", "client certificate set", "client key set"]) {
      expect(screen.getByText(badge)).toBeInTheDocument();
    }
  });

  it("shows the server's field error on the client key at the field", async () => {
    const api = connectionsApi(
      [all],
      answer(
        ConnectionService.method.createConnection,
        invalid([
          {
            path: ["settings", "credentials", "tls_client_key"],
            ruleId: "string.max_len",
            message: "value length must be at most 20000 characters",
          },
        ]),
      ),
    );
    renderApp("/connections", api);
    await connectionsLoaded();
    const user = userEvent.setup();
    const dialog = await openNew(user);
    await user.type(within(dialog).getByLabelText(/^Name/), "Docker db-fsn1-01");
    await chooseKind(user, dialog, "Docker");
    await user.type(within(dialog).getByLabelText(/^Endpoint/), "https://10.10.1.31:2376");
    await user.upload(
      fileInput(dialog, "tlsClientKey"),
      new File([pem("PRIVATE KEY", "A".repeat(2_001))], "key.pem"),
    );
    await user.click(within(dialog).getByRole("button", { name: "Create" }));
    const key = within(dialog).getByLabelText("Client key");
    expect(
      await within(dialog).findByText("Must be at most 20000 characters long."),
    ).toBeInTheDocument();
    expect(key).toHaveAttribute("aria-invalid", "true");
    expect(within(dialog).queryByRole("alert")).not.toBeInTheDocument();
  });

  it("tests unsaved settings and shows the result step by step", async () => {
    const api = connectionsApi(
      [all],
      answerWith(ConnectionService.method.testConnection, (request) =>
        request.target.case === "settings" &&
        request.target.value.credentials?.token.endsWith("wrong")
          ? {
              ok: false,
              reachable: true,
              message:
                "The provider refused the token (401 Unauthorized). Check that it is complete and not expired.",
              providerVersion: "pve-manager/8.3.2",
              latencyMs: 38n,
            }
          : testedOk,
      ),
    );
    renderApp("/connections", api);
    await connectionsLoaded();
    const user = userEvent.setup();
    const dialog = await openNew(user);
    await user.type(within(dialog).getByLabelText(/^Name/), "Proxmox Helsinki");
    await user.type(
      within(dialog).getByLabelText(/^Endpoint/),
      "https://pve.hel1.example.net:8006",
    );
    const token = within(dialog).getByLabelText(/^API token/);
    await user.type(token, "leitstand@pve!sync=wrong");
    await user.click(within(dialog).getByRole("button", { name: "Test" }));

    const result = await within(dialog).findByTestId("test-result");
    expect(result).toHaveAttribute("data-ok", "false");
    expect(result).toHaveTextContent("The connection does not work");
    expect(result).toHaveTextContent("The provider refused the token (401 Unauthorized)");
    // A step after a failed one was not tried.
    expect(stepState("Reachable")).toBe("passed");
    expect(stepState("Authenticated")).toBe("failed");
    expect(stepState("Authorized")).toBe("skipped");
    expect(result).toHaveTextContent("Version: pve-manager/8.3.2");
    const request = api.lastRequest(ConnectionService.method.testConnection)!;
    expect(request.target.case).toBe("settings");
    expect(request.target.value).toMatchObject({
      name: "Proxmox Helsinki",
      endpoint: "https://pve.hel1.example.net:8006",
      credentials: { token: "leitstand@pve!sync=wrong" },
    });
    // A test stores nothing.
    expect(api.calls()).not.toContain("ConnectionService/CreateConnection");

    // Changing the settings clears the result; a good token passes.
    await user.clear(token);
    await user.type(token, "leitstand@pve!sync=8c1f");
    expect(within(dialog).queryByTestId("test-result")).not.toBeInTheDocument();
    await user.click(within(dialog).getByRole("button", { name: "Test" }));
    expect(await within(dialog).findByTestId("test-result")).toHaveAttribute("data-ok", "true");
    expect(stepState("Reachable")).toBe("passed");
    expect(stepState("Authenticated")).toBe("passed");
    expect(stepState("Authorized")).toBe("passed");
    expect(within(dialog).getByText(/^Took:/).parentElement).toHaveTextContent("42 ms");
  });

  it("edits a connection and replaces credentials only when new ones are typed", async () => {
    const renamed = aConnection({ ...pveFsn, name: "Proxmox FSN" });
    const api = connectionsApi(
      [all, [renamed, ...all.slice(1)]],
      answer(ConnectionService.method.updateConnection, { connection: renamed }),
    );
    renderApp("/connections", api);
    await connectionsLoaded();
    const user = userEvent.setup();
    await openAction(user, "Proxmox Falkenstein", "Edit");
    let dialog = await screen.findByRole("dialog", { name: "Edit Proxmox Falkenstein" });
    const token = within(dialog).getByLabelText(/^API token/);
    expect(token).toHaveValue("");
    expect(token).toHaveAttribute("placeholder", "Token set: type a new one to replace it");
    expect(within(dialog).getByLabelText("Provider", { selector: "input" })).toBeDisabled();
    const name = within(dialog).getByLabelText(/^Name/);
    await user.clear(name);
    await user.type(name, "Proxmox FSN");
    await user.click(within(dialog).getByRole("button", { name: "Save changes" }));
    const lastUpdate = () => api.lastRequest(ConnectionService.method.updateConnection);
    await waitFor(() => expect(lastUpdate()?.updateMask?.paths).toEqual(["name"]));
    expect(lastUpdate()?.id).toBe("conn_pve_fsn");
    expect(
      await within(connectionsTable()).findByRole("link", { name: "Proxmox FSN" }),
    ).toBeInTheDocument();

    await openAction(user, "Proxmox FSN", "Edit");
    dialog = await screen.findByRole("dialog", { name: "Edit Proxmox FSN" });
    await user.click(within(dialog).getByLabelText("Accept a self-signed certificate"));
    await user.type(within(dialog).getByLabelText(/^API token/), "leitstand@pve!sync2=new");
    await user.click(within(dialog).getByRole("button", { name: "Save changes" }));
    await waitFor(() =>
      expect(lastUpdate()?.updateMask?.paths).toEqual(["insecure_skip_verify", "credentials"]),
    );
    expect(lastUpdate()?.settings?.credentials?.token).toBe("leitstand@pve!sync2=new");
    expect(lastUpdate()?.settings?.insecureSkipVerify).toBe(true);
  });

  it("switches a Proxmox connection to monitoring only and shows it on its page", async () => {
    const monitoring = aConnection({ ...pveFsn, monitoringOnly: true });
    const api = connectionsApi(
      [all, [monitoring, ...all.slice(1)]],
      answer(ConnectionService.method.updateConnection, { connection: monitoring }),
      answer(ConnectionService.method.getConnection, { connection: monitoring }),
    );
    const { history } = renderApp("/connections", api);
    await connectionsLoaded();
    const user = userEvent.setup();
    await openAction(user, "Proxmox Falkenstein", "Edit");
    const dialog = await screen.findByRole("dialog", { name: "Edit Proxmox Falkenstein" });
    const monitoringOnly = within(dialog).getByLabelText("Monitoring only");
    expect(monitoringOnly).not.toBeChecked();
    await user.click(monitoringOnly);
    // The stored token was tested without it: a test needs the token again.
    await user.click(within(dialog).getByRole("button", { name: "Test" }));
    expect(
      await within(dialog).findByText(/To test changed settings, enter the credentials again/),
    ).toBeInTheDocument();
    expect(api.requests(ConnectionService.method.testConnection)).toHaveLength(0);

    await user.click(within(dialog).getByRole("button", { name: "Save changes" }));
    const lastUpdate = () => api.lastRequest(ConnectionService.method.updateConnection);
    await waitFor(() => expect(lastUpdate()?.updateMask?.paths).toEqual(["monitoring_only"]));
    expect(lastUpdate()?.settings?.monitoringOnly).toBe(true);
    await waitFor(() => expect(dialog).not.toBeInTheDocument());

    await user.click(within(connectionsTable()).getByRole("link", { name: "Proxmox Falkenstein" }));
    await waitFor(() => expect(history.location.pathname).toBe("/connections/conn_pve_fsn"));
    expect(await screen.findByTestId("monitoring-only")).toHaveTextContent("Yes");
  });

  it("keeps a Docker connection's TLS files unless new ones are given, and says which go", async () => {
    const api = connectionsApi(
      [all],
      answer(ConnectionService.method.updateConnection, { connection: dockerLegacy }),
    );
    renderApp("/connections", api);
    await connectionsLoaded();
    const user = userEvent.setup();
    await openAction(user, "Docker legacy-nbg1-01", "Edit");
    const dialog = await screen.findByRole("dialog", { name: "Edit Docker legacy-nbg1-01" });
    expect(within(dialog).getByLabelText("CA certificate")).toHaveAttribute(
      "placeholder",
      "CA certificate set: paste a new one to replace it",
    );
    expect(within(dialog).getByLabelText("Client certificate")).toHaveAttribute(
      "placeholder",
      "Client certificate set: paste a new one to replace it",
    );
    expect(within(dialog).getByLabelText("Client key")).toHaveAttribute(
      "placeholder",
      "Client key set: paste a new one to replace it",
    );
    expect(within(dialog).getByTestId("credentials-hint")).toHaveTextContent(
      "those you leave empty are removed",
    );
    expect(within(dialog).queryByTestId("credentials-dropped")).not.toBeInTheDocument();

    // A renewed client certificate and key, with the CA left empty.
    await user.click(within(dialog).getByLabelText("Client certificate"));
    await user.paste(pem("CERTIFICATE", "RENEWED"));
    await user.click(within(dialog).getByLabelText("Client key"));
    await user.paste(pem("PRIVATE KEY", "RENEWED"));
    expect(within(dialog).getByTestId("credentials-dropped")).toHaveTextContent(
      "Saving removes what you left empty: CA certificate.",
    );
    await user.click(within(dialog).getByRole("button", { name: "Save changes" }));
    const lastUpdate = () => api.lastRequest(ConnectionService.method.updateConnection);
    await waitFor(() => expect(lastUpdate()?.updateMask?.paths).toEqual(["credentials"]));
    expect(lastUpdate()?.settings?.credentials).toMatchObject({
      tlsCaCertificate: "",
      tlsClientCertificate: pem("CERTIFICATE", "RENEWED").trim(),
      tlsClientKey: pem("PRIVATE KEY", "RENEWED").trim(),
    });
  });

  it("tests a stored connection when its settings are unchanged, and asks for credentials otherwise", async () => {
    const api = connectionsApi(
      [all],
      answer(ConnectionService.method.testConnection, { ...testedOk, connection: pveFsn }),
    );
    renderApp("/connections", api);
    await connectionsLoaded();
    const user = userEvent.setup();
    await openAction(user, "Proxmox Falkenstein", "Edit");
    const dialog = await screen.findByRole("dialog", { name: "Edit Proxmox Falkenstein" });
    await user.click(within(dialog).getByRole("button", { name: "Test" }));
    expect(await within(dialog).findByTestId("test-result")).toHaveAttribute("data-ok", "true");
    expect(api.lastRequest(ConnectionService.method.testConnection)?.target).toEqual({
      case: "connectionId",
      value: "conn_pve_fsn",
    });

    const endpoint = within(dialog).getByLabelText(/^Endpoint/);
    await user.clear(endpoint);
    await user.type(endpoint, "https://pve-fsn1-02.infra.example.net:8006");
    await user.click(within(dialog).getByRole("button", { name: "Test" }));
    expect(
      await within(dialog).findByText(/To test changed settings, enter the credentials again/),
    ).toBeInTheDocument();
    expect(api.requests(ConnectionService.method.testConnection)).toHaveLength(1);
  });

  it("tests a connection from its row and shows the failure; the list follows", async () => {
    const recovered = aConnection({
      ...dockerLegacy,
      health: ConnectionHealth.HEALTHY,
      healthMessage: "",
      consecutiveFailures: 0,
    });
    const api = connectionsApi(
      [all, [...all.slice(0, 5), recovered]],
      answerWith(ConnectionService.method.testConnection, (request) =>
        request.target.value === "conn_docker_legacy"
          ? {
              ok: false,
              message: "dial tcp 10.20.3.5:2376: connect: connection refused",
              latencyMs: 3000n,
            }
          : {
              ...testedOk,
              message:
                "Hetzner Cloud answered; the token may read and control the project's servers.",
              providerVersion: "",
              // The stored connection's new health comes with it.
              connection: recovered,
            },
      ),
    );
    renderApp("/connections", api);
    await connectionsLoaded();
    const user = userEvent.setup();
    await openAction(user, "Docker legacy-nbg1-01", "Test");
    const dialog = await screen.findByRole("dialog", { name: "Test Docker legacy-nbg1-01" });
    const result = await within(dialog).findByTestId("test-result");
    expect(result).toHaveTextContent("dial tcp 10.20.3.5:2376: connect: connection refused");
    expect(stepState("Reachable")).toBe("failed");
    expect(stepState("Authenticated")).toBe("skipped");
    await user.click(within(dialog).getByRole("button", { name: "Close" }));

    await openAction(user, "Hetzner Cloud", "Test");
    const ok = await screen.findByRole("dialog", { name: "Test Hetzner Cloud" });
    expect(await within(ok).findByTestId("test-result")).toHaveAttribute("data-ok", "true");
    expect(within(ok).getByTestId("test-message")).toHaveTextContent(
      "Hetzner Cloud answered; the token may read and control the project's servers.",
    );
    expect(api.lastRequest(ConnectionService.method.testConnection)?.target).toEqual({
      case: "connectionId",
      value: "conn_hetzner",
    });
    // A test of a stored connection changes its health: the list is asked again.
    // The header no longer counts a failing one; the list's count stays.
    await waitFor(() => expect(screen.getAllByText("6 connections")).toHaveLength(2));
  });

  it("words a test's result in German by its code and quotes the provider's words", async () => {
    const api = connectionsApi(
      [all, all],
      answerWith(ConnectionService.method.testConnection, (request) =>
        request.target.value === "conn_docker_legacy"
          ? {
              ok: false,
              code: "unreachable",
              message: "dial tcp 10.20.3.5:2376: connect: connection refused",
              latencyMs: 3000n,
            }
          : {
              ...testedOk,
              code: "connected",
              // Only what the code says: nothing to quote.
              message:
                "Connected: the provider answered, accepted the credentials and allows reading everything Leitstand needs.",
            },
      ),
    );
    renderApp("/connections", api, "de");
    await within(await screen.findByRole("table", { name: "Verbindungen" })).findByRole("link", {
      name: "Proxmox Falkenstein",
    });
    const user = userEvent.setup();
    await openAction(user, "Docker legacy-nbg1-01", "Testen", "Aktionen");
    const dialog = await screen.findByRole("dialog", { name: "Docker legacy-nbg1-01 testen" });
    const failed = await within(dialog).findByTestId("test-message");
    expect(failed).toHaveTextContent("Der Endpunkt hat nicht geantwortet.");
    // The provider's answer is quoted as it came, and said to be so.
    expect(
      within(failed).getByText("dial tcp 10.20.3.5:2376: connect: connection refused"),
    ).toHaveAttribute("lang", "en");
    expect(failed).toHaveTextContent("Servermeldung (englisch):");
    await user.click(within(dialog).getByRole("button", { name: "Schließen" }));

    await openAction(user, "Hetzner Cloud", "Testen", "Aktionen");
    const ok = await screen.findByRole("dialog", { name: "Hetzner Cloud testen" });
    const passed = await within(ok).findByTestId("test-message");
    expect(passed).toHaveTextContent(/^Verbunden: Der Anbieter hat geantwortet/);
    expect(passed).not.toHaveTextContent("Connected");
    expect(within(ok).queryByText("Servermeldung (englisch):")).toBeNull();
  });

  it("says why the server refuses to delete a connection with linked servers", async () => {
    const api = connectionsApi(
      [all],
      answer(
        ConnectionService.method.deleteConnection,
        refused(
          '11 server(s) are linked to connection "Hetzner Cloud"; unlink them (delete their datasources) first',
        ),
      ),
    );
    renderApp("/connections", api);
    await connectionsLoaded();
    const user = userEvent.setup();
    await openAction(user, "Hetzner Cloud", "Delete");
    const dialog = await screen.findByRole("dialog", {
      name: "Delete the connection Hetzner Cloud?",
    });
    await user.click(within(dialog).getByRole("button", { name: "Delete" }));
    expect(await within(dialog).findByRole("alert")).toHaveTextContent(
      '11 server(s) are linked to connection "Hetzner Cloud"; unlink them (delete their datasources) first',
    );
    expect(api.requests(ConnectionService.method.deleteConnection)).toMatchObject([
      { id: "conn_hetzner" },
    ]);
  });

  it("shows a developer the connections without actions", async () => {
    const api = cannedApi(
      signedIn(aDeveloper()),
      answer(ConnectionService.method.listConnections, { connections: all }),
    );
    renderApp("/connections", api);
    await connectionsLoaded();
    expect(screen.queryByRole("button", { name: "New connection" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /^Actions:/ })).not.toBeInTheDocument();
  });
});

describe("connection detail", () => {
  const detail = (connection: Connection, ...more: Canned[]) =>
    cannedApi(
      signedIn(anOwner()),
      answer(ConnectionService.method.getConnection, { connection }),
      ...more,
    );

  it("says whether the connection only monitors, and which TLS files are stored", async () => {
    const api = detail(dockerLegacy);
    renderApp("/connections/conn_docker_legacy", api);
    expect(
      await screen.findByRole("heading", { name: "Docker legacy-nbg1-01" }),
    ).toBeInTheDocument();
    expect(api.lastRequest(ConnectionService.method.getConnection)?.id).toBe("conn_docker_legacy");
    expect(screen.getByTestId("monitoring-only")).toHaveTextContent("No");
    for (const badge of ["CA certificate set", "client certificate set", "client key set"]) {
      expect(screen.getByText(badge)).toBeInTheDocument();
    }
  });

  it("shows a monitoring-only connection as such", async () => {
    renderApp("/connections/conn_pve_nbg", detail(pveNbg));
    expect(await screen.findByRole("heading", { name: "Proxmox Nürnberg" })).toBeInTheDocument();
    expect(screen.getByTestId("monitoring-only")).toHaveTextContent("Yes");
    expect(screen.getByText("token set")).toBeInTheDocument();
  });

  it("lists the linked servers with the provider's ids", async () => {
    const linked = (name: string, externalId: string, missingSince?: number) =>
      aDatasource({
        id: `ds_${name}`,
        serverId: `srv_${name}`,
        serverName: name,
        connectionId: "conn_beszel",
        connectionName: "Beszel Hub",
        kind: ProviderKind.BESZEL,
        externalId,
        missingSinceTime: missingSince === undefined ? undefined : ago(missingSince),
      });
    const api = cannedApi(
      signedIn(anOwner()),
      answer(ConnectionService.method.getConnection, {
        connection: beszel,
        datasources: [
          linked("web-fsn1-01", "a1b2c3d4e5f6"),
          linked("staging-fsn1-01", "e4r5t6y7u8i9", 2 * day),
        ],
      }),
    );
    renderApp("/connections/conn_beszel", api);
    expect(await screen.findByRole("heading", { name: "Beszel Hub" })).toBeInTheDocument();
    expect(screen.getByRole("heading", { name: "Linked servers (2)" })).toBeInTheDocument();
    const table = screen.getByRole("table", { name: "Datasources" });
    const staging = within(table)
      .getAllByRole("row")
      .find((row) => within(row).queryByRole("link", { name: "staging-fsn1-01" })) as HTMLElement;
    expect(staging).toHaveTextContent("e4r5t6y7u8i9");
    // Missing since two days.
    expect(staging).toHaveTextContent("2 days ago");
    expect(screen.getByRole("button", { name: "Import servers" })).toBeInTheDocument();
  });
});

describe("import servers", () => {
  it("imports the machines chosen in one step and links to the servers", async () => {
    const gitlab = aServer({ id: "srv_0034", name: "gitlab-fsn1-01", kind: ServerKind.CLOUD });
    const imported = aServer({ id: "srv_n1", name: "api-fsn1-04", kind: ServerKind.CLOUD });
    const api = connectionsApi(
      [all],
      answer(ConnectionService.method.discoverServers, {
        seen: 14,
        servers: [
          { externalId: "48213371", name: "api-fsn1-04", kind: ServerKind.CLOUD, location: "fsn1" },
          { externalId: "48213372", name: "staging-hel1-02", kind: ServerKind.CLOUD },
          {
            externalId: "48213373",
            name: "gitlab-fsn1-01",
            kind: ServerKind.CLOUD,
            matchingServerId: "srv_0034",
          },
        ],
      }),
      answer(ConnectionService.method.importServers, { servers: [imported, gitlab] }),
      answer(ServerService.method.getServer, { server: imported }),
      answer(ServerService.method.getHealthSummary, {}),
      answer(ServerService.method.getServerMetrics, {}),
    );
    const { history } = renderApp("/connections", api);
    await connectionsLoaded();
    const user = userEvent.setup();
    await openAction(user, "Hetzner Cloud", "Import servers");
    const dialog = await screen.findByRole("dialog", { name: "Import servers from Hetzner Cloud" });
    const table = await within(dialog).findByRole("table", { name: "Machines not linked yet" });
    expect(api.lastRequest(ConnectionService.method.discoverServers)?.connectionId).toBe(
      "conn_hetzner",
    );
    expect(dialog).toHaveTextContent(
      "The connection sees 14 machines; 3 of them are not linked to a server yet.",
    );
    expect(within(table).getAllByRole("row")).toHaveLength(4);
    // A machine with the name of a server links to it.
    const links = within(table).getByTestId("links-existing");
    expect(links).toHaveTextContent("Links to the existing server gitlab-fsn1-01");
    expect(within(links).getByRole("link", { name: "gitlab-fsn1-01" })).toHaveAttribute(
      "href",
      "/servers/srv_0034",
    );

    const importButton = within(dialog).getByRole("button", { name: "Import" });
    expect(importButton).toBeDisabled();
    await user.click(within(table).getByRole("checkbox", { name: "Select all" }));
    expect(within(dialog).getByRole("button", { name: "Import 3" })).toBeEnabled();
    await user.click(within(table).getByRole("checkbox", { name: "staging-hel1-02" }));
    expect(within(table).getByRole("checkbox", { name: "Select all" })).toHaveAttribute(
      "data-indeterminate",
      "true",
    );
    await user.click(within(dialog).getByRole("button", { name: "Import 2" }));

    const done = await within(dialog).findByTestId("imported-servers");
    expect(within(done).getByRole("link", { name: "api-fsn1-04" })).toBeInTheDocument();
    expect(within(done).getByRole("link", { name: "gitlab-fsn1-01" })).toHaveAttribute(
      "href",
      "/servers/srv_0034",
    );
    expect(await screen.findByText("2 servers imported from Hetzner Cloud")).toBeInTheDocument();
    expect(api.requests(ConnectionService.method.importServers)).toMatchObject([
      { connectionId: "conn_hetzner", externalIds: ["48213371", "48213373"] },
    ]);

    await user.click(within(done).getByRole("link", { name: "api-fsn1-04" }));
    await waitFor(() => expect(history.location.pathname).toBe("/servers/srv_n1"));
    expect(await screen.findByRole("heading", { name: "api-fsn1-04" })).toBeInTheDocument();
  });

  it("says when there is nothing to import, and when the provider cannot be read", async () => {
    const api = connectionsApi(
      [all],
      answerWith(ConnectionService.method.discoverServers, (request) =>
        request.connectionId === "conn_docker_legacy"
          ? refused('connection "Docker legacy-nbg1-01" could not be read: connection refused')
          : { seen: 7, servers: [] },
      ),
    );
    renderApp("/connections", api);
    await connectionsLoaded();
    const user = userEvent.setup();
    await openAction(user, "Docker web-fsn1-01", "Import servers");
    expect(
      await screen.findByText("Every machine this connection sees is linked to a server already."),
    ).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Cancel" }));

    await openAction(user, "Docker legacy-nbg1-01", "Import servers");
    expect(await screen.findByRole("alert")).toHaveTextContent(
      'connection "Docker legacy-nbg1-01" could not be read',
    );
  });
});
