import { Anchor, Button, type AnchorProps, type ButtonProps } from "@mantine/core";
import { createLink } from "@tanstack/react-router";
import { forwardRef, type ComponentPropsWithoutRef } from "react";

const MantineAnchor = forwardRef<HTMLAnchorElement, AnchorProps & ComponentPropsWithoutRef<"a">>(
  (props, ref) => <Anchor ref={ref} {...props} />,
);
MantineAnchor.displayName = "MantineAnchor";

const MantineButtonAnchor = forwardRef<
  HTMLAnchorElement,
  ButtonProps & ComponentPropsWithoutRef<"a">
>((props, ref) => <Button component="a" ref={ref} {...props} />);
MantineButtonAnchor.displayName = "MantineButtonAnchor";

/** AnchorLink is a Mantine Anchor with the router's typed `to`, `params` and `search`. */
export const AnchorLink = createLink(MantineAnchor);

/** ButtonLink is a Mantine Button that navigates with the router's typed props. */
export const ButtonLink = createLink(MantineButtonAnchor);
