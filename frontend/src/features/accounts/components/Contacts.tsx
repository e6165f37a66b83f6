import { Anchor, Badge, Popover, Stack, Text, UnstyledButton } from "@mantine/core";
import { CopyButton } from "@/components/ui/CopyButton";
import { useI18n } from "@/lib/i18n/i18n";
import { parseContact } from "../rollup";
import classes from "./Accounts.module.css";

/** ContactLink is a contact, "Name <e-mail>", as a mailto: link named by the person. */
export function ContactLink({ contact }: { contact: string }) {
  const { name, email } = parseContact(contact);
  if (!email) {
    return (
      <Text fz="sm" className={classes.contact} title={name}>
        {name || "—"}
      </Text>
    );
  }
  return (
    <Anchor href={`mailto:${email}`} fz="sm" className={classes.contact} title={email}>
      {name}
    </Anchor>
  );
}

/**
 * AdminContacts are an account's admins: the first as a mailto: link, and
 * "+n" that opens the others; with `copyLabel`, a button (named so) that
 * copies all their e-mail addresses, to write to them at once.
 */
export function AdminContacts({ contacts, copyLabel }: { contacts: string[]; copyLabel?: string }) {
  const { t } = useI18n();
  const [first, ...others] = contacts;
  if (first === undefined) return <Text c="dimmed">—</Text>;
  const emails = contacts.map((c) => parseContact(c).email).filter((e) => e !== "");
  return (
    <div className={classes.contacts}>
      <ContactLink contact={first} />
      {copyLabel && emails.length > 0 && <CopyButton value={emails.join(", ")} label={copyLabel} />}
      {others.length > 0 && (
        <Popover position="bottom-end" withArrow shadow="md" withinPortal>
          <Popover.Target>
            <UnstyledButton aria-label={t("accounts.moreAdmins", { count: others.length })}>
              <Badge variant="default" size="sm" style={{ cursor: "pointer" }}>
                +{others.length}
              </Badge>
            </UnstyledButton>
          </Popover.Target>
          <Popover.Dropdown>
            <Stack gap={4} maw={320}>
              {others.map((c) => (
                <ContactLink key={c} contact={c} />
              ))}
            </Stack>
          </Popover.Dropdown>
        </Popover>
      )}
    </div>
  );
}
