import { timestampDate } from "@bufbuild/protobuf/wkt";
import { Alert, Button, Group, Skeleton, Stack, Text } from "@mantine/core";
import { IconDisc, IconLock, IconPencil, IconShare, IconTrash } from "@tabler/icons-react";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { ImageService, type Image } from "@leitstand/sdk/leitstand/admin/v1/image_service_pb.js";
import { useBillingEntityChoices } from "@/lib/billing-entities";
import { RowActions } from "@/components/row-actions/RowActions";
import { AuditEventsButton } from "@/components/ui/AuditEventsButton";
import { CopyableId, CopyableText } from "@/components/ui/CopyButton";
import { DetailList } from "@/components/ui/DetailList";
import { DetailPageLoading, DetailPageMissing } from "@/components/ui/DetailPageStates";
import { PageHeader } from "@/components/ui/PageHeader";
import { Section } from "@/components/ui/Section";
import { Permission, useCaller, usePermission } from "@/lib/auth";
import { formatBytes } from "@/lib/format";
import { useI18n } from "@/lib/i18n/i18n";
import { useInvalidate } from "@/lib/queries";
import { useDeleteImage, useImage, useIsLicenseeStaff, useSharesImages } from "./api/images";
import { KindBadge } from "./components/badges";
import { ImageFormModal } from "./components/ImageFormModal";
import { SharingSection } from "./components/SharingSection";

const route = getRouteApi("/_app/images/$imageId");

/**
 * ImageDetailPage is an image's page: what it is and where it comes from,
 * Edit and Delete for those who manage its owner's images, and its
 * sharing, which the licensee's staff change.
 */
export function ImageDetailPage() {
  const { t } = useI18n();
  const { imageId } = route.useParams();
  const query = useImage(imageId);
  const crumbs = [{ label: t("images.title"), to: "/images" as const }];

  if (query.isPending) {
    return (
      <DetailPageLoading crumbs={crumbs}>
        <Skeleton height={36} width={360} />
        <Skeleton height={200} />
        <Skeleton height={160} />
      </DetailPageLoading>
    );
  }
  if (query.error) {
    return (
      <DetailPageMissing
        crumbs={crumbs}
        title={t("images.title")}
        error={query.error}
        onRetry={() => void query.refetch()}
        icon={<IconDisc size={22} />}
        notFound={t("images.notFound")}
      />
    );
  }
  return <ImageDetail image={query.data.image!} />;
}

function ImageDetail({ image }: { image: Image }) {
  const { t, formatDateTime, locale } = useI18n();
  const navigate = useNavigate();
  const caller = useCaller();
  const licenseeStaff = useIsLicenseeStaff();
  const canManage = usePermission(Permission.IMAGES_MANAGE);
  const canShare = useSharesImages();
  const entities = useBillingEntityChoices();
  const [editing, setEditing] = useState(false);
  const remove = useDeleteImage();
  const refreshImages = useInvalidate(ImageService);
  const crumbs = [{ label: t("images.title"), to: "/images" as const }];
  const f = image.image!;
  // A reseller's staff change their own entity's images, never one shared with them.
  const sharedWithMe = !licenseeStaff && image.billingEntityId !== caller.billingEntityId;
  const canChange = canManage && !sharedWithMe;

  return (
    <>
      <PageHeader
        breadcrumbs={crumbs}
        title={f.name}
        meta={<CopyableId id={image.id} />}
        badge={<KindBadge kind={f.kind} />}
        actions={
          <Group gap="sm">
            <AuditEventsButton targetId={image.id} />
            {canChange && (
              <>
                <Button leftSection={<IconPencil size={16} />} onClick={() => setEditing(true)}>
                  {t("images.edit")}
                </Button>
                <RowActions
                  variant="header"
                  label={f.name}
                  actions={[
                    {
                      id: "delete",
                      label: t("images.delete"),
                      icon: <IconTrash size={16} />,
                      color: "red",
                      title: t("images.deleteTitle"),
                      message: t("images.deleteMessage", { name: f.name }),
                      confirmLabel: t("images.deleteConfirm"),
                      danger: true,
                      reason: "none",
                      run: async () => {
                        await remove.mutateAsync({ id: image.id });
                        await navigate({ to: "/images" });
                        void refreshImages();
                      },
                      successMessage: t("images.deleted"),
                    },
                  ]}
                />
              </>
            )}
          </Group>
        }
      />
      {sharedWithMe ? (
        <Alert color="blue" variant="light" icon={<IconShare size={18} />} mb="lg">
          {t("images.sharedNotice", { owner: image.billingEntityName })}
        </Alert>
      ) : (
        !canManage && (
          <Alert color="gray" variant="light" icon={<IconLock size={18} />} mb="lg">
            {t("images.readOnly")}
          </Alert>
        )
      )}
      <Stack gap="xl">
        <Section title={t("images.overview")}>
          <DetailList
            cols={3}
            items={[
              { label: t("images.field.owner"), value: image.billingEntityName },
              { label: t("images.field.os"), value: f.os },
              { label: t("images.field.version"), value: f.version },
              { label: t("images.field.size"), value: formatBytes(f.sizeBytes, locale) },
              {
                label: t("images.field.source"),
                value: (
                  <CopyableText value={f.source} label={t("images.field.source")}>
                    <Text fz="sm" ff="monospace" style={{ wordBreak: "break-all" }}>
                      {f.source}
                    </Text>
                  </CopyableText>
                ),
              },
              { label: t("images.field.description"), value: f.description || "—" },
              {
                label: t("images.field.created"),
                value: image.createTime ? formatDateTime(timestampDate(image.createTime)) : "—",
              },
              {
                label: t("images.field.updated"),
                value: image.updateTime ? formatDateTime(timestampDate(image.updateTime)) : "—",
              },
            ]}
          />
        </Section>
        {licenseeStaff && <SharingSection image={image} entities={entities} canShare={canShare} />}
      </Stack>
      <ImageFormModal opened={editing} onClose={() => setEditing(false)} image={image} />
    </>
  );
}
