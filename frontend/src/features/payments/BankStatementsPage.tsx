import { timestampDate } from "@bufbuild/protobuf/wkt";
import { Code as ConnectCode } from "@connectrpc/connect";
import { Alert, Button, FileInput, Group, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconBuildingBank, IconFileImport, IconLink, IconUpload } from "@tabler/icons-react";
import { useMemo, useState } from "react";
import type {
  BankLine,
  BankStatement,
  ImportBankStatementResponse,
} from "@leitstand/sdk/leitstand/admin/v1/bank_statement_service_pb.js";
import {
  actionsColumn,
  DataTable,
  pagingProps,
  type Column,
} from "@/components/data-table/DataTable";
import classes from "@/components/data-table/columns.module.css";
import { RowActions } from "@/components/row-actions/RowActions";
import { StatusBadge } from "@/components/ui/Badges";
import { DetailList } from "@/components/ui/DetailList";
import { PageHeader } from "@/components/ui/PageHeader";
import { SavedViews } from "@/components/saved-views/SavedViews";
import { Section } from "@/components/ui/Section";
import { ServerText } from "@/components/ui/ServerText";
import { asConnectError, errorMessage } from "@/lib/api-errors";
import { Permission, usePermission } from "@/lib/auth";
import { formatCivilDate } from "@/lib/format";
import { useI18n, type I18n, type MessageKey } from "@/lib/i18n/i18n";
import {
  useBankStatements,
  useCheckBankStatement,
  useIgnoreBankLine,
  useImportBankStatement,
  useWaitingBankLines,
} from "./api/bank";
import { lineStatusKey, lineStatusTone, matchKey } from "./bank";
import { AssignBankLineModal } from "./components/AssignBankLineModal";

/**
 * BankStatementsPage imports the bank's statements (checked first, then
 * imported), lists the entries waiting for staff to assign to an invoice or
 * set aside, and the statements imported so far.
 */
export function BankStatementsPage() {
  const { t } = useI18n();
  const canWrite = usePermission(Permission.PAYMENTS_WRITE);
  return (
    <Stack gap="lg">
      <PageHeader
        breadcrumbs={[{ label: t("payments.title"), to: "/payments" as const }]}
        title={t("payments.bank.title")}
        description={t("payments.bank.description")}
      />
      {canWrite && <BankImport />}
      <WaitingLines canWrite={canWrite} />
      <Statements />
    </Stack>
  );
}

/** The statement file as read, to send again for the import after its check. */
interface StatementFile {
  fileName: string;
  content: Uint8Array;
}

/** The title of an import's refusal: the three the contract names, the server's message otherwise. */
const refusalKey: Partial<Record<ConnectCode, MessageKey>> = {
  [ConnectCode.AlreadyExists]: "payments.bank.error.alreadyImported",
  [ConnectCode.FailedPrecondition]: "payments.bank.error.unknownAccount",
  [ConnectCode.InvalidArgument]: "payments.bank.error.notStatement",
};

/** BankImport checks an uploaded statement, shows what importing it would do, and imports it. */
function BankImport() {
  const i18n = useI18n();
  const { t, formatNumber } = i18n;
  const check = useCheckBankStatement();
  const save = useImportBankStatement();
  const [file, setFile] = useState<File | null>(null);
  const [statement, setStatement] = useState<StatementFile | null>(null);
  const [preview, setPreview] = useState<ImportBankStatementResponse | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const columns = useMemo(() => lineColumns(i18n, { result: true }), [i18n]);

  const reset = () => {
    setFile(null);
    setStatement(null);
    setPreview(null);
    setFailure(null);
  };

  const choose = async (chosen: File | null) => {
    reset();
    if (!chosen) return;
    setFile(chosen);
    const read = { fileName: chosen.name, content: new Uint8Array(await chosen.arrayBuffer()) };
    setStatement(read);
    try {
      setPreview(await check.mutateAsync({ ...read, validateOnly: true }));
    } catch (error) {
      setFailure(error);
    }
  };

  const runImport = async () => {
    if (!statement) return;
    setFailure(null);
    try {
      const done = await save.mutateAsync({ ...statement, validateOnly: false });
      notifications.show({
        color: "teal",
        message: t("payments.bank.imported", {
          matched: formatNumber(done.statement?.matched ?? 0),
          unmatched: formatNumber(done.statement?.unmatched ?? 0),
        }),
      });
      reset();
    } catch (error) {
      setFailure(error);
    }
  };

  const s = preview?.statement;
  return (
    <Section title={t("payments.bank.import.title")}>
      <Stack gap="md">
        <FileInput
          label={t("payments.bank.import.file")}
          description={t("payments.bank.import.fileHint")}
          placeholder={t("payments.bank.import.choose")}
          accept=".xml,.csv"
          leftSection={<IconUpload size={16} />}
          value={file}
          onChange={(chosen) => void choose(chosen)}
          clearable
          disabled={check.isPending || save.isPending}
          maw={480}
        />
        {check.isPending && (
          <Text fz="sm" c="dimmed">
            {t("payments.bank.import.checking")}
          </Text>
        )}
        {failure !== null && <ImportRefusal error={failure} />}
        {preview && s && (
          <Stack gap="md" data-testid="bank-preview">
            <Text fz="sm">{t("payments.bank.import.previewIntro")}</Text>
            <DetailList
              cols={4}
              items={[
                { label: t("payments.bank.count.matched"), value: formatNumber(s.matched) },
                { label: t("payments.bank.count.unmatched"), value: formatNumber(s.unmatched) },
                { label: t("payments.bank.count.ignored"), value: formatNumber(s.ignored) },
                { label: t("payments.bank.count.duplicates"), value: formatNumber(s.duplicates) },
                { label: t("payments.bank.col.account"), value: s.account || "—" },
                { label: t("payments.bank.col.format"), value: s.format || "—" },
              ]}
            />
            <DataTable
              label={t("payments.bank.import.previewTable")}
              columns={columns}
              rows={preview.lines}
              rowKey={(l) => `${l.ref}/${l.bookingDate}/${l.amountCents}`}
              dense
              empty={
                <Text fz="sm" c="dimmed" p="md">
                  {t("payments.bank.import.noLines")}
                </Text>
              }
            />
            <Group gap="sm">
              <Button
                leftSection={<IconFileImport size={16} />}
                onClick={() => void runImport()}
                loading={save.isPending}
              >
                {t("payments.bank.import.run")}
              </Button>
              <Button variant="default" onClick={reset} disabled={save.isPending}>
                {t("common.cancel")}
              </Button>
            </Group>
          </Stack>
        )}
      </Stack>
    </Section>
  );
}

/** ImportRefusal says why a statement cannot be imported, with the server's own words. */
function ImportRefusal({ error }: { error: unknown }) {
  const { t } = useI18n();
  const err = asConnectError(error);
  const key = refusalKey[err.code];
  return (
    <Alert
      color="red"
      variant="light"
      title={key ? t(key) : t("payments.bank.error.title")}
      role="alert"
    >
      {key ? <ServerText text={err.rawMessage} /> : <Text fz="sm">{errorMessage(error)}</Text>}
    </Alert>
  );
}

/** lineColumns are an entry's columns: in the preview with what the import makes of it. */
function lineColumns(i18n: I18n, { result }: { result: boolean }): Column<BankLine>[] {
  const { t, locale, formatMoney } = i18n;
  const dimmed = <span className={classes.dimmed}>—</span>;
  const columns: Column<BankLine>[] = [
    {
      id: "bookingDate",
      header: t("payments.bank.col.bookingDate"),
      width: 110,
      cell: (l) => <span className={classes.nowrap}>{formatCivilDate(l.bookingDate, locale)}</span>,
    },
    {
      id: "counterparty",
      header: t("payments.bank.col.counterparty"),
      cell: (l) => (
        <Stack gap={0}>
          <Text fz="sm" lineClamp={2}>
            {l.counterpartyName || "—"}
          </Text>
          {l.counterpartyIban && (
            <Text fz="xs" c="dimmed" ff="monospace">
              {l.counterpartyIban}
            </Text>
          )}
        </Stack>
      ),
    },
    {
      id: "amount",
      header: t("payments.bank.col.amount"),
      width: 110,
      align: "right",
      keepOnMobile: true,
      cell: (l) => (
        <span className={`tabular-nums ${classes.nowrap}`}>
          {formatMoney(l.amountCents, l.currency || "EUR")}
        </span>
      ),
    },
    {
      id: "remittance",
      header: t("payments.bank.col.remittance"),
      hideOnMobile: true,
      cell: (l) =>
        l.remittance ? (
          <Text fz="sm" lineClamp={2} title={l.remittance}>
            {l.remittance}
          </Text>
        ) : (
          dimmed
        ),
    },
  ];
  if (result) {
    columns.push({
      id: "result",
      header: t("payments.bank.col.result"),
      width: 170,
      cell: (l) => (
        <Stack gap={2} align="flex-start">
          <StatusBadge tone={lineStatusTone[l.status] ?? "unknown"}>
            {t(lineStatusKey[l.status] ?? "payments.bank.status.UNSPECIFIED")}
          </StatusBadge>
          <Text fz="xs" c="dimmed">
            {t(matchKey[l.match] ?? "payments.bank.match.UNSPECIFIED")}
            {l.invoiceNumber ? ` · ${l.invoiceNumber}` : ""}
          </Text>
        </Stack>
      ),
    });
  }
  columns.push({
    id: "why",
    header: t("payments.bank.col.why"),
    hideOnMobile: true,
    cell: (l) => (l.why ? <ServerText text={l.why} fz="xs" lineClamp={3} /> : dimmed),
  });
  return columns;
}

/** WaitingLines is the queue of credits no invoice could be found for, to assign or set aside. */
function WaitingLines({ canWrite }: { canWrite: boolean }) {
  const i18n = useI18n();
  const { t, formatMoney } = i18n;
  const list = useWaitingBankLines();
  // mutateAsync keeps its identity across renders: the columns are built once.
  const ignoreLine = useIgnoreBankLine().mutateAsync;
  const [assigning, setAssigning] = useState<BankLine | null>(null);
  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.lines) ?? [], [list.data]);
  const total = list.data?.pages[0]?.totalSize;
  const columns = useMemo(() => {
    const base = lineColumns(i18n, { result: false });
    if (!canWrite) return base;
    return [
      ...base,
      actionsColumn<BankLine>((l) => {
        const label = `${l.counterpartyName || l.ref} ${formatMoney(l.amountCents, l.currency || "EUR")}`;
        return (
          <Group gap={4} wrap="nowrap" justify="flex-end">
            <Button
              size="xs"
              variant="default"
              leftSection={<IconLink size={14} />}
              onClick={() => setAssigning(l)}
              aria-label={`${t("payments.bank.assign")}: ${label}`}
            >
              {t("payments.bank.assign")}
            </Button>
            <RowActions
              label={label}
              actions={[
                {
                  id: "ignore",
                  label: t("payments.bank.ignore"),
                  title: t("payments.bank.ignoreTitle"),
                  message: t("payments.bank.ignoreMessage"),
                  confirmLabel: t("payments.bank.ignore"),
                  reason: "required",
                  run: ({ reason }) => ignoreLine({ id: l.id, reason }),
                  successMessage: t("payments.bank.ignored"),
                },
              ]}
            />
          </Group>
        );
      }, 210),
    ];
  }, [i18n, canWrite, ignoreLine, t, formatMoney]);

  return (
    <Section
      title={t("payments.bank.waiting.title")}
      actions={<SavedViews page="bank_statements" />}
    >
      <Stack gap="sm">
        <Text fz="sm" c="dimmed">
          {t("payments.bank.waiting.hint")}
        </Text>
        <DataTable
          view="bank_statements"
          label={t("payments.bank.waiting.title")}
          columns={columns}
          rows={rows}
          rowKey={(l) => l.id}
          {...pagingProps(list)}
          dense
          total={total}
          noun={{
            one: "payments.bank.count.one",
            other: "payments.bank.count.other",
            showing: "payments.bank.count.showing",
          }}
          empty={
            <Text fz="sm" c="dimmed" p="md" data-testid="bank-waiting-empty">
              {t("payments.bank.waiting.empty")}
            </Text>
          }
        />
      </Stack>
      <AssignBankLineModal
        opened={assigning !== null}
        onClose={() => setAssigning(null)}
        line={assigning}
      />
    </Section>
  );
}

/** Statements lists the imported statements with what became of their entries. */
function Statements() {
  const i18n = useI18n();
  const { t, formatDateTime, formatNumber } = i18n;
  const list = useBankStatements();
  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.statements) ?? [], [list.data]);
  const count = (n: number) => <span className="tabular-nums">{formatNumber(n)}</span>;
  const columns: Column<BankStatement>[] = [
    {
      id: "created",
      header: t("payments.bank.col.imported"),
      width: 160,
      cell: (s) => (
        <span className={classes.nowrap}>
          {s.createTime ? formatDateTime(timestampDate(s.createTime)) : "—"}
        </span>
      ),
    },
    {
      id: "file",
      header: t("payments.bank.col.file"),
      cell: (s) => (
        <Stack gap={0}>
          <Text fz="sm" lineClamp={1} title={s.fileName}>
            {s.fileName}
          </Text>
          <Text fz="xs" c="dimmed" ff="monospace">
            {s.account}
          </Text>
        </Stack>
      ),
    },
    {
      id: "matched",
      header: t("payments.bank.count.matched"),
      width: 110,
      align: "right",
      cell: (s) => count(s.matched),
    },
    {
      id: "unmatched",
      header: t("payments.bank.count.unmatched"),
      width: 110,
      align: "right",
      keepOnMobile: true,
      cell: (s) => count(s.unmatched),
    },
    {
      id: "ignored",
      header: t("payments.bank.count.ignored"),
      width: 150,
      align: "right",
      hideOnMobile: true,
      cell: (s) => count(s.ignored),
    },
    {
      id: "duplicates",
      header: t("payments.bank.count.duplicates"),
      width: 150,
      align: "right",
      hideOnMobile: true,
      cell: (s) => count(s.duplicates),
    },
    {
      id: "importedBy",
      header: t("payments.bank.col.importedBy"),
      hideOnMobile: true,
      cell: (s) => <span className={classes.truncate}>{s.importedByEmail || "—"}</span>,
    },
  ];
  return (
    <Section title={t("payments.bank.statements.title")}>
      <DataTable
        label={t("payments.bank.statements.title")}
        columns={columns}
        rows={rows}
        rowKey={(s) => s.id}
        {...pagingProps(list)}
        dense
        noun={{
          one: "payments.bank.statements.count.one",
          other: "payments.bank.statements.count.other",
          showing: "payments.bank.statements.count.showing",
        }}
        empty={
          <Stack align="center" gap="xs" p="md">
            <IconBuildingBank size={22} />
            <Text fz="sm" c="dimmed">
              {t("payments.bank.statements.empty")}
            </Text>
          </Stack>
        }
      />
    </Section>
  );
}
