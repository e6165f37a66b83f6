import { timestampDate } from "@bufbuild/protobuf/wkt";
import { Button, Group, MultiSelect, Stack, Table, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconShare, IconShareOff } from "@tabler/icons-react";
import { useState } from "react";
import {
  BillingEntityStatus,
  type BillingEntity,
} from "@leitstand/sdk/leitstand/admin/v1/billing_entity_service_pb.js";
import type { Image } from "@leitstand/sdk/leitstand/admin/v1/image_service_pb.js";
import { Section } from "@/components/ui/Section";
import { useI18n } from "@/lib/i18n/i18n";
import { useShareImage, useUnshareImage } from "../api/images";

/**
 * SharingSection shows the billing entities an image is shared with; the
 * licensee's staff who manage images pick more to share it with and stop
 * sharing it with any. Its owner is not offered, suspended entities are
 * offered disabled: the server refuses both.
 */
export function SharingSection({
  image,
  entities,
  canShare,
}: {
  image: Image;
  entities: BillingEntity[];
  canShare: boolean;
}) {
  const { t, formatDate } = useI18n();
  const share = useShareImage();
  const unshare = useUnshareImage();
  const [picked, setPicked] = useState<string[]>([]);
  const sharedIds = new Set(image.sharedWith.map((s) => s.billingEntityId));
  const options = entities
    .filter((e) => e.id !== image.billingEntityId && !sharedIds.has(e.id))
    .map((e) => ({
      value: e.id,
      label:
        e.status === BillingEntityStatus.SUSPENDED
          ? t("images.suspended", { name: e.name })
          : e.name,
      disabled: e.status === BillingEntityStatus.SUSPENDED,
    }));

  const doShare = async () => {
    try {
      const res = await share.mutateAsync({ id: image.id, billingEntityIds: picked });
      const names = (res.image?.sharedWith ?? [])
        .filter((s) => picked.includes(s.billingEntityId))
        .map((s) => s.billingEntityName)
        .join(", ");
      setPicked([]);
      notifications.show({ color: "teal", message: t("images.shared", { names }) });
    } catch {
      // The shared handler shows the refusal.
    }
  };
  const doUnshare = async (id: string, name: string) => {
    try {
      await unshare.mutateAsync({ id: image.id, billingEntityIds: [id] });
      notifications.show({ color: "teal", message: t("images.unshared", { name }) });
    } catch {
      // The shared handler shows the refusal.
    }
  };

  return (
    <Section title={t("images.sharing")}>
      <Stack gap="md">
        <Text fz="sm" c="dimmed">
          {t("images.sharingHint")}
        </Text>
        {image.sharedWith.length === 0 ? (
          <Text fz="sm">{t("images.sharingNone")}</Text>
        ) : (
          <Table verticalSpacing="xs" aria-label={t("images.sharing")}>
            <Table.Tbody>
              {image.sharedWith.map((s) => (
                <Table.Tr key={s.billingEntityId}>
                  <Table.Td>
                    <Text fz="sm" fw={600}>
                      {s.billingEntityName}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text fz="sm" c="dimmed">
                      {s.createTime
                        ? t("images.sharedSince", { date: formatDate(timestampDate(s.createTime)) })
                        : ""}
                    </Text>
                  </Table.Td>
                  {canShare && (
                    <Table.Td ta="right">
                      <Button
                        variant="subtle"
                        color="red"
                        size="xs"
                        leftSection={<IconShareOff size={14} />}
                        aria-label={t("images.unshareLabel", { name: s.billingEntityName })}
                        loading={
                          unshare.isPending &&
                          unshare.variables?.billingEntityIds?.[0] === s.billingEntityId
                        }
                        onClick={() => void doUnshare(s.billingEntityId, s.billingEntityName)}
                      >
                        {t("images.unshare")}
                      </Button>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {canShare && options.length > 0 && (
          <Group align="flex-end" gap="sm">
            <MultiSelect
              label={t("images.shareWith")}
              placeholder={picked.length ? undefined : t("images.shareWithPlaceholder")}
              data={options}
              value={picked}
              onChange={setPicked}
              searchable
              clearable
              style={{ flex: "1 1 280px", maxWidth: 480 }}
              comboboxProps={{ withinPortal: true }}
            />
            <Button
              leftSection={<IconShare size={16} />}
              disabled={picked.length === 0}
              loading={share.isPending}
              onClick={() => void doShare()}
            >
              {t("images.share")}
            </Button>
          </Group>
        )}
      </Stack>
    </Section>
  );
}
