import { Code, ConnectError } from "@connectrpc/connect";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { renderUi } from "@/test/render";
import { RowActions, type ConfirmRowAction } from "./RowActions";

function action(overrides: Partial<ConfirmRowAction> = {}): ConfirmRowAction {
  return {
    id: "disable",
    label: "Disable sign-in",
    title: "Disable Anna?",
    reason: "required",
    run: vi.fn().mockResolvedValue(undefined),
    ...overrides,
  };
}

describe("RowActions", () => {
  it("requires a reason before running the action", async () => {
    const run = vi.fn().mockResolvedValue(undefined);
    renderUi(<RowActions label="Anna" actions={[action({ run })]} />);
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Actions: Anna" }));
    await user.click(await screen.findByRole("menuitem", { name: "Disable sign-in" }));
    expect(await screen.findByText("Disable Anna?")).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Confirm" }));
    expect(await screen.findByText("Please give a reason.")).toBeInTheDocument();
    expect(run).not.toHaveBeenCalled();

    // Blank text is no reason either.
    await user.type(screen.getByLabelText(/Reason/), "   ");
    await user.click(screen.getByRole("button", { name: "Confirm" }));
    expect(run).not.toHaveBeenCalled();

    await user.type(screen.getByLabelText(/Reason/), "left the company");
    await user.click(screen.getByRole("button", { name: "Confirm" }));
    await waitFor(() =>
      expect(run).toHaveBeenCalledWith({ reason: "left the company", fields: {} }),
    );
    await waitFor(() => expect(screen.queryByText("Disable Anna?")).not.toBeInTheDocument());
  });

  it("asks for the action's choices and passes them on", async () => {
    const run = vi.fn().mockResolvedValue(undefined);
    renderUi(
      <RowActions
        label="Anna"
        actions={[
          action({
            id: "role",
            label: "Change platform role",
            title: "Change the role",
            fields: [
              {
                name: "role",
                label: "New platform role",
                initial: "4",
                options: [
                  { value: "2", label: "Operator" },
                  { value: "4", label: "User" },
                ],
              },
            ],
            run,
          }),
        ]}
      />,
    );
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Actions: Anna" }));
    await user.click(await screen.findByRole("menuitem", { name: "Change platform role" }));
    await user.click(await screen.findByLabelText(/New platform role/, { selector: "input" }));
    await user.click(await screen.findByRole("option", { name: "Operator" }));
    await user.type(screen.getByLabelText(/Reason/), "promoted");
    await user.click(screen.getByRole("button", { name: "Confirm" }));
    await waitFor(() =>
      expect(run).toHaveBeenCalledWith({ reason: "promoted", fields: { role: "2" } }),
    );
  });

  it("keeps the dialog open and shows the server's answer when the action fails", async () => {
    const run = vi
      .fn()
      .mockRejectedValue(
        new ConnectError("the last owner cannot be demoted", Code.FailedPrecondition),
      );
    renderUi(<RowActions label="Olivia" actions={[action({ run })]} />);
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Actions: Olivia" }));
    await user.click(await screen.findByRole("menuitem", { name: "Disable sign-in" }));
    await user.type(await screen.findByLabelText(/Reason/), "test");
    await user.click(screen.getByRole("button", { name: "Confirm" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("the last owner cannot be demoted");
    expect(screen.getByText("Disable Anna?")).toBeInTheDocument();
  });

  it("says why a disabled action is not available, and opens an action's own dialog", async () => {
    const open = vi.fn();
    renderUi(
      <RowActions
        label="nginx"
        actions={[
          action({ id: "start", label: "Start", disabled: true, disabledReason: "Beszel only" }),
          { id: "details", label: "Show details", onSelect: open },
        ]}
      />,
    );
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Actions: nginx" }));
    expect(await screen.findByRole("menuitem", { name: "Start" })).toBeDisabled();
    await user.hover(screen.getByTestId("disabled-start"));
    expect(await screen.findByText("Beszel only")).toBeInTheDocument();
    await user.click(screen.getByRole("menuitem", { name: "Show details" }));
    expect(open).toHaveBeenCalled();
  });

  it("renders nothing when the caller may take no action", () => {
    renderUi(<RowActions label="Anna" actions={[action({ hidden: true })]} />);
    expect(screen.queryByRole("button")).not.toBeInTheDocument();
  });
});
