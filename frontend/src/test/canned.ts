/**
 * Canned answers on Connect's router transport: a test names what each
 * method answers and nothing else answers. The rules live on the server
 * (tested there and end to end); a component test fixes the server's
 * answers and checks what the interface does with them and what it asks.
 */
import {
  type DescMessage,
  type DescMethodUnary,
  type MessageInitShape,
  type MessageShape,
} from "@bufbuild/protobuf";
import { ViolationsSchema } from "@bufbuild/protovalidate/gen/buf/validate/validate_pb.js";
import {
  Code,
  ConnectError,
  createRouterTransport,
  type ConnectRouter,
  type Transport,
} from "@connectrpc/connect";
import {
  AuthService,
  SecondFactorRequiredSchema,
  type Caller,
} from "@leitstand/sdk/leitstand/admin/v1/auth_service_pb.js";

type Reply<O extends DescMessage> = MessageInitShape<O> | ConnectError;

interface Recorded {
  method: string;
  request: unknown;
}

/** A method with its canned answers. */
export interface Canned {
  method: string;
  register: (router: ConnectRouter, record: (call: Recorded) => void) => void;
}

const nameOf = (method: DescMethodUnary) => `${method.parent.name}/${method.name}`;

/**
 * answerWith makes a method answer each request with what reply returns for
 * it (the request, and how many calls came before). For answers that depend
 * on what was asked: the page token, the id, the range. A ConnectError is
 * thrown as the server's refusal.
 */
export function answerWith<I extends DescMessage, O extends DescMessage>(
  method: DescMethodUnary<I, O>,
  reply: (request: MessageShape<I>, call: number) => Reply<O>,
): Canned {
  return {
    method: nameOf(method),
    register(router, record) {
      let calls = 0;
      router.rpc(method, (request) => {
        record({ method: nameOf(method), request });
        const answer = reply(request, calls);
        calls += 1;
        if (answer instanceof ConnectError) throw answer;
        return answer;
      });
    },
  };
}

/**
 * answer makes a method give these answers, one per call; after the last,
 * the last again. A ConnectError is thrown as the server's refusal.
 */
export function answer<I extends DescMessage, O extends DescMessage>(
  method: DescMethodUnary<I, O>,
  ...replies: [Reply<O>, ...Reply<O>[]]
): Canned {
  return answerWith(method, (_, call) => replies[Math.min(call, replies.length - 1)]!);
}

/** signedIn answers GetCurrentUser with these callers, one per call (then the last again). */
export function signedIn(caller: Caller, ...later: Caller[]): Canned {
  return answer(
    AuthService.method.getCurrentUser,
    { caller },
    ...later.map((c) => ({ caller: c })),
  );
}

/** signedOut answers GetCurrentUser as the server does without a session. */
export function signedOut(): Canned {
  return answer(AuthService.method.getCurrentUser, unauthenticated());
}

/**
 * cannedApi is a transport that answers only the given methods, and records
 * their requests. A later answer of a method replaces an earlier one, so a
 * test can override a shared set of answers.
 */
export function cannedApi(...answers: Canned[]) {
  const calls: Recorded[] = [];
  const byMethod = new Map(answers.map((a) => [a.method, a]));
  const router = createRouterTransport((r) => {
    for (const canned of byMethod.values()) canned.register(r, (call) => calls.push(call));
  });
  // A call without a canned answer is recorded too, and refused.
  const transport: Transport = {
    unary(method, signal, timeoutMs, header, input, contextValues) {
      const name = nameOf(method);
      if (!byMethod.has(name)) calls.push({ method: name, request: input });
      return router.unary(method, signal, timeoutMs, header, input, contextValues);
    },
    stream: (...args) => router.stream(...args),
  };
  /** The requests a method received, in order. */
  const requests = <I extends DescMessage>(method: DescMethodUnary<I>): MessageShape<I>[] =>
    calls.filter((c) => c.method === nameOf(method)).map((c) => c.request as MessageShape<I>);
  return {
    transport,
    /** The methods called, in order, as "Service/Method". */
    calls: () => calls.map((c) => c.method),
    requests,
    /** The last request a method received. */
    lastRequest: <I extends DescMessage>(method: DescMethodUnary<I>): MessageShape<I> | undefined =>
      requests(method).at(-1),
  };
}

export type CannedApi = ReturnType<typeof cannedApi>;

/** invalid is the server's InvalidArgument with field violations, as protovalidate reports them. */
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

/** refused is a refusal of the server with its message (FailedPrecondition unless told). */
export function refused(message: string, code: Code = Code.FailedPrecondition): ConnectError {
  return new ConnectError(message, code);
}

/** notFound is the server's NotFound. */
export function notFound(what: string): ConnectError {
  return new ConnectError(`${what} not found`, Code.NotFound);
}

/** unauthenticated is the server's answer without a (valid) session. */
export function unauthenticated(): ConnectError {
  return new ConnectError("sign in first", Code.Unauthenticated);
}

/** secondFactorRequired is the server's refusal of a call that needs the second factor first. */
export function secondFactorRequired(enrollmentRequired = false): ConnectError {
  return new ConnectError(
    enrollmentRequired
      ? "set up a second factor (an authenticator app) first: the platform requires one for your role"
      : "confirm this with a code from your authenticator app first",
    Code.FailedPrecondition,
    undefined,
    [{ desc: SecondFactorRequiredSchema, value: { enrollmentRequired } }],
  );
}

/** wrongCode is the server's answer to a code that is wrong or was used already. */
export function wrongCode(): ConnectError {
  return invalid([
    {
      path: ["code"],
      ruleId: "second_factor.code",
      message: "the code is wrong or was used already",
    },
  ]);
}
