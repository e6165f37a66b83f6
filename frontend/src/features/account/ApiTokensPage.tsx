import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Code,
  CopyButton,
  Group,
  Stack,
  Switch,
  Text,
  TextInput,
  Tooltip,
} from "@mantine/core";
import { DateInput, DatesProvider } from "@mantine/dates";
import "@mantine/dates/styles.layer.css";
import "dayjs/locale/de";
import { useForm } from "@mantine/form";
import { timestampDate, timestampFromDate } from "@bufbuild/protobuf/wkt";
import { IconCheck, IconCopy, IconKey, IconKeyOff, IconPlus } from "@tabler/icons-react";
import { useMemo, useState } from "react";
import type { ApiToken } from "@leitstand/sdk/leitstand/admin/v1/auth_service_pb.js";
import {
  actionsColumn,
  DataTable,
  pagingProps,
  type Column,
} from "@/components/data-table/DataTable";
import { RowActions } from "@/components/row-actions/RowActions";
import { EmptyState } from "@/components/ui/EmptyState";
import { FormFooter } from "@/components/ui/FormActions";
import { FormModal } from "@/components/ui/FormModal";
import { PageHeader } from "@/components/ui/PageHeader";
import { RelativeTime } from "@/components/ui/RelativeTime";
import { fieldPaths, useFormFailure } from "@/lib/forms";
import { useI18n } from "@/lib/i18n/i18n";
import { useApiTokens, useCreateApiToken, useRevokeApiToken } from "./api/tokens";

function tokenState(token: ApiToken): "active" | "revoked" | "expired" {
  if (token.revokeTime) return "revoked";
  if (token.expireTime && timestampDate(token.expireTime) < new Date()) return "expired";
  return "active";
}

export function ApiTokensPage() {
  const { t, formatDate } = useI18n();
  const [showInactive, setShowInactive] = useState(false);
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const list = useApiTokens(showInactive);
  const revoke = useRevokeApiToken();
  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.apiTokens) ?? [], [list.data]);

  const columns: Column<ApiToken>[] = [
    {
      id: "name",
      header: t("tokens.name"),
      cell: (tok) => (
        <Stack gap={0}>
          <Text fz="sm" fw={600}>
            {tok.name}
          </Text>
          <Text fz="xs" c="dimmed" ff="monospace">
            {tok.prefix}…
          </Text>
        </Stack>
      ),
    },
    {
      id: "status",
      header: t("tokens.status"),
      width: 130,
      cell: (tok) => {
        const state = tokenState(tok);
        return (
          <Badge color={state === "active" ? "teal" : "gray"} variant="light">
            {t(`tokens.${state}`)}
          </Badge>
        );
      },
    },
    {
      id: "created",
      header: t("common.created"),
      width: 140,
      cell: (tok) => (tok.createTime ? formatDate(timestampDate(tok.createTime)) : "—"),
    },
    {
      id: "expires",
      header: t("tokens.expires"),
      width: 140,
      cell: (tok) =>
        tok.expireTime ? formatDate(timestampDate(tok.expireTime)) : t("common.never"),
    },
    {
      id: "lastUsed",
      header: t("tokens.lastUsed"),
      width: 160,
      hideOnMobile: true,
      cell: (tok) =>
        tok.lastUseTime ? <RelativeTime time={tok.lastUseTime} /> : t("common.never"),
    },
    actionsColumn((tok) => (
      <RowActions
        label={tok.name}
        actions={[
          {
            id: "revoke",
            label: t("tokens.revoke"),
            icon: <IconKeyOff size={16} />,
            color: "red",
            hidden: tokenState(tok) !== "active",
            danger: true,
            title: t("tokens.revokeTitle", { name: tok.name }),
            message: t("tokens.revokeBody"),
            confirmLabel: t("tokens.revoke"),
            reason: "none",
            successMessage: t("tokens.revoked.notice"),
            run: () => revoke.mutateAsync({ id: tok.id }),
          },
        ]}
      />
    )),
  ];

  return (
    <>
      <PageHeader
        title={t("tokens.title")}
        description={t("tokens.description")}
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
            {t("tokens.create")}
          </Button>
        }
      />
      <Group mb="md">
        <Switch
          label={t("tokens.showInactive")}
          checked={showInactive}
          onChange={(e) => setShowInactive(e.currentTarget.checked)}
        />
      </Group>
      <DataTable
        label={t("tokens.title")}
        columns={columns}
        rows={rows}
        rowKey={(tok) => tok.id}
        {...pagingProps(list)}
        empty={<EmptyState icon={<IconKey size={22} />} title={t("tokens.empty")} />}
      />
      <FormModal opened={creating} onClose={() => setCreating(false)} title={t("tokens.create")}>
        <CreateTokenForm
          onCreated={(value) => {
            setCreating(false);
            setSecret(value);
          }}
          onCancel={() => setCreating(false)}
        />
      </FormModal>
      <FormModal
        opened={secret !== null}
        onClose={() => setSecret(null)}
        title={t("tokens.secretTitle")}
        closeOnClickOutside={false}
      >
        <Stack gap="md">
          <Alert color="yellow" variant="light">
            {t("tokens.secretBody")}
          </Alert>
          <Group gap="xs" wrap="nowrap">
            <Code
              block
              style={{ flex: 1, overflowWrap: "anywhere", whiteSpace: "pre-wrap" }}
              data-testid="token-secret"
            >
              {secret}
            </Code>
            <CopyButton value={secret ?? ""}>
              {({ copied, copy }) => (
                <Tooltip label={copied ? t("common.copied") : t("common.copy")}>
                  <ActionIcon
                    variant="light"
                    color={copied ? "teal" : undefined}
                    size="lg"
                    onClick={copy}
                    aria-label={t("common.copy")}
                  >
                    {copied ? <IconCheck size={18} /> : <IconCopy size={18} />}
                  </ActionIcon>
                </Tooltip>
              )}
            </CopyButton>
          </Group>
          <Group justify="flex-end">
            <Button onClick={() => setSecret(null)}>{t("common.close")}</Button>
          </Group>
        </Stack>
      </FormModal>
    </>
  );
}

function CreateTokenForm({
  onCreated,
  onCancel,
}: {
  onCreated: (secret: string) => void;
  onCancel: () => void;
}) {
  const { t, locale } = useI18n();
  const create = useCreateApiToken();
  const form = useForm<{ name: string; expireTime: string | null }>({
    initialValues: { name: "", expireTime: null },
    validate: { name: (v) => (v.trim() === "" ? t("validation.required") : null) },
  });
  const { failure, showFailure, clearFailure } = useFormFailure(form);
  const submit = form.onSubmit(async (values) => {
    clearFailure();
    try {
      const expire = values.expireTime ? new Date(`${values.expireTime}T23:59:59`) : undefined;
      const response = await create.mutateAsync({
        name: values.name.trim(),
        expireTime: expire ? timestampFromDate(expire) : undefined,
      });
      onCreated(response.secret);
    } catch (error) {
      showFailure(error, fieldPaths(values));
    }
  });
  return (
    <DatesProvider settings={{ locale, firstDayOfWeek: 1 }}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <TextInput
            label={t("tokens.name")}
            placeholder={t("tokens.namePlaceholder")}
            withAsterisk
            data-autofocus
            {...form.getInputProps("name")}
          />
          <DateInput
            label={t("tokens.expires")}
            placeholder={t("tokens.expiresPlaceholder")}
            clearable
            minDate={new Date()}
            valueFormat={locale === "de" ? "DD.MM.YYYY" : "D MMM YYYY"}
            popoverProps={{ withinPortal: true }}
            {...form.getInputProps("expireTime")}
          />
          <FormFooter
            failure={failure}
            onCancel={onCancel}
            submit={{ label: t("tokens.create"), loading: create.isPending }}
          />
        </Stack>
      </form>
    </DatesProvider>
  );
}
