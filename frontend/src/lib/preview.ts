import type { DescMessage, DescMethodUnary, MessageInitShape } from "@bufbuild/protobuf";
import { skipToken, useQuery } from "@connectrpc/connect-query";
import { useDebouncedValue } from "@mantine/hooks";
import { keepPreviousData } from "@tanstack/react-query";

/** How long a form's inputs rest before the server is asked for the effect. */
export const previewDelay = 350;

/**
 * useLivePreview asks the server what a change would do, without making it:
 * the change's own RPC with `preview: true` (GrantDiscount,
 * ScheduleTransition, GrantReverseTrial …), for the request as the form's
 * inputs say it (null while they are not valid), once the inputs rested a
 * moment — not once per key. The last answer stays while the next one is
 * computed; `current` says whether the answer is of the inputs as they are.
 * `paused` asks nothing (while the change itself is sent: it marks the
 * queries stale, and the preview is not asked again over the change). Its
 * dialog shows every failure itself. The request holds no bigint.
 */
export function useLivePreview<I extends DescMessage, O extends DescMessage>(
  method: DescMethodUnary<I, O>,
  request: MessageInitShape<I> | null,
  paused = false,
) {
  const key = request ? JSON.stringify(request) : "";
  const [resting] = useDebouncedValue(key, previewDelay);
  const asked =
    resting && !paused
      ? ({ ...(JSON.parse(resting) as object), preview: true } as unknown as MessageInitShape<I>)
      : skipToken;
  const query = useQuery(method, asked, {
    placeholderData: keepPreviousData,
    meta: { handlesErrors: true },
    retry: false,
  });
  const current = key !== "" && resting === key && query.isSuccess && !query.isPlaceholderData;
  return {
    /** The server's answer: its `effect`, or its refusal. */
    query,
    /** The answer is of the request as it is now. */
    current,
    /** The server is asked, or will be once the inputs rest. */
    computing: query.isFetching || (key !== "" && !current && !query.error),
  };
}
