import { fireEvent, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { loadTexts } from "@/lib/i18n/i18n";
import { renderUi } from "@/test/render";
import { DataTable, nextSort, type Column } from "./DataTable";
import { Truncated } from "./Truncated";

interface Row {
  id: string;
  name: string;
}

const noun = {
  one: "orgs.count.one",
  other: "orgs.count.other",
  showing: "orgs.count.showing",
} as const;

const columns: Column<Row>[] = [
  {
    id: "name",
    header: "Name",
    sort: { asc: "name", desc: "name_desc" },
    cell: (r) => <Truncated>{r.name}</Truncated>,
  },
  {
    id: "created",
    header: "Created",
    width: 120,
    sort: { asc: "created", desc: "created_desc", first: "desc" },
    cell: () => "today",
  },
  { id: "members", header: "Members", width: 100, cell: () => "3" },
];

const rows = (n: number): Row[] =>
  Array.from({ length: n }, (_, i) => ({ id: `r${i}`, name: `Organization ${i}` }));

describe("DataTable footer", () => {
  // The count words of an area's list, which its route loads for its pages.
  beforeAll(() => loadTexts("organizations"));

  it.each([
    ["en", 1, 1, "1 organization"],
    ["en", 45, 45, "45 organizations"],
    ["en", 11, 120, "Showing 11 of 120 organizations"],
    ["de", 1, 1, "1 Organisation"],
    ["de", 45, 45, "45 Organisationen"],
    ["de", 11, 120, "11 von 120 Organisationen angezeigt"],
  ] as const)("in %s, %i of %i rows read %s", (locale, shown, total, text) => {
    renderUi(
      <DataTable
        label="Organizations"
        columns={columns}
        rows={rows(shown)}
        rowKey={(r) => r.id}
        total={total}
        noun={noun}
      />,
      locale,
    );
    expect(screen.getByTestId("list-count")).toHaveTextContent(text);
  });
});

describe("DataTable sorting", () => {
  it("marks the sorted column and asks for the next order on a click", async () => {
    const onSortChange = vi.fn();
    renderUi(
      <DataTable
        label="Organizations"
        columns={columns}
        rows={rows(2)}
        rowKey={(r) => r.id}
        sort="name"
        onSortChange={onSortChange}
      />,
    );
    const headers = screen.getAllByRole("columnheader");
    expect(headers[0]).toHaveAttribute("aria-sort", "ascending");
    expect(headers[1]).toHaveAttribute("aria-sort", "none");
    expect(headers[2]).not.toHaveAttribute("aria-sort");
    expect(within(headers[2]!).queryByRole("button")).not.toBeInTheDocument();

    const user = userEvent.setup();
    await user.click(within(headers[0]!).getByRole("button", { name: "Name" }));
    expect(onSortChange).toHaveBeenLastCalledWith("name_desc");
    // Usage and dates sort newest (highest) first on the first click.
    await user.click(within(headers[1]!).getByRole("button", { name: "Created" }));
    expect(onSortChange).toHaveBeenLastCalledWith("created_desc");
  });

  it("turns a sorted column around, and keeps one-way orders as they are", () => {
    expect(nextSort({ asc: "cpu", desc: "cpu_desc", first: "desc" }, "cpu_desc")).toBe("cpu");
    expect(nextSort({ asc: "cpu", desc: "cpu_desc", first: "desc" }, "cpu")).toBe("cpu_desc");
    expect(nextSort({ asc: "name" }, "name")).toBe("name");
  });
});

describe("Truncated", () => {
  afterEach(() => vi.restoreAllMocks());

  const overflow = (scroll: number, client: number) => {
    vi.spyOn(HTMLElement.prototype, "scrollWidth", "get").mockReturnValue(scroll);
    vi.spyOn(HTMLElement.prototype, "clientWidth", "get").mockReturnValue(client);
  };
  const long = "Sehr lange Organisation ".repeat(5).trim();

  it("shows the whole text in a tooltip when it is cut off", async () => {
    overflow(900, 200);
    renderUi(<Truncated>{long}</Truncated>);
    const text = screen.getByText(long);
    fireEvent.mouseEnter(text);
    expect(await screen.findByRole("tooltip")).toHaveTextContent(long);
    fireEvent.mouseLeave(text);
    expect(screen.queryByRole("tooltip")).not.toBeInTheDocument();
  });

  it("shows no tooltip when the text fits", () => {
    overflow(120, 200);
    renderUi(<Truncated>Acme</Truncated>);
    fireEvent.mouseEnter(screen.getByText("Acme"));
    expect(screen.queryByRole("tooltip")).not.toBeInTheDocument();
  });
});
