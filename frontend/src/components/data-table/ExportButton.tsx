import type { DescMethodUnary, MessageInitShape } from "@bufbuild/protobuf";
import { Button } from "@mantine/core";
import { IconDownload } from "@tabler/icons-react";
import { useI18n } from "@/lib/i18n/i18n";
import { exportUrl } from "./export";

/**
 * ExportButton downloads the list as the filters show it, every page of it,
 * as CSV. The server streams the file; the browser saves it under the name
 * the server gives.
 */
export function ExportButton<M extends DescMethodUnary>({
  method,
  request,
}: {
  method: M;
  request: MessageInitShape<M["input"]>;
}) {
  const { t } = useI18n();
  return (
    <Button
      component="a"
      href={exportUrl(method, request)}
      download
      variant="default"
      leftSection={<IconDownload size={16} />}
    >
      {t("table.export")}
    </Button>
  );
}
