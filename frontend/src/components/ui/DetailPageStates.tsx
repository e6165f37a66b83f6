import { Skeleton, Stack } from "@mantine/core";
import type { ReactNode } from "react";
import { EmptyState } from "@/components/ui/EmptyState";
import { PageHeader, type Crumb } from "@/components/ui/PageHeader";
import { QueryError } from "@/components/ui/QueryError";
import { isMissingRecord } from "@/lib/api-errors";

/** DetailPageLoading is a detail page while its record loads: the crumbs, a title placeholder, and the skeletons given. */
export function DetailPageLoading({ crumbs, children }: { crumbs: Crumb[]; children: ReactNode }) {
  return (
    <Stack gap="lg">
      <PageHeader title={<Skeleton height={28} width={280} />} breadcrumbs={crumbs} />
      {children}
    </Stack>
  );
}

/**
 * LoadFailure says why a record cannot be shown: that it does not exist (no
 * error, NotFound, or a malformed id in the URL), or why it could not be
 * loaded, with a retry.
 */
export function LoadFailure({
  error,
  onRetry,
  icon,
  notFound,
}: {
  error: unknown;
  onRetry: () => void;
  icon: ReactNode;
  /** What to say when the record does not exist. */
  notFound: string;
}) {
  if (!error || isMissingRecord(error)) {
    return <EmptyState icon={icon} title={notFound} />;
  }
  return <QueryError error={error} onRetry={onRetry} />;
}

/** DetailPageMissing is a detail page whose record cannot be shown (see LoadFailure). */
export function DetailPageMissing({
  crumbs,
  title,
  error,
  onRetry,
  icon,
  notFound,
}: {
  crumbs: Crumb[];
  /** The title of the list the crumbs lead back to. */
  title: string;
  error: unknown;
  onRetry: () => void;
  icon: ReactNode;
  /** What to say when the record does not exist. */
  notFound: string;
}) {
  return (
    <>
      <PageHeader title={title} breadcrumbs={crumbs} />
      <LoadFailure error={error} onRetry={onRetry} icon={icon} notFound={notFound} />
    </>
  );
}
