import { useSyncExternalStore, type ReactNode } from "react";

/**
 * The columns a list shows, chosen by its user: the ids of the shown
 * columns in their order, or undefined for the page's own. A table that
 * names its page (DataTable's `view`) follows the choice and tells the
 * page's column menu which columns it has. The choice is kept in this
 * browser per page; a saved view keeps it on the server with the filters.
 */

/** A column as the column menu shows it. */
export interface ColumnInfo {
  id: string;
  header: ReactNode;
  /** Always shown, where it is: the first column (the key), the actions, and those the page fixes. */
  fixed: boolean;
}

interface PageColumns {
  choice?: string[];
  columns: ColumnInfo[];
  /** What the listeners last saw: changes when the choice or the set of columns does. */
  version: number;
}

const pages = new Map<string, PageColumns>();
const listeners = new Set<() => void>();
const storageKey = (page: string) => `leitstand.columns.${page}`;

function entry(page: string): PageColumns {
  let e = pages.get(page);
  if (!e) {
    e = { columns: [], version: 0, choice: readStored(page) };
    pages.set(page, e);
  }
  return e;
}

function readStored(page: string): string[] | undefined {
  try {
    const raw = globalThis.localStorage?.getItem(storageKey(page));
    const parsed: unknown = raw ? JSON.parse(raw) : undefined;
    return Array.isArray(parsed) && parsed.every((x) => typeof x === "string") ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function notify(e: PageColumns) {
  e.version += 1;
  for (const l of listeners) l();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** setColumnChoice shows these columns of page, in this order (undefined or empty: the page's own). */
export function setColumnChoice(page: string, choice: string[] | undefined) {
  const e = entry(page);
  e.choice = choice && choice.length > 0 ? [...choice] : undefined;
  try {
    if (e.choice) globalThis.localStorage?.setItem(storageKey(page), JSON.stringify(e.choice));
    else globalThis.localStorage?.removeItem(storageKey(page));
  } catch {
    // Private windows may refuse storage: the choice lasts until the page is left.
  }
  notify(e);
}

/** registerColumns tells the page's column menu which columns its table has. */
export function registerColumns(page: string, columns: ColumnInfo[]) {
  const e = entry(page);
  const same =
    e.columns.length === columns.length &&
    e.columns.every((c, i) => c.id === columns[i]!.id && c.fixed === columns[i]!.fixed);
  e.columns = columns;
  if (!same) notify(e);
}

/** useColumnChoice is the page's chosen columns (undefined: its own). */
export function useColumnChoice(page: string | undefined): string[] | undefined {
  useSyncExternalStore(subscribe, () => (page ? entry(page).version : 0));
  return page ? entry(page).choice : undefined;
}

/** usePageColumns are the columns the page's table has, for its column menu. */
export function usePageColumns(page: string): ColumnInfo[] {
  useSyncExternalStore(subscribe, () => entry(page).version);
  return entry(page).columns;
}

/**
 * chosenColumns are the columns shown for a choice: the first column
 * first, then the chosen ones in their order, every fixed column the
 * choice left out, and the actions last. Ids the table does not have are
 * passed over (a column a page no longer shows).
 */
export function chosenColumns<C extends { id: string }>(
  columns: C[],
  choice: string[] | undefined,
  isFixed: (c: C, index: number) => boolean,
): C[] {
  if (!choice || columns.length === 0) return columns;
  const first = columns[0]!;
  const actions = columns.filter((c) => c.id === "actions");
  const byId = new Map(columns.map((c) => [c.id, c]));
  const middle: C[] = [];
  for (const id of choice) {
    const c = byId.get(id);
    if (c && c !== first && c.id !== "actions" && !middle.includes(c)) middle.push(c);
  }
  columns.forEach((c, i) => {
    if (c !== first && c.id !== "actions" && isFixed(c, i) && !middle.includes(c)) middle.push(c);
  });
  return [first, ...middle, ...actions];
}

/** shownIds are the ids of the columns shown by a choice, without the actions: what a view keeps. */
export function shownIds(columns: ColumnInfo[], choice: string[] | undefined): string[] {
  return chosenColumns(columns, choice, (c) => c.fixed)
    .filter((c) => c.id !== "actions")
    .map((c) => c.id);
}

/** forgetColumns drops every page's choice from memory (tests). */
export function forgetColumns() {
  pages.clear();
}
