import { useMergedRef } from "@mantine/hooks";
import { createLink } from "@tanstack/react-router";
import { forwardRef, type ComponentPropsWithoutRef } from "react";
import classes from "./columns.module.css";
import { OverflowTooltip, useOverflowTooltip } from "./Truncated";

const RowAnchor = forwardRef<HTMLAnchorElement, ComponentPropsWithoutRef<"a">>(
  ({ className, onMouseEnter, onMouseLeave, onFocus, onBlur, ...props }, forwarded) => {
    const tip = useOverflowTooltip<HTMLAnchorElement>();
    const ref = useMergedRef(forwarded, tip.ref);
    return (
      <OverflowTooltip label={tip.label} opened={tip.opened}>
        <a
          ref={ref}
          className={className ? `${classes.link} ${className}` : classes.link}
          data-truncated=""
          onMouseEnter={(e) => {
            tip.show();
            onMouseEnter?.(e);
          }}
          onMouseLeave={(e) => {
            tip.hide();
            onMouseLeave?.(e);
          }}
          onFocus={(e) => {
            tip.show();
            onFocus?.(e);
          }}
          onBlur={(e) => {
            tip.hide();
            onBlur?.(e);
          }}
          {...props}
        />
      </OverflowTooltip>
    );
  },
);
RowAnchor.displayName = "RowAnchor";

/**
 * RowLink names a row of a list and leads to its page: bold, underlined on
 * hover, one line that ends in an ellipsis when the column is too narrow,
 * with the whole name in a tooltip.
 */
export const RowLink = createLink(RowAnchor);
