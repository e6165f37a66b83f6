import { IconApps } from "@tabler/icons-react";

/** ServiceIcon shows the icon of a service's catalog item, or a neutral placeholder. */
export function ServiceIcon({ url, size = 28 }: { url: string; size?: number }) {
  if (!url) return <IconApps size={size * 0.8} stroke={1.5} aria-hidden style={{ flex: "none" }} />;
  return (
    <img
      src={url}
      width={size}
      height={size}
      alt=""
      loading="lazy"
      style={{ borderRadius: 6, flex: "none" }}
    />
  );
}
