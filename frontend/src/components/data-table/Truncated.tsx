import { Tooltip } from "@mantine/core";
import { useMergedRef } from "@mantine/hooks";
import {
  forwardRef,
  useRef,
  useState,
  type ComponentPropsWithoutRef,
  type FocusEvent,
  type MouseEvent,
} from "react";
import classes from "./columns.module.css";

/**
 * useOverflowTooltip shows an element's whole text in a tooltip while the
 * pointer (or the focus) is on it, but only when the element cuts its text
 * off: a name that fits needs no tooltip repeating it.
 */
export function useOverflowTooltip<E extends HTMLElement>() {
  const ref = useRef<E>(null);
  const [label, setLabel] = useState<string | null>(null);
  const show = () => {
    const el = ref.current;
    if (el && el.scrollWidth > el.clientWidth) setLabel(el.textContent);
  };
  const hide = () => setLabel(null);
  return { ref, label, opened: label !== null, show, hide };
}

/** The tooltip of a truncated text: the whole text, wrapped, over the cut one. */
export function OverflowTooltip({
  label,
  opened,
  children,
}: {
  label: string | null;
  opened: boolean;
  children: React.ReactElement;
}) {
  return (
    <Tooltip
      label={label ?? ""}
      opened={opened}
      multiline
      maw={480}
      position="top-start"
      withinPortal
      style={{ overflowWrap: "anywhere" }}
    >
      {children}
    </Tooltip>
  );
}

type TruncatedProps = ComponentPropsWithoutRef<"span">;

/**
 * Truncated is one line of text that ends in an ellipsis where its column
 * is too narrow, with the whole text in a tooltip on hover and focus. Every
 * table cell and page title with free text (names, e-mails) uses it, so a
 * long name never pushes the other columns off the screen.
 */
export const Truncated = forwardRef<HTMLSpanElement, TruncatedProps>(
  ({ className, onMouseEnter, onMouseLeave, onFocus, onBlur, ...props }, forwarded) => {
    const tip = useOverflowTooltip<HTMLSpanElement>();
    const ref = useMergedRef(forwarded, tip.ref);
    return (
      <OverflowTooltip label={tip.label} opened={tip.opened}>
        <span
          ref={ref}
          className={className ? `${classes.truncate} ${className}` : classes.truncate}
          data-truncated=""
          onMouseEnter={(e: MouseEvent<HTMLSpanElement>) => {
            tip.show();
            onMouseEnter?.(e);
          }}
          onMouseLeave={(e: MouseEvent<HTMLSpanElement>) => {
            tip.hide();
            onMouseLeave?.(e);
          }}
          onFocus={(e: FocusEvent<HTMLSpanElement>) => {
            tip.show();
            onFocus?.(e);
          }}
          onBlur={(e: FocusEvent<HTMLSpanElement>) => {
            tip.hide();
            onBlur?.(e);
          }}
          {...props}
        />
      </OverflowTooltip>
    );
  },
);
Truncated.displayName = "Truncated";
