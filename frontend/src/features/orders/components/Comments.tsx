import { timestampDate } from "@bufbuild/protobuf/wkt";
import {
  Badge,
  Button,
  Group,
  Paper,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { OrderCommentVisibility } from "@leitstand/sdk/leitstand/admin/v1/order_service_pb.js";
import { FormFailure } from "@/components/ui/FormActions";
import { Section } from "@/components/ui/Section";
import { fieldPaths, useFormFailure } from "@/lib/forms";
import { useI18n } from "@/lib/i18n/i18n";
import { useAddComment, useComments } from "../api/orders";
import { commentText } from "../comments";
import type { VisibilityName } from "../names";
import { visibilityName } from "../status";

/**
 * Comments is an order's thread, oldest first: people's comments as they
 * wrote them, the platform's status changes worded in the interface's
 * language, each marked with who reads it; and, for those who may, the
 * form that adds one.
 */
export function Comments({ orderId, canWrite }: { orderId: string; canWrite: boolean }) {
  const i18n = useI18n();
  const { t, formatDateTime } = i18n;
  const list = useComments(orderId);
  const comments = list.data?.pages.flatMap((p) => p.comments) ?? [];
  return (
    <Section title={t("orders.comments")}>
      <Stack gap="sm">
        {comments.length === 0 ? (
          <Text c="dimmed" fz="sm">
            {list.isPending ? "…" : t("orders.commentsEmpty")}
          </Text>
        ) : (
          <Stack gap="xs" data-testid="comments">
            {comments.map((c) => {
              const worded = commentText(i18n, c);
              const visibility = visibilityName(c.visibility);
              return (
                <Paper
                  key={c.id}
                  withBorder
                  p="sm"
                  data-visibility={visibility}
                  bg={visibility === "INTERNAL" ? "var(--mantine-color-default-hover)" : undefined}
                >
                  <Group justify="space-between" gap="xs" mb={4} wrap="nowrap">
                    <Text fz="xs" c="dimmed">
                      {c.createTime ? formatDateTime(timestampDate(c.createTime)) : ""} ·{" "}
                      {c.authorEmail || t("orders.comment.system")}
                    </Text>
                    <Badge
                      size="xs"
                      variant="light"
                      color={visibility === "CUSTOMER" ? "blue" : "gray"}
                    >
                      {t(`orders.comment.${visibility}`)}
                    </Badge>
                  </Group>
                  <Text
                    fz="sm"
                    style={{ whiteSpace: "pre-wrap" }}
                    lang={worded.english ? "en" : undefined}
                  >
                    {worded.text}
                  </Text>
                  {worded.reason && (
                    <Text fz="sm" c="dimmed" style={{ whiteSpace: "pre-wrap" }}>
                      {worded.reason}
                    </Text>
                  )}
                </Paper>
              );
            })}
          </Stack>
        )}
        {list.hasNextPage && (
          <Button
            variant="subtle"
            size="xs"
            loading={list.isFetchingNextPage}
            onClick={() => void list.fetchNextPage()}
          >
            {t("common.loadMore")}
          </Button>
        )}
        {canWrite && <AddCommentForm orderId={orderId} />}
      </Stack>
    </Section>
  );
}

function AddCommentForm({ orderId }: { orderId: string }) {
  const { t } = useI18n();
  const add = useAddComment();
  // Internal unless chosen otherwise: what the customer reads is written on purpose.
  const form = useForm({
    initialValues: { text: "", visibility: "INTERNAL" as VisibilityName },
    validate: { text: (v) => (v.trim() === "" ? t("validation.required") : null) },
  });
  const { failure, showFailure, clearFailure } = useFormFailure(form);
  const submit = form.onSubmit(async (values) => {
    clearFailure();
    try {
      await add.mutateAsync({
        orderId,
        visibility: OrderCommentVisibility[values.visibility],
        text: values.text.trim(),
      });
      notifications.show({ color: "teal", message: t("orders.comment.added") });
      form.reset();
    } catch (error) {
      showFailure(error, fieldPaths(values));
    }
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs" mt="sm">
        <Textarea
          label={t("orders.comment.text")}
          autosize
          minRows={2}
          maxRows={10}
          maxLength={4000}
          {...form.getInputProps("text")}
        />
        <Group justify="space-between" gap="sm">
          <Group gap="xs">
            <Text fz="sm" id={`visibility-${orderId}`}>
              {t("orders.comment.visibility")}
            </Text>
            <SegmentedControl
              size="xs"
              aria-labelledby={`visibility-${orderId}`}
              data={(["INTERNAL", "CUSTOMER"] as const).map((v) => ({
                value: v,
                label: t(`orders.comment.visible${v}`),
              }))}
              {...form.getInputProps("visibility")}
            />
          </Group>
          <Button type="submit" loading={add.isPending}>
            {t("orders.comment.add")}
          </Button>
        </Group>
        <FormFailure failure={failure} />
      </Stack>
    </form>
  );
}
