import {
  ActionIcon,
  Badge,
  Button,
  Checkbox,
  Divider,
  Group,
  Loader,
  Popover,
  Stack,
  Switch,
  Text,
  TextInput,
  Tooltip,
  UnstyledButton,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import {
  IconArrowDown,
  IconArrowUp,
  IconBookmark,
  IconCheck,
  IconColumns3,
  IconPencil,
  IconPlus,
  IconTrash,
  IconUsers,
} from "@tabler/icons-react";
import { useRouter, useRouterState } from "@tanstack/react-router";
import { useState, type ReactNode } from "react";
import type { SavedView } from "@leitstand/sdk/leitstand/admin/v1/view_service_pb.js";
import { QueryError } from "@/components/ui/QueryError";
import { FormFooter } from "@/components/ui/FormActions";
import { FormModal } from "@/components/ui/FormModal";
import { errorMessage } from "@/lib/api-errors";
import { fieldPaths, useFormFailure } from "@/lib/forms";
import { useI18n } from "@/lib/i18n/i18n";
import {
  useCreateSavedView,
  useDeleteSavedView,
  useSavedViews,
  useUpdateSavedView,
  type SavedViewPage,
} from "./api";
import {
  setColumnChoice,
  shownIds,
  useColumnChoice,
  usePageColumns,
  type ColumnInfo,
} from "./columns";

/** The list's state in its address: its search parameters as they stand in the URL. */
function useListState() {
  const location = useRouterState({ select: (s) => s.location });
  const parameters = Object.fromEntries(new URLSearchParams(location.searchStr));
  return { pathname: location.pathname, parameters };
}

function sameParameters(a: Record<string, string>, b: Record<string, string>) {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}

function sameList(a: readonly string[], b: readonly string[]) {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * SavedViews is the views menu of a list page, for its filter bar: the
 * views of the page its user may apply (their own, and their team's,
 * marked), saving the list as it stands (filters, sort and columns) under
 * a name, private or shared with the team, and changing or deleting their
 * own. Beside it, the column menu of the page's table (a DataTable with
 * the same `view`). Applying a view goes to its address, so Back returns
 * to the list as it was.
 */
export function SavedViews({ page }: { page: SavedViewPage }) {
  const { t, locale } = useI18n();
  const router = useRouter();
  const [opened, setOpened] = useState(false);
  const [editing, setEditing] = useState<SavedView | "new" | null>(null);
  const list = useSavedViews(page, opened);
  const remove = useDeleteSavedView();
  const { pathname, parameters } = useListState();
  const columns = usePageColumns(page);
  const choice = useColumnChoice(page);
  const shown = shownIds(columns, choice);

  const isApplied = (v: SavedView) =>
    sameParameters(v.parameters, parameters) &&
    (v.columns.length === 0 ? choice === undefined : sameList(v.columns, shown));

  const apply = (v: SavedView) => {
    setColumnChoice(page, v.columns.length > 0 ? v.columns : undefined);
    const query = new URLSearchParams(v.parameters).toString();
    router.history.push(query ? `${pathname}?${query}` : pathname);
    setOpened(false);
  };

  const del = async (v: SavedView) => {
    try {
      await remove.mutateAsync({ id: v.id });
      notifications.show({ color: "teal", message: t("views.deleted", { name: v.name }) });
    } catch (error) {
      notifications.show({ color: "red", message: errorMessage(error, locale) });
    }
  };

  const views = list.data?.views ?? [];
  const own = views.filter((v) => v.own);
  const team = views.filter((v) => !v.own);

  return (
    <Group gap="xs" wrap="nowrap">
      <Popover
        opened={opened}
        onChange={setOpened}
        position="bottom-end"
        width={340}
        shadow="md"
        trapFocus
        returnFocus
      >
        <Popover.Target>
          <Button
            variant="default"
            leftSection={<IconBookmark size={16} />}
            onClick={() => setOpened((o) => !o)}
            aria-expanded={opened}
          >
            {t("views.button")}
          </Button>
        </Popover.Target>
        <Popover.Dropdown>
          <Stack gap="xs" role="group" aria-label={t("views.title")}>
            <Text fw={600} fz="sm">
              {t("views.title")}
            </Text>
            {list.isPending && <Loader size="xs" />}
            {list.error && <QueryError error={list.error} onRetry={() => void list.refetch()} />}
            {!list.isPending && !list.error && views.length === 0 && (
              <Text fz="sm" c="dimmed">
                {t("views.empty")}
              </Text>
            )}
            {own.length > 0 && (
              <ViewGroup label={t("views.mine")}>
                {own.map((v) => (
                  <ViewRow key={v.id} view={v} applied={isApplied(v)} onApply={() => apply(v)}>
                    <Tooltip label={t("views.edit", { name: v.name })}>
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        aria-label={t("views.edit", { name: v.name })}
                        onClick={() => {
                          setEditing(v);
                          setOpened(false);
                        }}
                      >
                        <IconPencil size={16} />
                      </ActionIcon>
                    </Tooltip>
                    <Tooltip label={t("views.delete", { name: v.name })}>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={t("views.delete", { name: v.name })}
                        loading={remove.isPending && remove.variables?.id === v.id}
                        onClick={() => void del(v)}
                      >
                        <IconTrash size={16} />
                      </ActionIcon>
                    </Tooltip>
                  </ViewRow>
                ))}
              </ViewGroup>
            )}
            {team.length > 0 && (
              <ViewGroup label={t("views.team")}>
                {team.map((v) => (
                  <ViewRow key={v.id} view={v} applied={isApplied(v)} onApply={() => apply(v)} />
                ))}
              </ViewGroup>
            )}
            <Divider />
            <Button
              variant="light"
              size="xs"
              leftSection={<IconPlus size={14} />}
              onClick={() => {
                setEditing("new");
                setOpened(false);
              }}
            >
              {t("views.saveCurrent")}
            </Button>
          </Stack>
        </Popover.Dropdown>
      </Popover>
      <ColumnMenu page={page} columns={columns} shown={shown} custom={choice !== undefined} />
      <FormModal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={
          editing === "new" || editing === null
            ? t("views.form.createTitle")
            : t("views.form.editTitle")
        }
      >
        {editing !== null && (
          <ViewForm
            page={page}
            view={editing === "new" ? undefined : editing}
            parameters={parameters}
            columns={choice === undefined ? [] : shown}
            onDone={() => setEditing(null)}
          />
        )}
      </FormModal>
    </Group>
  );
}

function ViewGroup({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={2}>
      <Text fz="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Stack gap={2} component="ul" style={{ listStyle: "none", margin: 0, padding: 0 }}>
        {children}
      </Stack>
    </Stack>
  );
}

function ViewRow({
  view,
  applied,
  onApply,
  children,
}: {
  view: SavedView;
  applied: boolean;
  onApply: () => void;
  children?: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <Group component="li" gap={4} wrap="nowrap" justify="space-between">
      <UnstyledButton
        onClick={onApply}
        aria-label={t("views.apply", { name: view.name })}
        aria-current={applied ? "true" : undefined}
        style={{ flex: 1, minWidth: 0, padding: "4px 6px", borderRadius: 4 }}
        className="saved-view-apply"
      >
        <Group gap={6} wrap="nowrap">
          {applied ? <IconCheck size={14} aria-hidden /> : <span style={{ width: 14 }} />}
          <Stack gap={0} style={{ minWidth: 0 }}>
            <Text fz="sm" truncate>
              {view.name}
            </Text>
            {!view.own && (
              <Text fz="xs" c="dimmed" truncate>
                {t("views.sharedBy", { name: view.authorName })}
              </Text>
            )}
          </Stack>
        </Group>
      </UnstyledButton>
      {view.own && view.shared && (
        <Tooltip label={t("views.sharedHint")}>
          <Badge size="xs" variant="light" leftSection={<IconUsers size={10} />}>
            {t("views.shared")}
          </Badge>
        </Tooltip>
      )}
      {children}
    </Group>
  );
}

interface FormValues {
  name: string;
  shared: boolean;
  replace: boolean;
}

const aliases: Record<string, string> = { "view.name": "name", "view.shared": "shared" };

/**
 * ViewForm saves the list as it stands as a new view, or changes one of
 * the caller's views: its name, whether the team sees it, and, when
 * asked, the filters, sort and columns it keeps.
 */
function ViewForm({
  page,
  view,
  parameters,
  columns,
  onDone,
}: {
  page: SavedViewPage;
  view?: SavedView;
  parameters: Record<string, string>;
  columns: string[];
  onDone: () => void;
}) {
  const { t } = useI18n();
  const create = useCreateSavedView();
  const update = useUpdateSavedView();
  const form = useForm<FormValues>({
    initialValues: { name: view?.name ?? "", shared: view?.shared ?? false, replace: !view },
    validate: { name: (v) => (v.trim() === "" ? t("views.nameRequired") : null) },
  });
  const { failure, showFailure, clearFailure } = useFormFailure(form);

  const submit = form.onSubmit(async (values) => {
    clearFailure();
    const fields = { page, name: values.name.trim(), shared: values.shared, parameters, columns };
    try {
      if (view) {
        const paths: string[] = [];
        if (fields.name !== view.name) paths.push("name");
        if (fields.shared !== view.shared) paths.push("shared");
        if (values.replace) paths.push("parameters", "columns");
        if (paths.length > 0) {
          await update.mutateAsync({
            id: view.id,
            view: { ...fields, page: "" },
            updateMask: { paths },
          });
        }
      } else {
        await create.mutateAsync({ view: fields });
      }
      notifications.show({ color: "teal", message: t("views.saved", { name: fields.name }) });
      onDone();
    } catch (error) {
      showFailure(error, fieldPaths(values), aliases);
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <TextInput
          label={t("views.form.name")}
          placeholder={t("views.form.namePlaceholder")}
          withAsterisk
          data-autofocus
          maxLength={80}
          {...form.getInputProps("name")}
        />
        <Switch
          label={t("views.form.shared")}
          description={t("views.sharedHint")}
          {...form.getInputProps("shared", { type: "checkbox" })}
        />
        {view && (
          <Checkbox
            label={t("views.form.replace")}
            {...form.getInputProps("replace", { type: "checkbox" })}
          />
        )}
        <FormFooter
          failure={failure}
          onCancel={onDone}
          submit={{
            label: view ? t("common.save") : t("views.form.save"),
            loading: create.isPending || update.isPending,
          }}
        />
      </Stack>
    </form>
  );
}

/**
 * ColumnMenu shows and hides the table's columns and moves them, by
 * buttons (keyboard and screen readers reach them as any other). The first
 * column, the actions and the columns the page fixes stay.
 */
function ColumnMenu({
  page,
  columns,
  shown,
  custom,
}: {
  page: SavedViewPage;
  columns: ColumnInfo[];
  shown: string[];
  custom: boolean;
}) {
  const { t } = useI18n();
  const movable = columns.filter((c) => !c.fixed);
  if (movable.length === 0) return null;
  const fixedShown = columns.filter((c) => c.fixed && c.id !== "actions");
  // The movable columns in the order shown, then the hidden ones in the page's order.
  const ordered = [
    ...shown.flatMap((id) => movable.filter((c) => c.id === id)),
    ...movable.filter((c) => !shown.includes(c.id)),
  ];
  const shownMovable = ordered.filter((c) => shown.includes(c.id)).map((c) => c.id);
  const commit = (ids: string[]) =>
    setColumnChoice(
      page,
      columns
        .filter((c) => c.fixed && c.id !== "actions")
        .map((c) => c.id)
        .slice(0, 1)
        .concat(ids),
    );
  const toggle = (id: string, on: boolean) =>
    commit(
      on
        ? ordered.filter((c) => shownMovable.includes(c.id) || c.id === id).map((c) => c.id)
        : shownMovable.filter((x) => x !== id),
    );
  const move = (id: string, by: -1 | 1) => {
    const ids = [...shownMovable];
    const i = ids.indexOf(id);
    const j = i + by;
    if (i < 0 || j < 0 || j >= ids.length) return;
    [ids[i], ids[j]] = [ids[j]!, ids[i]!];
    commit(ids);
  };
  const label = (c: ColumnInfo) => (typeof c.header === "string" ? c.header : c.id);
  return (
    <Popover position="bottom-end" width={300} shadow="md" trapFocus returnFocus>
      <Popover.Target>
        <Button variant="default" leftSection={<IconColumns3 size={16} />}>
          {t("columns.button")}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap={6} role="group" aria-label={t("columns.title")}>
          <Text fw={600} fz="sm">
            {t("columns.title")}
          </Text>
          {fixedShown.map((c) => (
            <Checkbox
              key={c.id}
              label={`${label(c)} (${t("columns.fixed")})`}
              checked
              disabled
              size="xs"
            />
          ))}
          {ordered.map((c) => {
            const on = shownMovable.includes(c.id);
            const at = shownMovable.indexOf(c.id);
            return (
              <Group key={c.id} gap={4} wrap="nowrap" justify="space-between">
                <Checkbox
                  label={label(c)}
                  checked={on}
                  size="xs"
                  onChange={(e) => toggle(c.id, e.currentTarget.checked)}
                />
                <Group gap={0} wrap="nowrap">
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    size="sm"
                    disabled={!on || at === 0}
                    aria-label={t("columns.moveUp", { name: label(c) })}
                    onClick={() => move(c.id, -1)}
                  >
                    <IconArrowUp size={14} />
                  </ActionIcon>
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    size="sm"
                    disabled={!on || at === shownMovable.length - 1}
                    aria-label={t("columns.moveDown", { name: label(c) })}
                    onClick={() => move(c.id, 1)}
                  >
                    <IconArrowDown size={14} />
                  </ActionIcon>
                </Group>
              </Group>
            );
          })}
          {custom && (
            <Button variant="subtle" size="xs" onClick={() => setColumnChoice(page, undefined)}>
              {t("columns.reset")}
            </Button>
          )}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
