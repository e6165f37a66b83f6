import { Stack, Text } from "@mantine/core";
import type { Connection } from "@leitstand/sdk/leitstand/admin/v1/connection_service_pb.js";
import type { Container } from "@leitstand/sdk/leitstand/admin/v1/container_service_pb.js";
import type { Server, ServerEvent } from "@leitstand/sdk/leitstand/admin/v1/server_service_pb.js";
import { ServerText } from "@/components/ui/ServerText";
import { codedParams } from "@/lib/i18n/coded";
import { isMessageKey, useI18n, type I18n, type MessageParams } from "@/lib/i18n/i18n";

// What the server says about servers, containers and connections, in the
// interface's language. The server words it in English; it also sends a
// stable code with named values (health reasons, events, why a container
// cannot be controlled, a connection's health) or a provider's word (a
// server's status), and the texts here are keyed by those
// (codes.test.ts checks every code the server declares has them). What this
// interface cannot word (a newer server's code, an unusual status) shows as
// the server wrote it.

/** serverStatus is a provider's word for a server's state in the interface's language, else the word itself. */
export function serverStatus(t: I18n["t"], word: string): string {
  const key = `servers.status.${word.toLowerCase()}`;
  return isMessageKey(key) ? t(key) : word;
}

/** containerStatus is a ContainerStatus name (RUNNING) in the interface's language, else the name itself. */
function containerStatus(t: I18n["t"], name: string): string {
  const key = `containers.status.${name}`;
  return isMessageKey(key) ? t(key) : name;
}

/** A text of the interface, or the server's English where it has none. */
export interface Worded {
  text: string;
  /** The text is the server's English. */
  english: boolean;
}

/** healthReasons are why a server is not healthy, in the interface's language where it can. */
export function healthReasons(
  t: I18n["t"],
  server: Pick<Server, "healthReasons" | "healthReasonDetails">,
): Worded[] {
  // A server from before reasons had codes sends only the English.
  if (server.healthReasonDetails.length === 0) {
    return server.healthReasons.map((text) => ({ text, english: true }));
  }
  return server.healthReasonDetails.map((r) => {
    const key = `servers.reason.${r.code}`;
    if (!r.code || !isMessageKey(key)) return { text: r.text, english: true };
    const params = codedParams(r.params);
    if ("status" in r.params) params.status = serverStatus(t, r.params.status ?? "");
    if ("filesystem" in r.params) {
      params.filesystem = r.params.filesystem
        ? t("servers.reason.filesystem", { name: r.params.filesystem })
        : t("servers.reason.disk");
    }
    return { text: t(key, params), english: false };
  });
}

/** HealthReasonList lists why a server is not healthy. */
export function HealthReasonList({ reasons }: { reasons: Worded[] }) {
  return (
    <Stack gap={0} data-testid="health-reasons">
      {reasons.map((r, i) =>
        r.english ? (
          <ServerText key={i} text={r.text} fz="xs" c="dimmed" />
        ) : (
          <Text key={i} fz="xs" c="dimmed">
            {r.text}
          </Text>
        ),
      )}
    </Stack>
  );
}

// The codes of a connection's health that say all there is: the English
// beside a failure's code has the provider's detail and how to fix it.
const complete = new Set(["connected", "synced"]);

/**
 * ConnectionHealthText says what a connection's last test or sync found: in
 * the interface's language by its code, with the provider's detail for a
 * failure as the server wrote it.
 */
export function ConnectionHealthText({
  connection,
  lineClamp,
}: {
  connection: Pick<Connection, "healthCode" | "healthParams" | "healthMessage">;
  lineClamp?: number;
}) {
  const { t } = useI18n();
  const { healthCode: code, healthParams, healthMessage } = connection;
  const key = `connections.healthCode.${code}`;
  if (!code || !isMessageKey(key)) {
    return healthMessage ? (
      <ServerText
        text={healthMessage}
        fz="xs"
        c="dimmed"
        lineClamp={lineClamp}
        testId="health-message"
      />
    ) : null;
  }
  return (
    <Stack gap={2} data-testid="health-message">
      <Text fz="xs" c="dimmed" lineClamp={lineClamp}>
        {t(key, codedParams(healthParams))}
      </Text>
      {!complete.has(code) && healthMessage && (
        <ServerText text={healthMessage} fz="xs" c="dimmed" lineClamp={lineClamp} />
      )}
    </Stack>
  );
}

/** What an event says: worded, or the server's English, with what is shown beside as it is. */
export interface EventWording extends Worded {
  /** A provider's answer, in English. */
  error?: string;
  /** What the person who acted gave as the reason, in their words. */
  reason?: string;
}

/** eventWording says what a server's event says, in the interface's language where it can. */
export function eventWording(
  t: I18n["t"],
  event: Pick<ServerEvent, "message" | "messageCode" | "messageParams">,
): EventWording {
  const { messageCode: code, messageParams: raw } = event;
  const key = `servers.event.${code}`;
  // An event from before events had codes, or a code this interface does
  // not know yet: the server's English.
  if (!code || !isMessageKey(key)) return { text: event.message, english: true };
  const { error, reason, ...values } = raw;
  // Only the counts are numbers: a name or a provider's id of digits
  // ("0101") stays as it is.
  const params: MessageParams = { ...values };
  for (const count of ["failures", "restarts", "count"]) {
    if (values[count] !== undefined) params[count] = Number(values[count]);
  }
  switch (code) {
    case "status-changed":
      params.from = serverStatus(t, values.from ?? "");
      params.to = serverStatus(t, values.to ?? "");
      break;
    case "moved":
      params.from = values.from || t("servers.event.noHost");
      break;
    case "container-appeared":
      params.image = values.image || t("servers.event.imageUnknown");
      break;
    case "container-back":
      params.status = containerStatus(t, values.status ?? "");
      break;
    case "container-status-changed":
      params.from = containerStatus(t, values.from ?? "");
      params.to = containerStatus(t, values.to ?? "");
      break;
  }
  return {
    text: t(key, params),
    english: false,
    ...(error ? { error } : {}),
    ...(reason ? { reason } : {}),
  };
}

/** EventMessage shows what a server's event says, with a provider's answer quoted and a person's reason beside. */
export function EventMessage({
  event,
}: {
  event: Pick<ServerEvent, "message" | "messageCode" | "messageParams">;
}) {
  const { t } = useI18n();
  const w = eventWording(t, event);
  if (w.english) return <ServerText text={w.text} testId="event-message" />;
  return (
    <Stack gap={2} data-testid="event-message">
      <Text fz="sm" style={{ overflowWrap: "anywhere" }}>
        {w.text}
      </Text>
      {w.error && <ServerText text={w.error} fz="xs" c="dimmed" />}
      {w.reason && (
        <Text fz="xs" c="dimmed" style={{ overflowWrap: "anywhere" }}>
          {t("servers.event.reason", { reason: w.reason })}
        </Text>
      )}
    </Stack>
  );
}

/** controlUnavailable says why a container cannot be started or stopped; undefined when it can. */
export function controlUnavailable(
  t: I18n["t"],
  c: Pick<
    Container,
    | "controllable"
    | "controlUnavailableReason"
    | "controlUnavailableCode"
    | "controlUnavailableParams"
  >,
): Worded | undefined {
  if (c.controllable) return undefined;
  const key = `containers.unavailable.${c.controlUnavailableCode}`;
  if (c.controlUnavailableCode && isMessageKey(key)) {
    return { text: t(key, { ...c.controlUnavailableParams }), english: false };
  }
  return c.controlUnavailableReason
    ? { text: c.controlUnavailableReason, english: true }
    : undefined;
}
