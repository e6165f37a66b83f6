import { NumberInput, Select, SimpleGrid, Stack, Switch, TextInput, Textarea } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import type { Course } from "@leitstand/sdk/leitstand/admin/v1/training_service_pb.js";
import { FormFooter } from "@/components/ui/FormActions";
import { FormModal, type DialogProps } from "@/components/ui/FormModal";
import { fieldPaths, useFormFailure } from "@/lib/forms";
import { useI18n } from "@/lib/i18n/i18n";
import { parsePrice, priceInput } from "@/lib/price";
import { useCreateCourse, useUpdateCourse } from "../api/training";
import { courseLanguages } from "../names";

interface Values {
  title: string;
  description: string;
  language: string;
  durationMinutes: number | string;
  validityMonths: number | string;
  seatPrice: string;
  retired: boolean;
}

/** The request's fields of the form's fields, for placing the server's errors. */
const aliases: Record<string, string> = {
  "course.title": "title",
  "course.description": "description",
  "course.language": "language",
  "course.duration_minutes": "durationMinutes",
  "course.validity_months": "validityMonths",
  "course.seat_price_cents": "seatPrice",
  seat_price_cents: "seatPrice",
  duration_minutes: "durationMinutes",
  validity_months: "validityMonths",
};

/** The course's fields UpdateCourse's update_mask names. */
const maskPaths = {
  title: "title",
  description: "description",
  language: "language",
  durationMinutes: "duration_minutes",
  validityMonths: "validity_months",
  seatPriceCents: "seat_price_cents",
  retired: "retired",
} as const;

/** CourseFormModal adds a course to the catalogue, or edits one when given (retiring it too). */
export function CourseFormModal({ course, ...dialog }: DialogProps & { course?: Course }) {
  const { t } = useI18n();
  return (
    <FormModal
      {...dialog}
      size="lg"
      title={
        course ? t("training.course.editTitle", { title: course.title }) : t("training.course.new")
      }
    >
      <CourseForm course={course} onDone={dialog.onClose} />
    </FormModal>
  );
}

function CourseForm({ course, onDone }: { course?: Course; onDone: () => void }) {
  const { t, locale } = useI18n();
  const create = useCreateCourse();
  const update = useUpdateCourse();
  const form = useForm<Values>({
    initialValues: {
      title: course?.title ?? "",
      description: course?.description ?? "",
      language: course?.language ?? "de",
      durationMinutes: course?.durationMinutes ?? 90,
      validityMonths: course?.validityMonths ?? 12,
      seatPrice: course ? priceInput(course.seatPriceCents, locale) : "",
      retired: course?.retired ?? false,
    },
    validate: {
      title: (v) => (v.trim() === "" ? t("validation.required") : null),
      language: (v) => (v === "" ? t("validation.required") : null),
      durationMinutes: (v) =>
        typeof v !== "number" || v < 15 || v > 4320 ? t("training.course.durationRange") : null,
      validityMonths: (v) =>
        typeof v !== "number" || v < 1 || v > 120 ? t("training.course.validityRange") : null,
      seatPrice: (v) =>
        v.trim() !== "" && parsePrice(v) === null ? t("training.course.priceInvalid") : null,
    },
  });
  const { failure, showFailure, clearFailure } = useFormFailure(form);

  const submit = form.onSubmit(async (values) => {
    clearFailure();
    const fields = {
      title: values.title.trim(),
      description: values.description.trim(),
      language: values.language,
      durationMinutes: Number(values.durationMinutes),
      validityMonths: Number(values.validityMonths),
      seatPriceCents: values.seatPrice.trim() === "" ? 0n : (parsePrice(values.seatPrice) ?? 0n),
      retired: values.retired,
    };
    try {
      if (course) {
        const before = {
          title: course.title,
          description: course.description,
          language: course.language,
          durationMinutes: course.durationMinutes,
          validityMonths: course.validityMonths,
          seatPriceCents: course.seatPriceCents,
          retired: course.retired,
        };
        const paths = (Object.keys(maskPaths) as (keyof typeof maskPaths)[])
          .filter((k) => fields[k] !== before[k])
          .map((k) => maskPaths[k]);
        if (paths.length > 0) {
          await update.mutateAsync({ id: course.id, course: fields, updateMask: { paths } });
          notifications.show({
            color: "teal",
            message: t("training.course.updated", { title: fields.title }),
          });
        }
      } else {
        const res = await create.mutateAsync({ course: { ...fields, retired: false } });
        notifications.show({
          color: "teal",
          message: t("training.course.created", { title: res.course?.title ?? fields.title }),
        });
      }
      onDone();
    } catch (error) {
      showFailure(error, fieldPaths(values), aliases);
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <TextInput
          label={t("training.course.field.title")}
          withAsterisk
          data-autofocus
          {...form.getInputProps("title")}
        />
        <Textarea
          label={t("training.course.field.description")}
          autosize
          minRows={2}
          maxRows={8}
          {...form.getInputProps("description")}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <Select
            label={t("training.course.field.language")}
            withAsterisk
            data={courseLanguages.map((l) => ({ value: l, label: t(`training.language.${l}`) }))}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
            {...form.getInputProps("language")}
          />
          <NumberInput
            label={t("training.course.field.duration")}
            description={t("training.course.field.durationHint")}
            withAsterisk
            min={15}
            max={4320}
            allowDecimal={false}
            allowNegative={false}
            {...form.getInputProps("durationMinutes")}
          />
          <NumberInput
            label={t("training.course.field.validity")}
            description={t("training.course.field.validityHint")}
            withAsterisk
            min={1}
            max={120}
            allowDecimal={false}
            allowNegative={false}
            {...form.getInputProps("validityMonths")}
          />
          <TextInput
            label={t("training.course.field.seatPrice")}
            description={t("training.course.field.seatPriceHint")}
            inputMode="decimal"
            placeholder={locale === "de" ? "0,00" : "0.00"}
            {...form.getInputProps("seatPrice")}
          />
        </SimpleGrid>
        {course && (
          <Switch
            label={t("training.course.field.retired")}
            description={t("training.course.field.retiredHint")}
            {...form.getInputProps("retired", { type: "checkbox" })}
          />
        )}
        <FormFooter
          failure={failure}
          onCancel={onDone}
          submit={{
            label: course ? t("common.save") : t("training.course.create"),
            loading: create.isPending || update.isPending,
          }}
        />
      </Stack>
    </form>
  );
}
