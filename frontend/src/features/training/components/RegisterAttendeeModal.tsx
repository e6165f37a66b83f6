import { SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import {
  RegistrationStatus,
  type TrainingSession,
} from "@leitstand/sdk/leitstand/admin/v1/training_service_pb.js";
import { FormFooter } from "@/components/ui/FormActions";
import { FormModal, type DialogProps } from "@/components/ui/FormModal";
import { fieldPaths, requiredEmail, useFormFailure } from "@/lib/forms";
import { useI18n } from "@/lib/i18n/i18n";
import {
  useOrganizationChoices,
  useOrganizationMembers,
  useRegisterAttendee,
} from "../api/training";

interface Values {
  organizationId: string;
  who: "member" | "guest";
  userId: string;
  name: string;
  email: string;
}

const aliases: Record<string, string> = {
  organization_id: "organizationId",
  user_id: "userId",
};

/**
 * RegisterAttendeeModal registers a person of a customer organization for a
 * session: one of its users, or a name and e-mail address for someone
 * without a login. The server confirms them while seats are free and
 * waitlists them after; the notice says which.
 */
export function RegisterAttendeeModal({
  session,
  ...dialog
}: DialogProps & { session: TrainingSession }) {
  const { t } = useI18n();
  return (
    <FormModal
      {...dialog}
      size="lg"
      title={t("training.register.title", { course: session.courseTitle })}
    >
      <RegisterForm session={session} onDone={dialog.onClose} />
    </FormModal>
  );
}

function RegisterForm({ session, onDone }: { session: TrainingSession; onDone: () => void }) {
  const { t } = useI18n();
  const register = useRegisterAttendee();
  const orgs = useOrganizationChoices();
  const form = useForm<Values>({
    initialValues: { organizationId: "", who: "member", userId: "", name: "", email: "" },
    validate: {
      organizationId: (v) => (v === "" ? t("validation.required") : null),
      userId: (v, values) =>
        values.who === "member" && v === "" ? t("validation.required") : null,
      name: (v, values) =>
        values.who === "guest" && v.trim() === "" ? t("validation.required") : null,
      email: (v, values) => (values.who === "guest" ? requiredEmail(v, t) : null),
    },
  });
  const { failure, showFailure, clearFailure } = useFormFailure(form);
  const members = useOrganizationMembers(form.values.organizationId);
  const memberOptions = (members.data ?? []).map((m) => ({
    value: m.userId,
    label: m.displayName ? `${m.displayName} <${m.email}>` : m.email,
  }));
  const full = session.confirmed >= session.capacity;

  const submit = form.onSubmit(async (values) => {
    clearFailure();
    try {
      const res = await register.mutateAsync({
        sessionId: session.id,
        organizationId: values.organizationId,
        ...(values.who === "member"
          ? { userId: values.userId }
          : { name: values.name.trim(), email: values.email.trim() }),
      });
      const registration = res.registration!;
      const name = registration.name || registration.email;
      notifications.show(
        registration.status === RegistrationStatus.WAITLISTED
          ? {
              color: "orange",
              message: t("training.register.waitlisted", {
                name,
                position: registration.waitlistPosition,
              }),
            }
          : { color: "teal", message: t("training.register.confirmed", { name }) },
      );
      onDone();
    } catch (error) {
      showFailure(error, fieldPaths(values), aliases);
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {full && (
          <Text fz="sm" c="orange.8" data-testid="full-notice">
            {t("training.register.fullHint")}
          </Text>
        )}
        <Select
          label={t("training.register.organization")}
          withAsterisk
          searchable
          data={(orgs.data?.organizations ?? []).map((o) => ({ value: o.id, label: o.name }))}
          nothingFoundMessage={t("search.nothingFound")}
          comboboxProps={{ withinPortal: true }}
          data-autofocus
          {...form.getInputProps("organizationId")}
          onChange={(value) => {
            form.setFieldValue("organizationId", value ?? "");
            form.setFieldValue("userId", "");
          }}
        />
        <SegmentedControl
          aria-label={t("training.register.who")}
          data={[
            { value: "member", label: t("training.register.member") },
            { value: "guest", label: t("training.register.guest") },
          ]}
          {...form.getInputProps("who")}
        />
        {form.values.who === "member" ? (
          <Select
            label={t("training.register.user")}
            withAsterisk
            searchable
            disabled={form.values.organizationId === ""}
            placeholder={
              form.values.organizationId === "" ? t("training.register.chooseOrgFirst") : undefined
            }
            data={memberOptions}
            nothingFoundMessage={t("training.register.noMembers")}
            comboboxProps={{ withinPortal: true }}
            {...form.getInputProps("userId")}
          />
        ) : (
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <TextInput
              label={t("training.register.name")}
              withAsterisk
              {...form.getInputProps("name")}
            />
            <TextInput
              label={t("training.register.email")}
              type="email"
              withAsterisk
              {...form.getInputProps("email")}
            />
          </SimpleGrid>
        )}
        <FormFooter
          failure={failure}
          onCancel={onDone}
          submit={{ label: t("training.register.submit"), loading: register.isPending }}
        />
      </Stack>
    </form>
  );
}
