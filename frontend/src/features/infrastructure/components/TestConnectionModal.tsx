import { Button, Skeleton, Stack, Text } from "@mantine/core";
import { IconRefresh } from "@tabler/icons-react";
import { useEffect, useRef } from "react";
import type { Connection } from "@leitstand/sdk/leitstand/admin/v1/connection_service_pb.js";
import { FormActions } from "@/components/ui/FormActions";
import { FormModal } from "@/components/ui/FormModal";
import { QueryError } from "@/components/ui/QueryError";
import { useI18n } from "@/lib/i18n/i18n";
import { useTestConnection } from "../api/connections";
import { TestResult } from "./TestResult";

/**
 * TestConnectionModal tests a stored connection as soon as it opens and shows
 * the result step by step; the connection's health in the lists follows.
 */
export function TestConnectionModal({
  connection,
  onClose,
}: {
  /** The connection to test; null keeps the dialog closed. */
  connection: Connection | null;
  onClose: () => void;
}) {
  const { t } = useI18n();
  return (
    <FormModal
      opened={connection !== null}
      onClose={onClose}
      size="md"
      title={connection ? t("connections.testTitle", { name: connection.name }) : ""}
    >
      {connection && <TestRun connection={connection} onClose={onClose} />}
    </FormModal>
  );
}

function TestRun({ connection, onClose }: { connection: Connection; onClose: () => void }) {
  const { t } = useI18n();
  const test = useTestConnection();
  const { mutate } = test;
  const started = useRef(false);
  const run = () => mutate({ target: { case: "connectionId", value: connection.id } });

  useEffect(() => {
    // Once per opening (React runs effects twice in development).
    if (started.current) return;
    started.current = true;
    mutate({ target: { case: "connectionId", value: connection.id } });
  }, [mutate, connection.id]);

  return (
    <Stack gap="md">
      {test.isPending && (
        <Stack gap="xs" aria-busy>
          <Text fz="sm" c="dimmed">
            {t("connections.test.running", { endpoint: connection.endpoint || connection.name })}
          </Text>
          <Skeleton height={120} />
        </Stack>
      )}
      {test.error && <QueryError error={test.error} />}
      {test.data && <TestResult result={test.data} />}
      <FormActions>
        <Button
          variant="default"
          leftSection={<IconRefresh size={16} />}
          onClick={run}
          disabled={test.isPending}
          mr="auto"
        >
          {t("connections.testAgain")}
        </Button>
        <Button onClick={onClose}>{t("common.close")}</Button>
      </FormActions>
    </Stack>
  );
}
