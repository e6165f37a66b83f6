import { createConnectQueryKey } from "@connectrpc/connect-query";
import type { DescService } from "@bufbuild/protobuf";
import { useQueryClient } from "@tanstack/react-query";

/** useInvalidate returns a function that marks every query of the given services stale. */
export function useInvalidate(...services: DescService[]): () => Promise<void> {
  const queryClient = useQueryClient();
  return async () => {
    await Promise.all(
      services.map((schema) =>
        queryClient.invalidateQueries({
          queryKey: createConnectQueryKey({ schema, cardinality: undefined }),
        }),
      ),
    );
  };
}
