import { Button, FileButton, Group, Input, Paper, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconPhoto, IconTrash, IconUpload } from "@tabler/icons-react";
import { useState } from "react";
import type { IssuerLogo } from "@leitstand/sdk/leitstand/admin/v1/settings_service_pb.js";
import { errorMessage, violationMessage, violationsOf } from "@/lib/api-errors";
import { useI18n } from "@/lib/i18n/i18n";
import { useRemoveLogo, useUploadLogo } from "../api/settings";
import { useBillingEntityScope } from "../scope";

/** The largest logo the server accepts (UploadLogo). */
export const maxLogoBytes = 512 * 1024;

/** The types of image a logo may have. */
export const logoTypes = ["image/png", "image/jpeg"];

/**
 * LogoField shows the issuer's logo, which invoices print top right, and
 * for those who may change the settings uploads a new one (PNG or JPEG) or
 * removes it, at once: it is not part of the section's form. The server's
 * refusal is shown at the field.
 */
export function LogoField({ logo, canWrite }: { logo?: IssuerLogo; canWrite: boolean }) {
  const { t, locale, formatBytes } = useI18n();
  const billingEntityId = useBillingEntityScope();
  const upload = useUploadLogo();
  const remove = useRemoveLogo();
  const [error, setError] = useState<string | null>(null);
  const busy = upload.isPending || remove.isPending;

  const choose = async (file: File | null) => {
    if (!file) return;
    setError(null);
    if (!logoTypes.includes(file.type)) {
      setError(t("settings.logo.type"));
      return;
    }
    if (file.size > maxLogoBytes) {
      setError(t("settings.logo.tooLarge", { size: formatBytes(file.size) }));
      return;
    }
    try {
      const content = new Uint8Array(await file.arrayBuffer());
      await upload.mutateAsync({ content, contentType: file.type, billingEntityId });
      notifications.show({ color: "teal", message: t("settings.logo.saved") });
    } catch (err) {
      // The server says why it refused the file (not the image it claims
      // to be, too large, too many pixels).
      const v = violationsOf(err)[0];
      setError(v ? violationMessage(v, locale) : errorMessage(err, locale));
    }
  };

  const removeLogo = async () => {
    setError(null);
    try {
      await remove.mutateAsync({ billingEntityId });
      notifications.show({ color: "teal", message: t("settings.logo.removed") });
    } catch (err) {
      setError(errorMessage(err, locale));
    }
  };

  return (
    <Input.Wrapper
      labelElement="div"
      label={t("settings.logo.label")}
      description={canWrite ? t("settings.logo.hint") : undefined}
      error={error}
      inputWrapperOrder={["label", "description", "input", "error"]}
    >
      <Group gap="md" mt={6} align="center" wrap="wrap">
        <Paper
          withBorder
          radius="sm"
          w={216}
          h={72}
          p={6}
          style={{ display: "flex", alignItems: "center", justifyContent: "center" }}
          data-testid="logo-preview"
        >
          {logo?.url ? (
            <img
              src={logo.url}
              alt={t("settings.logo.alt")}
              style={{ maxWidth: "100%", maxHeight: "100%", objectFit: "contain" }}
            />
          ) : (
            <Stack gap={2} align="center">
              <IconPhoto size={20} stroke={1.5} color="var(--mantine-color-dimmed)" />
              <Text fz="xs" c="dimmed">
                {t("settings.logo.none")}
              </Text>
            </Stack>
          )}
        </Paper>
        {canWrite && (
          <Group gap="xs">
            <FileButton onChange={(f) => void choose(f)} accept={logoTypes.join(",")} name="logo">
              {(props) => (
                <Button
                  {...props}
                  variant="default"
                  size="xs"
                  loading={upload.isPending}
                  disabled={busy}
                  leftSection={<IconUpload size={14} />}
                >
                  {logo?.url ? t("settings.logo.replace") : t("settings.logo.upload")}
                </Button>
              )}
            </FileButton>
            {logo?.url && (
              <Button
                variant="subtle"
                color="gray"
                size="xs"
                loading={remove.isPending}
                disabled={busy}
                leftSection={<IconTrash size={14} />}
                onClick={() => void removeLogo()}
              >
                {t("settings.logo.remove")}
              </Button>
            )}
          </Group>
        )}
      </Group>
    </Input.Wrapper>
  );
}
