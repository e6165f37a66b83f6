import { useInfiniteQuery } from "@connectrpc/connect-query";
import { keepPreviousData } from "@tanstack/react-query";
import { AuditService } from "@leitstand/sdk/leitstand/admin/v1/audit_service_pb.js";
import { FeedbackService } from "@leitstand/sdk/leitstand/admin/v1/feedback_service_pb.js";
import { useChange } from "@/lib/queries";
import type { FeedbackSearch } from "../search";

export const feedbackPageSize = 50;

/** The list request of the URL's filters: the page's list and its CSV export. */
export function listInput(search: FeedbackSearch) {
  return {
    pageSize: feedbackPageSize,
    pageToken: "",
    reviewed: search.reviewed === "all" ? undefined : search.reviewed === "yes",
    maxRating: search.maxRating,
    area: "",
  };
}

/** useFeedbackList pages through the feedback, newest first, with the URL's filters. */
export function useFeedbackList(search: FeedbackSearch) {
  return useInfiniteQuery(FeedbackService.method.listFeedback, listInput(search), {
    pageParamKey: "pageToken",
    getNextPageParam: (last) => last.nextPageToken || undefined,
    placeholderData: keepPreviousData,
  });
}

export function useReviewFeedback() {
  return useChange(FeedbackService.method.reviewFeedback, [FeedbackService, AuditService]);
}
