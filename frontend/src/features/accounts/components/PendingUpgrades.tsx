import { Button } from "@mantine/core";
import { IconArrowBigUpLines } from "@tabler/icons-react";
import { Link } from "@tanstack/react-router";
import { useI18n } from "@/lib/i18n/i18n";
import { usePendingUpgrades } from "../api/upgrades";

/**
 * PendingUpgrades leads to the upgrade requests' queue while some wait,
 * saying how many; nothing while none does (or the count is not known).
 */
export function PendingUpgrades() {
  const { t } = useI18n();
  const pending = usePendingUpgrades().data ?? 0;
  if (pending <= 0) return null;
  return (
    <Button
      component={Link}
      to="/accounts/upgrades"
      variant="light"
      leftSection={<IconArrowBigUpLines size={16} />}
      data-testid="pending-upgrades"
    >
      {t("accounts.upgrades.waiting", { count: pending })}
    </Button>
  );
}
