import {
  Button,
  Group,
  Paper,
  SimpleGrid,
  Skeleton,
  Stack,
  Tabs,
  Text,
  Tooltip,
} from "@mantine/core";
import { IconAffiliate, IconBuildingStore, IconCash } from "@tabler/icons-react";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import type { Partner } from "@leitstand/sdk/leitstand/admin/v1/partner_service_pb.js";
import { DetailPageLoading, DetailPageMissing } from "@/components/ui/DetailPageStates";
import { PageHeader } from "@/components/ui/PageHeader";
import { ButtonLink } from "@/components/ui/links";
import { Permission, usePermission } from "@/lib/auth";
import { useI18n } from "@/lib/i18n/i18n";
import { percentText } from "@/lib/percent";
import { usePartner } from "./api/partners";
import { PartnerBadge } from "./components/columns";
import { PartnerExternalLed } from "./components/ExternalLed";
import { PartnerLedger } from "./components/Ledger";
import { PartnerReferrals } from "./components/Referrals";
import { RecordPayoutModal } from "./components/RecordPayoutModal";
import classes from "./components/Partners.module.css";
import type { PartnerTab } from "./search";

const route = getRouteApi("/_app/accounts/partners/$partnerId");

/**
 * PartnerDetailPage is a partner's page: whether it is a partner now, its
 * commission, its ledger's sums, and the tabs Referrals (the organizations
 * it referred), Ledger (its commissions, clawbacks and payouts) and
 * External-led (the organizations it runs from outside); Record payout…
 * pays out what it is owed.
 */
export function PartnerDetailPage() {
  const i18n = useI18n();
  const { t, locale } = i18n;
  const { partnerId } = route.useParams();
  const { tab } = route.useSearch();
  const navigate = useNavigate({ from: "/accounts/partners/$partnerId" });
  const canPay = usePermission(Permission.PAYMENTS_WRITE);
  const [paying, setPaying] = useState(false);
  const query = usePartner(partnerId);
  const crumbs = [{ label: t("partners.title"), to: "/accounts/partners" as const }];

  if (query.isPending) {
    return (
      <DetailPageLoading crumbs={crumbs}>
        <Skeleton height={96} />
        <Skeleton height={260} />
      </DetailPageLoading>
    );
  }
  if (query.error || !query.data) {
    return (
      <DetailPageMissing
        crumbs={crumbs}
        title={t("partners.title")}
        error={query.error}
        onRetry={() => void query.refetch()}
        icon={<IconAffiliate size={22} />}
        notFound={t("partners.notFound")}
      />
    );
  }

  const partner = query.data;
  const name = partner.name || partner.organizationId;
  const owed = partner.balanceCents > 0n;
  return (
    <>
      <PageHeader
        breadcrumbs={crumbs}
        title={name}
        badge={<PartnerBadge partner={partner} i18n={i18n} />}
        description={t("partners.commissionOf", {
          percent: percentText(partner.commissionBasisPoints, locale),
        })}
        actions={
          <Group gap="sm">
            <ButtonLink
              to="/organizations/$organizationId"
              params={{ organizationId: partner.organizationId }}
              variant="default"
              leftSection={<IconBuildingStore size={16} />}
            >
              {t("partners.organizationPage")}
            </ButtonLink>
            {canPay && (
              <Tooltip label={t("partners.payout.nothingOwed")} disabled={owed}>
                <Button
                  leftSection={<IconCash size={16} />}
                  onClick={() => setPaying(true)}
                  disabled={!owed}
                >
                  {t("partners.payout.action")}
                </Button>
              </Tooltip>
            )}
          </Group>
        }
      />
      <Sums partner={partner} />
      <Tabs
        value={tab}
        onChange={(value) =>
          value && void navigate({ search: { tab: value as PartnerTab }, replace: true })
        }
        keepMounted={false}
      >
        <Tabs.List mb="lg">
          <Tabs.Tab value="referrals">
            {t("partners.tab.referrals", { count: i18n.formatNumber(partner.referrals) })}
          </Tabs.Tab>
          <Tabs.Tab value="ledger">{t("partners.tab.ledger")}</Tabs.Tab>
          <Tabs.Tab value="external">
            {t("partners.tab.external", { count: i18n.formatNumber(partner.externalLed) })}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="referrals">
          <PartnerReferrals
            partnerId={partner.organizationId}
            name={name}
            currency={partner.currency || "EUR"}
          />
        </Tabs.Panel>
        <Tabs.Panel value="ledger">
          <PartnerLedger partnerId={partner.organizationId} name={name} />
        </Tabs.Panel>
        <Tabs.Panel value="external">
          <PartnerExternalLed partnerId={partner.organizationId} name={name} />
        </Tabs.Panel>
      </Tabs>
      <RecordPayoutModal partner={partner} opened={paying} onClose={() => setPaying(false)} />
    </>
  );
}

/** Sums are the partner's ledger in three figures: earned, paid out, owed. */
function Sums({ partner }: { partner: Partner }) {
  const { t, formatMoney } = useI18n();
  const money = (cents: bigint) => formatMoney(cents, partner.currency || "EUR");
  const figures = [
    {
      id: "earned",
      label: t("partners.col.earned"),
      value: partner.earnedCents,
      hint: t("partners.earnedHint"),
    },
    {
      id: "paidOut",
      label: t("partners.col.paidOut"),
      value: partner.paidOutCents,
      hint: t("partners.paidOutHint"),
    },
    {
      id: "balance",
      label: t("partners.col.balance"),
      value: partner.balanceCents,
      hint: t("partners.balanceHint"),
    },
  ];
  return (
    <Paper withBorder p="md" mb="lg" role="region" aria-label={t("partners.sums")}>
      <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="lg">
        {figures.map((f) => (
          <Stack key={f.id} gap={2} className={classes.figure} data-testid={`sum-${f.id}`}>
            <Text fz="xs" c="dimmed" fw={600} tt="uppercase" truncate>
              {f.label}
            </Text>
            <Text fz="lg" fw={700} className="tabular-nums" truncate>
              {money(f.value)}
            </Text>
            <Text fz="xs" c="dimmed" truncate>
              {f.hint}
            </Text>
          </Stack>
        ))}
      </SimpleGrid>
    </Paper>
  );
}
