/**
 * Canned answers on Connect's router transport: a test names what each
 * method answers, call by call, and nothing else answers. For the flows
 * whose rules live on the server (the second factor): the test fixes the
 * server's answers instead of imitating its rules.
 */
import {
  create,
  type DescMessage,
  type DescMethodUnary,
  type MessageInitShape,
  type MessageShape,
} from "@bufbuild/protobuf";
import { Code, ConnectError, createRouterTransport, type ConnectRouter } from "@connectrpc/connect";
import {
  AuthMethod,
  CallerSchema,
  SecondFactorRequiredSchema,
  type Caller,
} from "@leitstand/sdk/leitstand/admin/v1/auth_service_pb.js";
import { PlatformRole } from "@leitstand/sdk/leitstand/admin/v1/authz_pb.js";
import { rolePermissions } from "@/lib/auth";
import { invalid } from "@/mocks/util";

type Reply<O extends DescMessage> = MessageInitShape<O> | ConnectError;

interface Recorded {
  method: string;
  request: unknown;
}

/** A method with its canned answers. */
export interface Canned {
  register: (router: ConnectRouter, record: (call: Recorded) => void) => void;
}

const nameOf = (method: DescMethodUnary) => `${method.parent.name}/${method.name}`;

/**
 * answer makes a method give these answers, one per call; after the last,
 * the last again. A ConnectError is thrown as the server's refusal.
 */
export function answer<I extends DescMessage, O extends DescMessage>(
  method: DescMethodUnary<I, O>,
  ...replies: [Reply<O>, ...Reply<O>[]]
): Canned {
  return {
    register(router, record) {
      let calls = 0;
      router.rpc(method, (request) => {
        record({ method: nameOf(method), request });
        const reply = replies[Math.min(calls, replies.length - 1)]!;
        calls += 1;
        if (reply instanceof ConnectError) throw reply;
        return reply;
      });
    },
  };
}

/** cannedApi is a transport that answers only the given methods, and records their requests. */
export function cannedApi(...answers: Canned[]) {
  const calls: Recorded[] = [];
  const transport = createRouterTransport((router) => {
    for (const canned of answers) canned.register(router, (call) => calls.push(call));
  });
  return {
    transport,
    /** The methods called, in order, as "Service/Method". */
    calls: () => calls.map((c) => c.method),
    /** The requests a method received, in order. */
    requests<I extends DescMessage>(method: DescMethodUnary<I>): MessageShape<I>[] {
      return calls
        .filter((c) => c.method === nameOf(method))
        .map((c) => c.request as MessageShape<I>);
    },
  };
}

/** staffCaller is a signed-in member of staff with their role's permissions. */
export function staffCaller(init: Partial<Omit<Caller, "$typeName" | "$unknown">> = {}): Caller {
  const role = init.platformRole ?? PlatformRole.OWNER;
  return create(CallerSchema, {
    userId: "usr_owner",
    email: "owner@demo.leitstand.test",
    displayName: "Olivia Owner",
    platformRole: role,
    permissions: rolePermissions(role),
    authMethod: AuthMethod.SESSION,
    ...init,
  });
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
