import {
  ActionIcon,
  Alert,
  Button,
  Code,
  CopyButton,
  Group,
  Image,
  Stack,
  Text,
  Tooltip,
} from "@mantine/core";
import { IconCheck, IconCopy, IconDeviceMobile } from "@tabler/icons-react";
import { useState } from "react";
import type { BeginSecondFactorEnrollmentResponse } from "@leitstand/sdk/leitstand/admin/v1/auth_service_pb.js";
import { CodeForm } from "@/components/second-factor/CodeForm";
import { codeErrorMessage, errorMessage } from "@/lib/api-errors";
import { useI18n } from "@/lib/i18n/i18n";
import { useBeginEnrollment, useConfirmEnrollment } from "../api/second-factor";
import { RecoveryCodes } from "./RecoveryCodes";

/** The secret in groups of four, as it is easier to type in. */
const grouped = (secret: string) => secret.replace(/(.{4})(?=.)/g, "$1 ");

type Step =
  | { step: "start" }
  | { step: "scan"; enrollment: BeginSecondFactorEnrollmentResponse }
  | { step: "codes"; codes: string[] };

/**
 * SecondFactorSetup enrols an authenticator app: a new secret as a QR code
 * and as text, the first code from the app to turn it on, then the recovery
 * codes, shown this once.
 */
export function SecondFactorSetup({
  email,
  onEnrolled,
  onDone,
}: {
  email: string;
  /** The second factor is on; the recovery codes are being shown. */
  onEnrolled?: () => void;
  /** The person has saved the recovery codes. */
  onDone: () => void;
}) {
  const { t, locale } = useI18n();
  const begin = useBeginEnrollment();
  const confirm = useConfirmEnrollment();
  const [state, setState] = useState<Step>({ step: "start" });
  const [failure, setFailure] = useState<string | null>(null);

  if (state.step === "start") {
    return (
      <Stack gap="sm" align="flex-start">
        {failure && (
          <Alert color="red" variant="light" role="alert">
            {failure}
          </Alert>
        )}
        <Button
          leftSection={<IconDeviceMobile size={16} />}
          loading={begin.isPending}
          onClick={async () => {
            setFailure(null);
            try {
              setState({ step: "scan", enrollment: await begin.mutateAsync({}) });
            } catch (error) {
              setFailure(errorMessage(error, locale));
            }
          }}
        >
          {t("security.setup.start")}
        </Button>
      </Stack>
    );
  }

  if (state.step === "codes") {
    return <RecoveryCodes codes={state.codes} email={email} onDone={onDone} />;
  }

  const { enrollment } = state;
  return (
    <Stack gap="md">
      <Text fz="sm">{t("security.setup.scan")}</Text>
      <Image
        src={enrollment.qrCodePngDataUrl}
        alt={t("security.setup.qrAlt")}
        w={200}
        h={200}
        fit="contain"
        radius="sm"
        style={{ imageRendering: "pixelated", background: "white" }}
      />
      <Stack gap={6}>
        <Text fz="sm">{t("security.setup.manual")}</Text>
        <Group gap="xs" wrap="nowrap">
          <Code
            fz="md"
            aria-label={t("security.setup.secretLabel")}
            data-testid="second-factor-secret"
            style={{ overflowWrap: "anywhere" }}
          >
            {grouped(enrollment.secret)}
          </Code>
          <CopyButton value={enrollment.secret}>
            {({ copied, copy }) => (
              <Tooltip label={copied ? t("common.copied") : t("common.copy")}>
                <ActionIcon
                  variant="light"
                  color={copied ? "teal" : undefined}
                  onClick={copy}
                  aria-label={t("common.copy")}
                >
                  {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                </ActionIcon>
              </Tooltip>
            )}
          </CopyButton>
        </Group>
      </Stack>
      <Text fz="sm">{t("security.setup.enterCode")}</Text>
      <CodeForm
        allowRecoveryCode={false}
        submitLabel={t("security.setup.confirm")}
        onCancel={() => setState({ step: "start" })}
        onSubmit={async (code) => {
          try {
            const { recoveryCodes } = await confirm.mutateAsync({ code });
            setState({ step: "codes", codes: recoveryCodes });
            onEnrolled?.();
            return null;
          } catch (error) {
            return codeErrorMessage(error, locale);
          }
        }}
      />
    </Stack>
  );
}
