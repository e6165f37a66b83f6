import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { renderUi } from "@/test/render";
import { CopyableText } from "./CopyButton";

describe("CopyButton", () => {
  it.each([
    ["en", "Copy", "Copied"],
    ["de", "Kopieren", "Kopiert"],
  ] as const)("copies the value and says so (%s)", async (locale, copy, copied) => {
    const user = userEvent.setup();
    const writeText = vi.spyOn(navigator.clipboard, "writeText").mockResolvedValue();
    renderUi(<CopyableText value="203.0.113.10" label="IP address" />, locale);
    expect(screen.getByText("203.0.113.10")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: `${copy}: IP address` }));
    expect(writeText).toHaveBeenCalledWith("203.0.113.10");
    await waitFor(() => expect(screen.getByRole("tooltip")).toHaveTextContent(copied));
  });
});
