import { Anchor, Badge, Tooltip } from "@mantine/core";
import { IconUserStar } from "@tabler/icons-react";
import {
  RevenueClass,
  type Account,
} from "@leitstand/sdk/leitstand/admin/v1/account_service_pb.js";
import { useI18n, type MessageKey } from "@/lib/i18n/i18n";
import { classColor, classKey, parseContact } from "../rollup";
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

/**
 * AccountClass is an account's revenue class, and under a managed one its
 * account manager, whose name links to write to them.
 */
export function AccountClass({ account, fit = false }: { account: Account; fit?: boolean }) {
  const { t } = useI18n();
  const badge = <RevenueClassBadge revenueClass={account.revenueClass} fit={fit} />;
  if (account.revenueClass !== RevenueClass.MANAGED || !account.accountManager) return badge;
  const { name, email } = parseContact(account.accountManager);
  // The name alone fits the column; the icon and the tooltip say it is the manager.
  const label = t("accounts.manager", { name });
  const content = (
    <>
      <IconUserStar size={12} aria-hidden style={{ verticalAlign: -1, marginRight: 3 }} />
      {name}
    </>
  );
  return (
    <div className={classes.classCell}>
      {badge}
      <div
        className={classes.secondary}
        data-manager
        title={t("accounts.managerOf", { contact: account.accountManager })}
      >
        {email ? (
          <Anchor href={`mailto:${email}`} inherit aria-label={label}>
            {content}
          </Anchor>
        ) : (
          <span aria-label={label}>{content}</span>
        )}
      </div>
    </div>
  );
}
