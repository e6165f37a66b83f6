import {
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { timestampDate, timestampFromDate } from "@bufbuild/protobuf/wkt";
import { useNavigate } from "@tanstack/react-router";
import type { TrainingSession } from "@leitstand/sdk/leitstand/admin/v1/training_service_pb.js";
import { FormFooter } from "@/components/ui/FormActions";
import { FormModal, type DialogProps } from "@/components/ui/FormModal";
import { ReasonField } from "@/components/ui/ReasonField";
import { localDateTime, zonedDateTime } from "@/lib/format";
import { fieldPaths, useFormFailure } from "@/lib/forms";
import { useI18n } from "@/lib/i18n/i18n";
import {
  useCourseChoices,
  useRescheduleSession,
  useScheduleSession,
  useStaff,
} from "../api/training";

interface Values {
  courseId: string;
  start: string;
  where: "online" | "onsite";
  onlineUrl: string;
  location: string;
  trainerId: string;
  capacity: number | string;
  reason: string;
}

/** The request's fields of the form's fields, for placing the server's errors. */
const aliases: Record<string, string> = {
  course_id: "courseId",
  "place.start_time": "start",
  "place.online_url": "onlineUrl",
  "place.location": "location",
  "place.trainer_id": "trainerId",
  "place.capacity": "capacity",
};

/** ScheduleSessionModal schedules a session of an active course, and opens it. */
export function ScheduleSessionModal(dialog: DialogProps) {
  const { t } = useI18n();
  return (
    <FormModal {...dialog} size="lg" title={t("training.session.scheduleTitle")}>
      <SessionForm onDone={dialog.onClose} />
    </FormModal>
  );
}

/** RescheduleSessionModal moves a scheduled session (time, place, trainer, seats), with a reason. */
export function RescheduleSessionModal({
  session,
  ...dialog
}: DialogProps & { session: TrainingSession }) {
  const { t } = useI18n();
  return (
    <FormModal
      {...dialog}
      size="lg"
      title={t("training.session.rescheduleTitle", { course: session.courseTitle })}
    >
      <SessionForm session={session} onDone={dialog.onClose} />
    </FormModal>
  );
}

function SessionForm({ session, onDone }: { session?: TrainingSession; onDone: () => void }) {
  const { t, timeZone, zoneName, formatDateTime } = useI18n();
  const navigate = useNavigate();
  const schedule = useScheduleSession();
  const reschedule = useRescheduleSession();
  const courses = useCourseChoices(false);
  const staff = useStaff();
  const form = useForm<Values>({
    initialValues: {
      courseId: session?.courseId ?? "",
      start: session?.startTime ? localDateTime(timestampDate(session.startTime), timeZone) : "",
      where: session && !session.onlineUrl ? "onsite" : "online",
      onlineUrl: session?.onlineUrl ?? "",
      location: session?.location ?? "",
      trainerId: session?.trainerId ?? "",
      capacity: session?.capacity ?? 12,
      reason: "",
    },
    validate: {
      courseId: (v) => (v === "" ? t("validation.required") : null),
      start: (v) => (zonedDateTime(v, timeZone) === null ? t("validation.required") : null),
      onlineUrl: (v, values) =>
        values.where !== "online"
          ? null
          : !/^https:\/\/\S+$/.test(v.trim())
            ? t("training.session.onlineUrlInvalid")
            : null,
      location: (v, values) =>
        values.where === "onsite" && v.trim() === "" ? t("validation.required") : null,
      trainerId: (v) => (v === "" ? t("validation.required") : null),
      capacity: (v) =>
        typeof v !== "number" || v < 1 || v > 500 ? t("training.session.capacityRange") : null,
      reason: (v) => (session && v.trim() === "" ? t("validation.reasonRequired") : null),
    },
  });
  const { failure, showFailure, clearFailure } = useFormFailure(form);

  const courseOptions = (courses.data?.courses ?? []).map((c) => ({
    value: c.id,
    label: c.title,
  }));
  const trainerOptions = (staff.data?.members ?? []).map((m) => ({
    value: m.id,
    label: m.displayName || m.email,
  }));
  // The session's own trainer stays choosable when the staff cannot be listed.
  if (session?.trainerId && !trainerOptions.some((o) => o.value === session.trainerId)) {
    trainerOptions.push({ value: session.trainerId, label: session.trainerName });
  }
  const start = zonedDateTime(form.values.start, timeZone);

  const submit = form.onSubmit(async (values) => {
    clearFailure();
    const place = {
      startTime: timestampFromDate(zonedDateTime(values.start, timeZone)!),
      onlineUrl: values.where === "online" ? values.onlineUrl.trim() : "",
      location: values.where === "onsite" ? values.location.trim() : "",
      trainerId: values.trainerId,
      capacity: Number(values.capacity),
    };
    try {
      if (session) {
        await reschedule.mutateAsync({ id: session.id, place, reason: values.reason.trim() });
        notifications.show({
          color: "teal",
          message: t("training.session.rescheduled", { course: session.courseTitle }),
        });
        onDone();
        return;
      }
      const res = await schedule.mutateAsync({ courseId: values.courseId, place });
      const scheduled = res.session!;
      notifications.show({
        color: "teal",
        message: t("training.session.scheduled", {
          course: scheduled.courseTitle,
          start: formatDateTime(timestampDate(scheduled.startTime!)),
        }),
      });
      onDone();
      void navigate({
        to: "/training/sessions/$sessionId",
        params: { sessionId: scheduled.id },
      });
    } catch (error) {
      showFailure(error, fieldPaths(values), aliases);
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {session ? (
          <Text fz="sm" c="dimmed">
            {t("training.session.rescheduleHint")}
          </Text>
        ) : (
          <Select
            label={t("training.session.field.course")}
            withAsterisk
            searchable
            data={courseOptions}
            nothingFoundMessage={t("training.course.noneActive")}
            comboboxProps={{ withinPortal: true }}
            data-autofocus
            {...form.getInputProps("courseId")}
          />
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <TextInput
            type="datetime-local"
            label={t("training.session.field.start")}
            description={t("training.session.field.startHint", {
              zone: start ? zoneName(start) : timeZone,
            })}
            withAsterisk
            {...form.getInputProps("start")}
          />
          <NumberInput
            label={t("training.session.field.capacity")}
            description={t("training.session.field.capacityHint")}
            withAsterisk
            min={1}
            max={500}
            allowDecimal={false}
            allowNegative={false}
            {...form.getInputProps("capacity")}
          />
        </SimpleGrid>
        <Stack gap={6}>
          <Text fz="sm" fw={500}>
            {t("training.session.field.place")}
          </Text>
          <SegmentedControl
            aria-label={t("training.session.field.place")}
            data={[
              { value: "online", label: t("training.session.online") },
              { value: "onsite", label: t("training.session.onsite") },
            ]}
            {...form.getInputProps("where")}
          />
          {form.values.where === "online" ? (
            <TextInput
              label={t("training.session.field.onlineUrl")}
              placeholder="https://meet.example.com/…"
              withAsterisk
              type="url"
              {...form.getInputProps("onlineUrl")}
            />
          ) : (
            <TextInput
              label={t("training.session.field.location")}
              placeholder={t("training.session.field.locationPlaceholder")}
              withAsterisk
              {...form.getInputProps("location")}
            />
          )}
        </Stack>
        <Select
          label={t("training.session.field.trainer")}
          withAsterisk
          searchable
          data={trainerOptions}
          nothingFoundMessage={t("search.nothingFound")}
          comboboxProps={{ withinPortal: true }}
          {...form.getInputProps("trainerId")}
        />
        {session && <ReasonField required {...form.getInputProps("reason")} />}
        <FormFooter
          failure={failure}
          onCancel={onDone}
          submit={{
            label: session ? t("training.session.reschedule") : t("training.session.schedule"),
            loading: schedule.isPending || reschedule.isPending,
          }}
        />
      </Stack>
    </form>
  );
}
