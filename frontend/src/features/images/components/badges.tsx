import { Badge } from "@mantine/core";
import { ImageKind } from "@leitstand/sdk/leitstand/admin/v1/image_service_pb.js";
import { useI18n } from "@/lib/i18n/i18n";

/** KindBadge says whether an image is an operating system or an application. */
export function KindBadge({ kind }: { kind: ImageKind }) {
  const { t } = useI18n();
  const name = ImageKind[kind] as keyof typeof ImageKind;
  return (
    <Badge variant="light" color={kind === ImageKind.OS ? "blue" : "grape"} radius="sm">
      {t(`images.kind.${name === "OS" || name === "APPLICATION" ? name : "UNSPECIFIED"}`)}
    </Badge>
  );
}
