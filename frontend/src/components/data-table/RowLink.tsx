import { createLink } from "@tanstack/react-router";
import { forwardRef, type ComponentPropsWithoutRef } from "react";
import classes from "./columns.module.css";

const RowAnchor = forwardRef<HTMLAnchorElement, ComponentPropsWithoutRef<"a">>(
  ({ className, ...props }, ref) => (
    <a ref={ref} className={className ? `${classes.link} ${className}` : classes.link} {...props} />
  ),
);
RowAnchor.displayName = "RowAnchor";

/** RowLink names a row of a list and leads to its page: bold, underlined on hover. */
export const RowLink = createLink(RowAnchor);
