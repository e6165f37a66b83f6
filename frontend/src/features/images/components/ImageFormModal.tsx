import { NumberInput, Select, SimpleGrid, Stack, Textarea, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useNavigate } from "@tanstack/react-router";
import {
  BillingEntityKind,
  type BillingEntity,
} from "@leitstand/sdk/leitstand/admin/v1/billing_entity_service_pb.js";
import { ImageKind, type Image } from "@leitstand/sdk/leitstand/admin/v1/image_service_pb.js";
import { FormFooter } from "@/components/ui/FormActions";
import { FormModal, type DialogProps } from "@/components/ui/FormModal";
import { fieldPaths, useFormFailure } from "@/lib/forms";
import { useI18n } from "@/lib/i18n/i18n";
import { useCreateImage, useUpdateImage } from "../api/images";
import { imageKinds, type ImageKindName } from "../search";

interface Values {
  name: string;
  kind: ImageKindName | "";
  os: string;
  version: string;
  /** The size in MiB, as people read it off a download page. */
  sizeMiB: number | string;
  source: string;
  description: string;
  billingEntityId: string;
}

const mib = 1024 * 1024;

/** The request's fields of the form's fields, for placing the server's errors. */
const aliases: Record<string, string> = {
  "image.name": "name",
  "image.kind": "kind",
  "image.os": "os",
  "image.version": "version",
  "image.size_bytes": "sizeMiB",
  "image.source": "source",
  "image.description": "description",
  billing_entity_id: "billingEntityId",
};

/** What the SPA accepts as a source before the server checks it fully. */
const sourceShape = /^(https:\/\/\S+|[a-z0-9.-]+(:[0-9]+)?\/\S+)$/i;

/**
 * ImageFormModal adds an image, or, given one, changes it, sending only
 * the fields that changed. The licensee's staff choose its owner among the
 * billing entities (`entities`, empty when they are not to choose).
 */
export function ImageFormModal({
  image,
  entities = [],
  ...dialog
}: DialogProps & { image?: Image; entities?: BillingEntity[] }) {
  const { t } = useI18n();
  return (
    <FormModal {...dialog} size="lg" title={image ? t("images.editTitle") : t("images.newTitle")}>
      <ImageForm image={image} entities={entities} onDone={dialog.onClose} />
    </FormModal>
  );
}

function ImageForm({
  image,
  entities,
  onDone,
}: {
  image?: Image;
  entities: BillingEntity[];
  onDone: () => void;
}) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const create = useCreateImage();
  const update = useUpdateImage();
  const licensee = entities.find((e) => e.kind === BillingEntityKind.LICENSEE);
  const choosesOwner = !image && licensee !== undefined && entities.length > 1;
  const f = image?.image;
  const form = useForm<Values>({
    initialValues: {
      name: f?.name ?? "",
      kind: f ? (ImageKind[f.kind] as ImageKindName) : "OS",
      os: f?.os ?? "",
      version: f?.version ?? "",
      sizeMiB: f ? Math.round((Number(f.sizeBytes) / mib) * 100) / 100 : "",
      source: f?.source ?? "",
      description: f?.description ?? "",
      billingEntityId: licensee?.id ?? "",
    },
    validate: {
      name: (v) => (v.trim() === "" ? t("validation.required") : null),
      kind: (v) => (v === "" ? t("validation.required") : null),
      os: (v) => (v.trim() === "" ? t("validation.required") : null),
      version: (v) => (v.trim() === "" ? t("validation.required") : null),
      sizeMiB: (v) => (typeof v !== "number" || v <= 0 ? t("images.sizeInvalid") : null),
      source: (v) =>
        v.trim() === ""
          ? t("validation.required")
          : !sourceShape.test(v.trim())
            ? t("images.sourceInvalid")
            : null,
    },
  });
  const { failure, showFailure, clearFailure } = useFormFailure(form);

  const submit = form.onSubmit(async (values) => {
    clearFailure();
    const fields = {
      name: values.name.trim(),
      kind: values.kind === "" ? ImageKind.UNSPECIFIED : ImageKind[values.kind],
      os: values.os.trim(),
      version: values.version.trim(),
      sizeBytes: BigInt(Math.round(Number(values.sizeMiB) * mib)),
      source: values.source.trim(),
      description: values.description.trim(),
    };
    try {
      if (image && f) {
        const paths: string[] = [];
        if (fields.name !== f.name) paths.push("name");
        if (fields.kind !== f.kind) paths.push("kind");
        if (fields.os !== f.os) paths.push("os");
        if (fields.version !== f.version) paths.push("version");
        // An unchanged size keeps its bytes, which MiB with two decimals may round.
        if (Number(values.sizeMiB) !== Math.round((Number(f.sizeBytes) / mib) * 100) / 100) {
          paths.push("size_bytes");
        }
        if (fields.source !== f.source) paths.push("source");
        if (fields.description !== f.description) paths.push("description");
        if (paths.length > 0) {
          await update.mutateAsync({ id: image.id, image: fields, updateMask: { paths } });
          notifications.show({ color: "teal", message: t("images.updated") });
        }
        onDone();
      } else {
        const res = await create.mutateAsync({
          billingEntityId: choosesOwner ? values.billingEntityId : "",
          image: fields,
        });
        notifications.show({ color: "teal", message: t("images.created") });
        onDone();
        const id = res.image?.id;
        if (id) void navigate({ to: "/images/$imageId", params: { imageId: id } });
      }
    } catch (error) {
      showFailure(error, fieldPaths(values), aliases);
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <TextInput
          label={t("images.field.name")}
          description={t("images.field.nameHint")}
          withAsterisk
          data-autofocus
          maxLength={100}
          {...form.getInputProps("name")}
        />
        {choosesOwner && (
          <Select
            label={t("images.field.owner")}
            description={t("images.field.ownerHint")}
            data={entities.map((e) => ({ value: e.id, label: e.name }))}
            allowDeselect={false}
            searchable
            comboboxProps={{ withinPortal: true }}
            {...form.getInputProps("billingEntityId")}
          />
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t("images.field.kind")}
            data={imageKinds.map((k) => ({ value: k, label: t(`images.kind.${k}`) }))}
            allowDeselect={false}
            withAsterisk
            comboboxProps={{ withinPortal: true }}
            {...form.getInputProps("kind")}
          />
          <TextInput
            label={t("images.field.os")}
            description={t("images.field.osHint")}
            withAsterisk
            maxLength={60}
            {...form.getInputProps("os")}
          />
          <TextInput
            label={t("images.field.version")}
            description={t("images.field.versionHint")}
            withAsterisk
            maxLength={40}
            {...form.getInputProps("version")}
          />
          <NumberInput
            label={t("images.field.size")}
            description={t("images.field.sizeHint")}
            withAsterisk
            min={0}
            decimalScale={2}
            suffix=" MiB"
            {...form.getInputProps("sizeMiB")}
          />
        </SimpleGrid>
        <TextInput
          label={t("images.field.source")}
          description={t("images.field.sourceHint")}
          placeholder="https://cloud.debian.org/images/cloud/bookworm/latest/debian-12-generic-amd64.qcow2"
          withAsterisk
          maxLength={500}
          autoCapitalize="none"
          spellCheck={false}
          {...form.getInputProps("source")}
        />
        <Textarea
          label={t("images.field.description")}
          autosize
          minRows={2}
          maxLength={1000}
          {...form.getInputProps("description")}
        />
        <FormFooter
          failure={failure}
          onCancel={onDone}
          submit={{
            label: image ? t("common.save") : t("images.create"),
            loading: create.isPending || update.isPending,
          }}
        />
      </Stack>
    </form>
  );
}
