import { createTheme, type MantineColorsTuple } from "@mantine/core";

// The brand colour: a calm blue with a touch of violet.
const leitstand: MantineColorsTuple = [
  "#edf2ff",
  "#dbe4ff",
  "#bac8ff",
  "#91a7ff",
  "#748ffc",
  "#5c7cfa",
  "#4c6ef5",
  "#4263eb",
  "#3b5bdb",
  "#364fc7",
];

export const theme = createTheme({
  primaryColor: "leitstand",
  primaryShade: { light: 7, dark: 5 },
  colors: { leitstand },
  fontFamily:
    "'Inter Variable', Inter, system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
  fontFamilyMonospace:
    "ui-monospace, 'SFMono-Regular', 'JetBrains Mono', Menlo, Consolas, 'Liberation Mono', monospace",
  headings: {
    fontWeight: "650",
    sizes: {
      h1: { fontSize: "1.625rem", lineHeight: "1.25" },
      h2: { fontSize: "1.25rem", lineHeight: "1.3" },
      h3: { fontSize: "1.0625rem", lineHeight: "1.35" },
    },
  },
  defaultRadius: "md",
  cursorType: "pointer",
  components: {
    Badge: {
      defaultProps: { radius: "sm", variant: "light" },
      styles: { root: { textTransform: "none", fontWeight: 600, letterSpacing: 0 } },
    },
    Paper: { defaultProps: { radius: "md" } },
    Tooltip: { defaultProps: { withArrow: true, openDelay: 300 } },
    Modal: { defaultProps: { centered: true, radius: "md" } },
    TextInput: { defaultProps: { radius: "md" } },
  },
});
