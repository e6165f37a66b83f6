import { useEffect } from "react";

export const appName = "Leitstand";

/** documentTitle joins the parts of a page's title, most specific first: "Acme GmbH · Organizations · Leitstand". */
export function documentTitle(...parts: (string | undefined)[]): string {
  const named = parts.filter((part): part is string => !!part?.trim());
  // A page named like the list it belongs to (a record that does not exist)
  // says it once.
  const distinct = named.filter((part, i) => part !== named[i - 1]);
  return [...distinct, appName].join(" · ");
}

/** useDocumentTitle sets the browser tab's title while the page is shown. */
export function useDocumentTitle(...parts: (string | undefined)[]): void {
  const title = documentTitle(...parts);
  useEffect(() => {
    document.title = title;
  }, [title]);
}
