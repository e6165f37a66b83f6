import { Alert, Button, Modal, Stack, Text, Textarea, Tooltip } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { IconPlayerPlay } from "@tabler/icons-react";
import { useState } from "react";
import type { Job } from "@leitstand/sdk/leitstand/admin/v1/job_service_pb.js";
import { FormActions } from "@/components/ui/FormActions";
import { formErrors } from "@/lib/forms";
import { useI18n } from "@/lib/i18n/i18n";
import { useTriggerJob } from "../api/jobs";

/**
 * RunJobButton starts a run of a job now, after asking for an optional
 * reason. While the job runs the button is disabled; when the server refuses
 * (another replica started it meanwhile), the dialog says why.
 */
export function RunJobButton({ job, size = "xs" }: { job: Job; size?: "xs" | "sm" }) {
  const { t } = useI18n();
  const [opened, setOpened] = useState(false);
  const label = t("jobs.runNow");
  const button = (
    <Button
      size={size}
      variant={size === "xs" ? "default" : "filled"}
      leftSection={<IconPlayerPlay size={size === "xs" ? 14 : 16} />}
      onClick={() => setOpened(true)}
      disabled={job.running}
      aria-label={`${label}: ${job.title}`}
    >
      {label}
    </Button>
  );
  return (
    <>
      {job.running ? (
        <Tooltip label={t("jobs.runNowRunning")}>
          <span>{button}</span>
        </Tooltip>
      ) : (
        button
      )}
      <Modal
        opened={opened}
        onClose={() => setOpened(false)}
        title={<Text fw={600}>{t("jobs.runNowTitle", { title: job.title })}</Text>}
        size="md"
      >
        {opened && <RunJobForm job={job} onDone={() => setOpened(false)} />}
      </Modal>
    </>
  );
}

function RunJobForm({ job, onDone }: { job: Job; onDone: () => void }) {
  const { t, locale } = useI18n();
  const trigger = useTriggerJob();
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm({ initialValues: { reason: "" } });

  const submit = form.onSubmit(async (values) => {
    setFailure(null);
    try {
      await trigger.mutateAsync({ jobName: job.name, reason: values.reason.trim() });
      notifications.show({ color: "teal", message: t("jobs.runStarted", { title: job.title }) });
      onDone();
    } catch (error) {
      const result = formErrors(error, ["reason"], locale);
      form.setErrors(result.fields);
      setFailure(result.message);
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text fz="sm" c="dimmed">
          {t("jobs.runNowBody")}
        </Text>
        <Textarea
          label={t("common.reasonOptional")}
          placeholder={t("common.reasonPlaceholder")}
          autosize
          minRows={2}
          maxRows={6}
          data-autofocus
          {...form.getInputProps("reason")}
        />
        {failure && (
          <Alert color="red" variant="light" role="alert" style={{ whiteSpace: "pre-line" }}>
            {failure}
          </Alert>
        )}
        <FormActions>
          <Button variant="default" onClick={onDone}>
            {t("common.cancel")}
          </Button>
          <Button
            type="submit"
            loading={trigger.isPending}
            leftSection={<IconPlayerPlay size={16} />}
          >
            {t("jobs.runNow")}
          </Button>
        </FormActions>
      </Stack>
    </form>
  );
}
