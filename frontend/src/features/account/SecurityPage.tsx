import { Badge, Button, Group, Modal, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { timestampDate } from "@bufbuild/protobuf/wkt";
import { IconShieldCheck, IconShieldOff } from "@tabler/icons-react";
import { useState } from "react";
import { CodeForm } from "@/components/second-factor/CodeForm";
import { PageHeader } from "@/components/ui/PageHeader";
import { Section } from "@/components/ui/Section";
import { codeErrorMessage } from "@/lib/api-errors";
import { useCaller } from "@/lib/auth";
import { useI18n } from "@/lib/i18n/i18n";
import { useCallerChanged, useDisableSecondFactor } from "./api/second-factor";
import { SecondFactorSetup } from "./components/SecondFactorSetup";

/**
 * SecurityPage is where the signed-in user manages their second factor:
 * whether one is on, setting up an authenticator app, turning it off.
 */
export function SecurityPage() {
  const { t, formatDateTime } = useI18n();
  const caller = useCaller();
  const callerChanged = useCallerChanged();
  // Set while the recovery codes of a new second factor are on screen, so
  // that a reloaded caller does not take them away.
  const [showingCodes, setShowingCodes] = useState(false);
  const [disabling, setDisabling] = useState(false);
  const enrolled = caller.secondFactorEnrolled;
  const freshUntil = caller.secondFactorFreshUntil
    ? timestampDate(caller.secondFactorFreshUntil)
    : undefined;

  return (
    <>
      <PageHeader title={t("security.title")} description={t("security.description")} />
      <Section
        title={t("security.secondFactor.title")}
        actions={
          <Badge
            color={enrolled ? "teal" : "gray"}
            variant="light"
            size="lg"
            data-testid="second-factor-status"
          >
            {enrolled ? t("security.secondFactor.on") : t("security.secondFactor.off")}
          </Badge>
        }
      >
        <Stack gap="md">
          <Text fz="sm" c="dimmed">
            {t("security.secondFactor.hint")}
          </Text>
          {enrolled && !showingCodes ? (
            <>
              <Group gap="xs" wrap="nowrap" align="flex-start">
                <IconShieldCheck size={20} color="var(--mantine-color-teal-6)" />
                <Stack gap={2}>
                  <Text fz="sm">{t("security.secondFactor.onBody")}</Text>
                  {freshUntil && freshUntil > new Date() && (
                    <Text fz="xs" c="dimmed">
                      {t("security.secondFactor.freshUntil", { time: formatDateTime(freshUntil) })}
                    </Text>
                  )}
                </Stack>
              </Group>
              <Group>
                <Button
                  variant="light"
                  color="red"
                  leftSection={<IconShieldOff size={16} />}
                  onClick={() => setDisabling(true)}
                >
                  {t("security.disable.start")}
                </Button>
              </Group>
            </>
          ) : (
            <>
              {!showingCodes && <Text fz="sm">{t("security.secondFactor.offBody")}</Text>}
              <SecondFactorSetup
                email={caller.email}
                onEnrolled={() => setShowingCodes(true)}
                onDone={async () => {
                  await callerChanged();
                  setShowingCodes(false);
                  notifications.show({ color: "teal", message: t("security.enabled") });
                }}
              />
            </>
          )}
        </Stack>
      </Section>
      <Modal
        opened={disabling}
        onClose={() => setDisabling(false)}
        title={<Text fw={600}>{t("security.disable.title")}</Text>}
      >
        {disabling && <DisableForm onClose={() => setDisabling(false)} />}
      </Modal>
    </>
  );
}

function DisableForm({ onClose }: { onClose: () => void }) {
  const { t, locale } = useI18n();
  const disable = useDisableSecondFactor();
  const callerChanged = useCallerChanged();
  return (
    <Stack gap="md">
      <Text fz="sm" c="dimmed">
        {t("security.disable.body")}
      </Text>
      <CodeForm
        submitLabel={t("security.disable.start")}
        submitColor="red"
        onCancel={onClose}
        onSubmit={async (code) => {
          try {
            await disable.mutateAsync({ code });
          } catch (error) {
            return codeErrorMessage(error, locale);
          }
          onClose();
          notifications.show({ color: "teal", message: t("security.disabled") });
          await callerChanged();
          return null;
        }}
      />
    </Stack>
  );
}
