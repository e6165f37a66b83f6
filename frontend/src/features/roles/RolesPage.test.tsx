import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { demo, renderApp } from "@/test/render";

/** What a permission's row says for each role (Owner, Operator, Developer, User). */
async function cellsOf(permission: string) {
  const header = await screen.findByRole("rowheader", { name: new RegExp(`^${permission}`) });
  return within(header.closest("tr") as HTMLElement)
    .getAllByRole("cell")
    .map((cell) => (within(cell).queryByText("Granted") ? "Granted" : "Not granted"));
}

describe("roles", () => {
  it("shows which permissions each role holds", async () => {
    renderApp("/roles", { signedInAs: demo.developer });
    const matrix = await screen.findByRole("table", { name: "Permissions of each role" });
    const headers = within(matrix).getAllByRole("columnheader");
    expect(headers.map((h) => h.textContent)).toEqual([
      "Permission",
      "Owner1 user",
      "Operator1 user",
      "Developer1 user",
      "User5 users",
    ]);

    const trigger = await cellsOf("Run jobs now");
    expect(trigger).toEqual(["Granted", "Granted", "Not granted", "Not granted"]);
    const read = await cellsOf("Read jobs");
    expect(read).toEqual(["Granted", "Granted", "Granted", "Not granted"]);
    expect(screen.getByText("Run a background job now, outside its schedule.")).toBeInTheDocument();
    const settings = await cellsOf("Change settings");
    expect(settings).toEqual(["Granted", "Not granted", "Not granted", "Not granted"]);
  });

  it("is in the navigation for those who may read members", async () => {
    renderApp("/roles", { signedInAs: demo.operator });
    await screen.findByRole("table", { name: "Permissions of each role" });
    expect(screen.getByRole("link", { name: "Roles" })).toHaveAttribute("href", "/roles");
  });
});
