import { timestampDate } from "@bufbuild/protobuf/wkt";
import {
  Alert,
  Badge,
  Button,
  Code,
  Collapse,
  Group,
  List,
  Stack,
  Text,
  Tooltip,
} from "@mantine/core";
import {
  IconAlertTriangle,
  IconChevronDown,
  IconChevronRight,
  IconDownload,
} from "@tabler/icons-react";
import { useState } from "react";
import type {
  EInvoiceCheck,
  EInvoiceMade,
  EInvoiceRule,
} from "@leitstand/sdk/leitstand/admin/v1/invoice_service_pb.js";
import { EInvoiceFormat } from "@leitstand/sdk/leitstand/admin/v1/organization_service_pb.js";
import { StatusBadge } from "@/components/ui/Badges";
import { errorMessage } from "@/lib/api-errors";
import { useI18n } from "@/lib/i18n/i18n";
import { useEInvoiceDownload } from "../api/invoices";

/**
 * The formats an invoice is offered in, in the order of the buttons, with
 * the rule sets each is checked against.
 */
const formats = [
  {
    format: EInvoiceFormat.ZUGFERD,
    key: "invoices.eInvoice.format.ZUGFERD",
    ruleSets: "EN 16931",
  },
  {
    format: EInvoiceFormat.XRECHNUNG_CII,
    key: "invoices.eInvoice.format.XRECHNUNG_CII",
    ruleSets: "EN 16931 + XRechnung 3.0",
  },
  {
    format: EInvoiceFormat.XRECHNUNG_UBL,
    key: "invoices.eInvoice.format.XRECHNUNG_UBL",
    ruleSets: "EN 16931 + XRechnung 3.0",
  },
] as const;

/** eInvoiceFormatKey is the text key of a format's name ("XRechnung (UBL)"); none for an unknown format. */
export function eInvoiceFormatKey(format: EInvoiceFormat) {
  return formats.find((f) => f.format === format)?.key;
}

/**
 * rules splits a refusal into the rules it names ("BR-DE-15: …; PEPPOL-
 * EN16931-R010: …"), one per item; text that names no rule stays whole.
 */
function rules(message: string): string[] {
  return message.split(/; (?=[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+: )/);
}

/**
 * EInvoiceDownloads offers an invoice as an e-invoice in each format, with
 * what the rules say of each. Each button fetches it and saves it under
 * the server's file name. A format that breaks a rule (and was not made
 * before) cannot be made, so its button is disabled and the rules it
 * breaks are listed; a refusal of the server is said here with its
 * message, until the format is asked for again.
 */
export function EInvoiceDownloads({
  invoiceId,
  made = [],
  checks = [],
  preferred = EInvoiceFormat.UNSPECIFIED,
}: {
  invoiceId: string;
  /** The e-invoices made of it so far: each kept the rules when it was made. */
  made?: readonly EInvoiceMade[];
  /** What the rules say of it in each format; a format without a check is offered as is. */
  checks?: readonly EInvoiceCheck[];
  /** The format the organization prefers. */
  preferred?: EInvoiceFormat;
}) {
  const { t, formatDateTime } = useI18n();
  const madeAs = new Map(made.map((m) => [m.format, m]));
  const checkOf = new Map(checks.map((c) => [c.format, c]));
  const download = useEInvoiceDownload();
  const [loading, setLoading] = useState<ReadonlySet<EInvoiceFormat>>(new Set());
  const [refusals, setRefusals] = useState<ReadonlyMap<EInvoiceFormat, string>>(new Map());
  // An invalid format is not made; one made before is kept and still served.
  const blocked = (format: EInvoiceFormat) =>
    checkOf.get(format)?.valid === false && !madeAs.has(format);

  const run = async (format: EInvoiceFormat) => {
    setLoading((l) => new Set(l).add(format));
    setRefusals((r) => {
      const next = new Map(r);
      next.delete(format);
      return next;
    });
    try {
      await download(invoiceId, format);
    } catch (err) {
      setRefusals((r) => new Map(r).set(format, errorMessage(err)));
    } finally {
      setLoading((l) => {
        const next = new Set(l);
        next.delete(format);
        return next;
      });
    }
  };

  return (
    <Stack gap="sm" data-testid="e-invoice">
      <Text fz="sm" c="dimmed">
        {t("invoices.eInvoice.description")}
      </Text>
      <Group gap="sm" wrap="wrap">
        {formats.map(({ format, key }) => {
          const button = (
            <Button
              key={format}
              size="xs"
              variant="default"
              leftSection={<IconDownload size={14} />}
              loading={loading.has(format)}
              disabled={blocked(format)}
              onClick={() => void run(format)}
              rightSection={
                format === preferred ? (
                  <Badge size="xs" variant="light">
                    {t("invoices.eInvoice.preferred")}
                  </Badge>
                ) : undefined
              }
            >
              {t(key)}
            </Button>
          );
          if (!blocked(format)) return button;
          const count = checkOf.get(format)?.violations.length ?? 0;
          return (
            // A disabled button gets no pointer events: the tooltip sits on a wrapper.
            <Tooltip
              key={format}
              label={t("invoices.eInvoice.blocked", { format: t(key), count })}
              multiline
              w={260}
            >
              <span data-testid={`e-invoice-blocked-${format}`}>{button}</span>
            </Tooltip>
          );
        })}
      </Group>
      <List size="xs" spacing={6} data-testid="e-invoices-made">
        {formats.map(({ format, key, ruleSets }) => {
          const m = madeAs.get(format);
          const check = checkOf.get(format);
          return (
            <List.Item key={format} data-testid={`e-invoice-check-${format}`}>
              <Text span fz="xs" c="dimmed">
                {t(key)}:
              </Text>{" "}
              {check && (
                <>
                  <StatusBadge size="xs" tone={check.valid ? "ok" : "critical"}>
                    {t(check.valid ? "invoices.eInvoice.valid" : "invoices.eInvoice.invalid")}
                  </StatusBadge>{" "}
                  <Text span fz="xs" c="dimmed">
                    {ruleSets} ·
                  </Text>{" "}
                </>
              )}
              <Text span fz="xs" c="dimmed">
                {m?.createTime
                  ? t("invoices.eInvoice.made", {
                      time: formatDateTime(timestampDate(m.createTime)),
                    })
                  : blocked(format)
                    ? t("invoices.eInvoice.notMadeInvalid", {
                        count: check?.violations.length ?? 0,
                      })
                    : t("invoices.eInvoice.notMade")}
              </Text>
              {check && !check.valid && check.violations.length > 0 && (
                <RuleList rules={check.violations} testId={`e-invoice-violations-${format}`} />
              )}
              {check && check.warnings.length > 0 && (
                <Warnings rules={check.warnings} testId={`e-invoice-warnings-${format}`} />
              )}
            </List.Item>
          );
        })}
      </List>
      {formats.map(({ format, key }) => {
        const message = refusals.get(format);
        if (message === undefined) return null;
        const items = rules(message);
        return (
          <Alert
            key={format}
            color="red"
            variant="light"
            icon={<IconAlertTriangle size={16} />}
            title={t("invoices.eInvoice.refused", { format: t(key) })}
            data-testid={`e-invoice-refusal-${format}`}
          >
            {items.length > 1 ? (
              <List size="sm" spacing={2}>
                {items.map((item) => (
                  <List.Item key={item}>{item}</List.Item>
                ))}
              </List>
            ) : (
              <Text fz="sm">{message}</Text>
            )}
          </Alert>
        );
      })}
    </Stack>
  );
}

/** RuleList lists rules of EN 16931 or XRechnung: each rule's id, then what it says. */
function RuleList({
  rules,
  dimmed = false,
  testId,
}: {
  rules: readonly EInvoiceRule[];
  dimmed?: boolean;
  testId?: string;
}) {
  return (
    <List size="xs" spacing={2} mt={4} withPadding listStyleType="none" data-testid={testId}>
      {rules.map((r, i) => (
        <List.Item key={`${r.rule}-${i}`}>
          <Code fz="xs">{r.rule}</Code>{" "}
          <Text span fz="xs" c={dimmed ? "dimmed" : undefined}>
            {r.message}
          </Text>
        </List.Item>
      ))}
    </List>
  );
}

/**
 * Warnings are the recommendations an e-invoice does not follow: they do
 * not make it invalid, so they stay folded away until asked for.
 */
function Warnings({ rules, testId }: { rules: readonly EInvoiceRule[]; testId?: string }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <div data-testid={testId}>
      <Button
        variant="subtle"
        color="gray"
        size="compact-xs"
        mt={2}
        leftSection={open ? <IconChevronDown size={12} /> : <IconChevronRight size={12} />}
        onClick={() => setOpen((o) => !o)}
        aria-expanded={open}
      >
        {t("invoices.eInvoice.warnings", { count: rules.length })}
      </Button>
      <Collapse expanded={open}>{open && <RuleList rules={rules} dimmed />}</Collapse>
    </div>
  );
}
