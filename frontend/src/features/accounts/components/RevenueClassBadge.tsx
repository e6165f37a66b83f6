import { Badge, Tooltip } from "@mantine/core";
import { RevenueClass } from "@leitstand/sdk/leitstand/admin/v1/account_service_pb.js";
import { useI18n, type MessageKey } from "@/lib/i18n/i18n";
import { classColor, classKey } from "../rollup";
import classes from "./Accounts.module.css";

const helpKey: Partial<Record<RevenueClass, MessageKey>> = {
  [RevenueClass.TRIAL]: "accounts.classHelp.TRIAL",
  [RevenueClass.MANAGED]: "accounts.classHelp.MANAGED",
  [RevenueClass.PAYING]: "accounts.classHelp.PAYING",
  [RevenueClass.COMPED]: "accounts.classHelp.COMPED",
};

/**
 * RevenueClassBadge shows an account's revenue class in its colour;
 * hovering says what it means. `fit` keeps it as wide as its name, where a
 * table would shrink it.
 */
export function RevenueClassBadge({
  revenueClass,
  fit = false,
}: {
  revenueClass: RevenueClass;
  fit?: boolean;
}) {
  const { t } = useI18n();
  const help = helpKey[revenueClass];
  const badge = (
    <Badge
      color={classColor[revenueClass] ?? "dark"}
      variant="light"
      data-class={RevenueClass[revenueClass]}
      className={fit ? classes.fitBadge : undefined}
    >
      {t(classKey(revenueClass))}
    </Badge>
  );
  if (!help) return badge;
  return (
    <Tooltip label={t(help)} multiline w={260} withArrow openDelay={300}>
      {badge}
    </Tooltip>
  );
}
