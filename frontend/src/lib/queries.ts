import type { DescMessage, DescMethodUnary, DescService } from "@bufbuild/protobuf";
import type { Transport } from "@connectrpc/connect";
import { createConnectQueryKey, useMutation } from "@connectrpc/connect-query";
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

/**
 * useChange is the mutation behind a form or dialog: the form shows its
 * errors itself (field errors at the field), and once it succeeded every
 * query of the services it changes is marked stale.
 */
export function useChange<I extends DescMessage, O extends DescMessage>(
  method: DescMethodUnary<I, O>,
  changes: readonly DescService[],
  transport?: Transport,
) {
  const onSuccess = useInvalidate(...changes);
  return useMutation(method, { meta: { handlesErrors: true }, onSuccess, transport });
}
