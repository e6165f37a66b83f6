import type { Transport } from "@connectrpc/connect";
import { secondFactorRequirement } from "@/lib/api-errors";
import type { MessageKey } from "@/lib/i18n/i18n";

/** Which code a person types: from the authenticator app, or a recovery code. */
export type CodeKind = "app" | "recovery";

/** normalizeCode is the code as sent: the app's digits without spaces, a recovery code trimmed. */
export function normalizeCode(value: string, kind: CodeKind): string {
  return kind === "app" ? value.replace(/\s+/g, "") : value.trim();
}

/** codeProblem says what is wrong with a typed code before it is sent, or null. */
export function codeProblem(value: string, kind: CodeKind): MessageKey | null {
  const code = normalizeCode(value, kind);
  if (code === "") return "validation.required";
  if (kind === "app" && !/^[0-9]{6}$/.test(code)) return "validation.appCode";
  if (kind === "recovery" && (code.length < 6 || code.length > 64)) {
    return "validation.recoveryCode";
  }
  return null;
}

/** What the step-up asks of the person. */
export interface StepUpPrompts {
  /**
   * Asks for a code and confirms it with the server (VerifySecondFactor):
   * true once confirmed, false when the person cancels.
   */
  confirm: () => Promise<boolean>;
  /** Tells the person to set up a second factor first. */
  enrol: () => void;
}

/** How often one call may ask for a code before its refusal stands. */
const maxConfirmations = 2;

/**
 * withStepUp runs a call; when the server refuses it until the caller's
 * second factor is confirmed, it asks for a code and runs the call again.
 * When a second factor must be set up first, it says so and the refusal
 * stands, as it does when the person cancels.
 */
export async function withStepUp<T>(action: () => Promise<T>, prompts: StepUpPrompts): Promise<T> {
  for (let asked = 0; ; asked++) {
    try {
      return await action();
    } catch (error) {
      const requirement = secondFactorRequirement(error);
      if (!requirement) throw error;
      if (requirement.enrollmentRequired) {
        prompts.enrol();
        throw error;
      }
      if (asked >= maxConfirmations || !(await prompts.confirm())) throw error;
    }
  }
}

/**
 * stepUpTransport is a transport whose unary calls go through withStepUp:
 * a mutation made with it asks for a code when the server wants a fresh
 * second factor, and is retried with it, as one call.
 */
export function stepUpTransport(transport: Transport, prompts: StepUpPrompts): Transport {
  return {
    unary: (method, signal, timeoutMs, header, input, contextValues) =>
      withStepUp(
        () => transport.unary(method, signal, timeoutMs, header, input, contextValues),
        prompts,
      ),
    stream: (method, signal, timeoutMs, header, input, contextValues) =>
      transport.stream(method, signal, timeoutMs, header, input, contextValues),
  };
}
