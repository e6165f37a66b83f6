import { timestampDate } from "@bufbuild/protobuf/wkt";
import { Button, Group, Rating, SegmentedControl, Stack, Text, Textarea } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { IconCheck, IconMessageStar } from "@tabler/icons-react";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useMemo, useState } from "react";
import {
  FeedbackService,
  type Feedback,
} from "@leitstand/sdk/leitstand/admin/v1/feedback_service_pb.js";
import {
  actionsColumn,
  DataTable,
  pagingProps,
  type Column,
} from "@/components/data-table/DataTable";
import { ExportButton } from "@/components/data-table/ExportButton";
import { FilterBar, FilterSelect, ListEmptyState } from "@/components/data-table/ListFilters";
import { Truncated } from "@/components/data-table/Truncated";
import { FormFooter } from "@/components/ui/FormActions";
import { FormModal } from "@/components/ui/FormModal";
import { PageHeader } from "@/components/ui/PageHeader";
import { Permission, usePermission } from "@/lib/auth";
import { useFormFailure } from "@/lib/forms";
import { useI18n, type I18n } from "@/lib/i18n/i18n";
import classes from "@/components/data-table/columns.module.css";
import { SavedViews } from "@/components/saved-views/SavedViews";
import { listInput, useFeedbackList, useReviewFeedback } from "./api/feedback";
import {
  feedbackSearchDefaults,
  reviewedChoices,
  type FeedbackSearch,
  type ReviewedChoice,
} from "./search";

const route = getRouteApi("/_app/feedback");

/**
 * FeedbackPage shows what users think of the product, newest first,
 * filtered in the URL by whether it was reviewed and by rating; reviewers
 * mark it reviewed with a note.
 */
export function FeedbackPage() {
  const i18n = useI18n();
  const { t, formatNumber } = i18n;
  const search = route.useSearch();
  const navigate = useNavigate({ from: "/feedback" });
  const canReview = usePermission(Permission.FEEDBACK_REVIEW);
  const [reviewing, setReviewing] = useState<Feedback | null>(null);
  const list = useFeedbackList(search);

  const setSearch = (patch: Partial<FeedbackSearch>) =>
    void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });

  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.feedback) ?? [], [list.data]);
  const total = list.data?.pages[0]?.totalSize;
  const columns = useMemo(() => {
    const cols = feedbackColumns(i18n);
    if (!canReview) return cols;
    return [
      ...cols,
      actionsColumn<Feedback>(
        (f) => (
          <Button
            size="compact-xs"
            variant={f.reviewTime ? "subtle" : "light"}
            leftSection={f.reviewTime ? undefined : <IconCheck size={14} />}
            onClick={() => setReviewing(f)}
            aria-label={`${f.reviewTime ? t("feedback.reviewAgain") : t("feedback.review")}: ${f.userEmail}`}
          >
            {f.reviewTime ? t("feedback.reviewAgain") : t("feedback.review")}
          </Button>
        ),
        150,
      ),
    ];
  }, [i18n, t, canReview]);
  const filtered = search.reviewed !== "all" || search.maxRating !== 0;

  return (
    <>
      <PageHeader
        title={t("feedback.title")}
        description={
          total !== undefined
            ? t("feedback.total", { total: formatNumber(total) })
            : t("feedback.description")
        }
        actions={
          <ExportButton method={FeedbackService.method.listFeedback} request={listInput(search)} />
        }
      />
      <FilterBar align="center">
        <SegmentedControl
          aria-label={t("feedback.filter.reviewed")}
          data={reviewedChoices.map((c) => ({ value: c, label: t(`feedback.filter.${c}`) }))}
          value={search.reviewed}
          onChange={(reviewed) => setSearch({ reviewed: reviewed as ReviewedChoice })}
        />
        <FilterSelect
          label={t("feedback.filter.maxRating")}
          data={[1, 2, 3, 4].map((stars) => ({
            value: String(stars),
            label: t("feedback.filter.atMost", { stars }),
          }))}
          value={search.maxRating ? String(search.maxRating) : ""}
          onChange={(value) => setSearch({ maxRating: value ? Number(value) : 0 })}
          w={170}
        />
        <SavedViews page="feedback" />
      </FilterBar>
      <DataTable
        view="feedback"
        label={t("feedback.title")}
        columns={columns}
        rows={rows}
        rowKey={(f) => f.id}
        {...pagingProps(list)}
        dense
        total={total}
        noun={{
          one: "feedback.count.one",
          other: "feedback.count.other",
          showing: "feedback.count.showing",
        }}
        empty={
          <ListEmptyState
            icon={<IconMessageStar size={22} />}
            filtered={filtered}
            title={t("feedback.empty")}
            onClearFilters={() => setSearch({ ...feedbackSearchDefaults })}
          />
        }
      />
      <FormModal
        opened={reviewing !== null}
        onClose={() => setReviewing(null)}
        title={reviewing ? t("feedback.reviewTitle", { user: reviewing.userEmail }) : ""}
      >
        {reviewing && <ReviewForm feedback={reviewing} onDone={() => setReviewing(null)} />}
      </FormModal>
    </>
  );
}

function feedbackColumns(i18n: I18n): Column<Feedback>[] {
  const { t, formatDateTime } = i18n;
  return [
    {
      id: "rating",
      header: t("feedback.col.rating"),
      width: 110,
      keepOnMobile: true,
      cell: (f) => (
        <Rating
          value={f.rating}
          readOnly
          size="xs"
          aria-label={t("feedback.rating", { rating: f.rating })}
          data-rating={f.rating}
        />
      ),
    },
    {
      id: "text",
      header: t("feedback.col.text"),
      cell: (f) => (
        <Text fz="sm" style={{ whiteSpace: "pre-wrap" }} lineClamp={3}>
          {f.text}
        </Text>
      ),
    },
    {
      id: "area",
      header: t("feedback.col.area"),
      width: 140,
      hideOnMobile: true,
      cell: (f) =>
        f.area ? (
          <Truncated>
            <code>{f.area}</code>
          </Truncated>
        ) : (
          <span className={classes.dimmed}>{t("feedback.noArea")}</span>
        ),
    },
    {
      id: "user",
      header: t("feedback.col.user"),
      width: 190,
      hideOnMobile: true,
      cell: (f) => (
        <Stack gap={0}>
          <Truncated>{f.userEmail}</Truncated>
          <Text fz="xs" c="dimmed">
            {f.createTime ? formatDateTime(timestampDate(f.createTime)) : "—"}
          </Text>
        </Stack>
      ),
    },
    {
      id: "review",
      header: t("feedback.col.review"),
      width: 220,
      hideOnMobile: true,
      cell: (f) =>
        f.reviewTime ? (
          <Stack gap={0} data-reviewed>
            <Text fz="xs" c="dimmed">
              {t("feedback.reviewedBy", {
                who: f.reviewedByEmail || "—",
                when: formatDateTime(timestampDate(f.reviewTime)),
              })}
            </Text>
            {f.reviewNote && (
              <Text fz="sm" lineClamp={2}>
                {f.reviewNote}
              </Text>
            )}
          </Stack>
        ) : (
          <Group gap={4}>
            <Text fz="sm" c="orange" fw={500} data-unreviewed>
              {t("feedback.notReviewed")}
            </Text>
          </Group>
        ),
    },
  ];
}

function ReviewForm({ feedback, onDone }: { feedback: Feedback; onDone: () => void }) {
  const { t } = useI18n();
  const review = useReviewFeedback();
  const form = useForm({ initialValues: { note: feedback.reviewNote } });
  const { failure, showFailure, clearFailure } = useFormFailure(form);
  const submit = form.onSubmit(async (values) => {
    clearFailure();
    try {
      await review.mutateAsync({ id: feedback.id, note: values.note.trim() });
      notifications.show({ color: "teal", message: t("feedback.reviewed") });
      onDone();
    } catch (error) {
      showFailure(error, ["note"]);
    }
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Stack gap={4}>
          <Rating value={feedback.rating} readOnly size="sm" />
          <Text fz="sm" style={{ whiteSpace: "pre-wrap" }}>
            {feedback.text}
          </Text>
        </Stack>
        <Textarea
          label={t("feedback.note")}
          description={t("feedback.noteHint")}
          autosize
          minRows={2}
          maxRows={8}
          maxLength={2000}
          data-autofocus
          {...form.getInputProps("note")}
        />
        <FormFooter
          failure={failure}
          onCancel={onDone}
          submit={{ label: t("feedback.review"), loading: review.isPending }}
        />
      </Stack>
    </form>
  );
}
