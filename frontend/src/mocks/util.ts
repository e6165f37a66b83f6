import { ViolationsSchema } from "@bufbuild/protovalidate/gen/buf/validate/validate_pb.js";
import { Code, ConnectError } from "@connectrpc/connect";

/** page cuts one page out of a list; the token is the offset. */
export function page<T>(items: T[], pageSize: number, pageToken: string) {
  const size = pageSize > 0 ? pageSize : 50;
  const start = pageToken ? Number.parseInt(pageToken, 10) : 0;
  const slice = items.slice(start, start + size);
  const next = start + size < items.length ? String(start + size) : "";
  return { slice, next, total: items.length };
}

export const notFound = (what: string) => new ConnectError(`${what} not found`, Code.NotFound);

/** invalid is an InvalidArgument error with field violations, as protovalidate reports them. */
export function invalid(
  violations: { path: string[]; ruleId: string; message: string }[],
): ConnectError {
  return new ConnectError("invalid request", Code.InvalidArgument, undefined, [
    {
      desc: ViolationsSchema,
      value: {
        violations: violations.map((v) => ({
          field: { elements: v.path.map((fieldName) => ({ fieldName })) },
          ruleId: v.ruleId,
          message: v.message,
        })),
      },
    },
  ]);
}
