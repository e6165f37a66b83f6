import { Button, Group, SegmentedControl, Stack, Text, Textarea } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import type { ServiceInstance } from "@leitstand/sdk/leitstand/admin/v1/service_instance_service_pb.js";
import { FormFailure } from "@/components/ui/FormActions";
import { Section } from "@/components/ui/Section";
import { errorMessage } from "@/lib/api-errors";
import { useI18n } from "@/lib/i18n/i18n";
import { useUpdateService } from "../api/services";

/**
 * NotesView shows notes as the Markdown source they are, as text: the panel
 * renders no HTML from them (it has no Markdown renderer, and a note is
 * never markup).
 */
export function NotesView({ notes }: { notes: string }) {
  return (
    <Text
      component="pre"
      fz="sm"
      m={0}
      style={{ whiteSpace: "pre-wrap", fontFamily: "inherit", overflowWrap: "anywhere" }}
      data-testid="notes"
    >
      {notes}
    </Text>
  );
}

/** NotesSection shows a service's technical notes and edits them with a preview. */
export function NotesSection({
  service,
  canWrite,
}: {
  service: ServiceInstance;
  canWrite: boolean;
}) {
  const { t, locale } = useI18n();
  const update = useUpdateService();
  const [draft, setDraft] = useState<string | null>(null);
  const [mode, setMode] = useState<"write" | "preview">("write");
  const [failure, setFailure] = useState<string | null>(null);

  const save = async () => {
    setFailure(null);
    try {
      await update.mutateAsync({
        serviceInstance: { id: service.id, notes: draft ?? "" },
        updateMask: { paths: ["notes"] },
      });
      notifications.show({ color: "teal", message: t("services.notesSaved") });
      setDraft(null);
    } catch (error) {
      setFailure(errorMessage(error, locale));
    }
  };

  return (
    <Section
      title={t("services.notes")}
      actions={
        canWrite && draft === null ? (
          <Button size="xs" variant="default" onClick={() => setDraft(service.notes)}>
            {t("services.notesEdit")}
          </Button>
        ) : undefined
      }
    >
      {draft === null ? (
        service.notes ? (
          <NotesView notes={service.notes} />
        ) : (
          <Text c="dimmed" fz="sm">
            {t("services.notesEmpty")}
          </Text>
        )
      ) : (
        <Stack gap="sm">
          <SegmentedControl
            size="xs"
            w="fit-content"
            data={[
              { value: "write", label: t("services.notesWrite") },
              { value: "preview", label: t("services.notesPreview") },
            ]}
            value={mode}
            onChange={(m) => setMode(m as "write" | "preview")}
          />
          {mode === "write" ? (
            <Textarea
              aria-label={t("services.notes")}
              description={t("services.notesHint")}
              autosize
              minRows={6}
              maxRows={24}
              value={draft}
              onChange={(e) => setDraft(e.currentTarget.value)}
              styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)" } }}
            />
          ) : (
            <NotesView notes={draft} />
          )}
          <FormFailure failure={failure} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => setDraft(null)}>
              {t("common.cancel")}
            </Button>
            <Button loading={update.isPending} onClick={() => void save()}>
              {t("common.save")}
            </Button>
          </Group>
        </Stack>
      )}
    </Section>
  );
}
