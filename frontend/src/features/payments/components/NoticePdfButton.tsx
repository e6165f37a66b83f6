import { Button } from "@mantine/core";
import { IconDownload } from "@tabler/icons-react";
import { useState } from "react";
import type { DunningNotice } from "@leitstand/sdk/leitstand/admin/v1/dunning_service_pb.js";
import { useI18n } from "@/lib/i18n/i18n";
import { useNoticePdfDownload } from "../api/dunning";
import { levelKey } from "../dunning";

/** NoticePdfButton downloads a notice's letter as it was sent. */
export function NoticePdfButton({ notice }: { notice: DunningNotice }) {
  const { t } = useI18n();
  const download = useNoticePdfDownload();
  const [loading, setLoading] = useState(false);
  const run = async () => {
    setLoading(true);
    try {
      await download(notice.id);
    } catch {
      // Announced as every failed read is (lib/query-client.ts).
    } finally {
      setLoading(false);
    }
  };
  return (
    <Button
      size="xs"
      variant="default"
      leftSection={<IconDownload size={14} />}
      loading={loading}
      onClick={() => void run()}
      aria-label={t("payments.dunning.pdf.label", {
        level: t(levelKey[notice.level] ?? "payments.dunning.level.UNSPECIFIED"),
        number: notice.invoiceNumber || notice.invoiceId,
      })}
    >
      {t("payments.dunning.pdf")}
    </Button>
  );
}
