import { Code, ConnectError } from "@connectrpc/connect";
import { describe, expect, it, vi } from "vitest";
import { secondFactorRequired } from "@/test/canned";
import { codeProblem, normalizeCode, withStepUp } from "./second-factor";

function prompts(confirmed: boolean[] = []) {
  const answers = [...confirmed];
  return {
    confirm: vi.fn(async () => answers.shift() ?? false),
    enrol: vi.fn(),
  };
}

describe("withStepUp", () => {
  it("makes the call again once the code is confirmed", async () => {
    const action = vi
      .fn<() => Promise<string>>()
      .mockRejectedValueOnce(secondFactorRequired())
      .mockResolvedValueOnce("done");
    const asked = prompts([true]);
    await expect(withStepUp(action, asked)).resolves.toBe("done");
    expect(action).toHaveBeenCalledTimes(2);
    expect(asked.confirm).toHaveBeenCalledTimes(1);
  });

  it("keeps the refusal when the person cancels", async () => {
    const refusal = secondFactorRequired();
    const action = vi.fn<() => Promise<string>>().mockRejectedValue(refusal);
    await expect(withStepUp(action, prompts([false]))).rejects.toBe(refusal);
    expect(action).toHaveBeenCalledTimes(1);
  });

  it("asks at most twice for one call", async () => {
    const action = vi.fn<() => Promise<string>>().mockRejectedValue(secondFactorRequired());
    const asked = prompts([true, true, true]);
    await expect(withStepUp(action, asked)).rejects.toBeInstanceOf(ConnectError);
    expect(asked.confirm).toHaveBeenCalledTimes(2);
    expect(action).toHaveBeenCalledTimes(3);
  });

  it("says to set up a second factor first, and asks for no code", async () => {
    const action = vi.fn<() => Promise<string>>().mockRejectedValue(secondFactorRequired(true));
    const asked = prompts([true]);
    await expect(withStepUp(action, asked)).rejects.toBeInstanceOf(ConnectError);
    expect(asked.enrol).toHaveBeenCalledTimes(1);
    expect(asked.confirm).not.toHaveBeenCalled();
  });

  it("leaves other errors alone, a failed precondition without the detail too", async () => {
    const asked = prompts([true]);
    for (const error of [
      new ConnectError("the last owner cannot be demoted", Code.FailedPrecondition),
      new ConnectError("permission denied", Code.PermissionDenied),
    ]) {
      await expect(withStepUp(() => Promise.reject(error), asked)).rejects.toBe(error);
    }
    expect(asked.confirm).not.toHaveBeenCalled();
    expect(asked.enrol).not.toHaveBeenCalled();
  });
});

describe("codes", () => {
  it("checks the app's six digits and a recovery code before they are sent", () => {
    expect(normalizeCode(" 123 456 ", "app")).toBe("123456");
    expect(normalizeCode(" abcde-fghij ", "recovery")).toBe("abcde-fghij");
    expect(codeProblem("123 456", "app")).toBeNull();
    expect(codeProblem("", "app")).toBe("validation.required");
    expect(codeProblem("12345", "app")).toBe("validation.appCode");
    expect(codeProblem("12345a", "app")).toBe("validation.appCode");
    expect(codeProblem("abcde-fghij", "recovery")).toBeNull();
    expect(codeProblem("abc", "recovery")).toBe("validation.recoveryCode");
  });
});
