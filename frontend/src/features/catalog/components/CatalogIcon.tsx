import { IconApps } from "@tabler/icons-react";
import classes from "./CatalogIcon.module.css";

/** CatalogIcon shows an item's icon, or a neutral placeholder without one. */
export function CatalogIcon({ url, size = 32 }: { url: string; size?: number }) {
  if (!url) {
    return (
      <span className={classes.placeholder} style={{ width: size, height: size }} aria-hidden>
        <IconApps size={size * 0.55} stroke={1.5} />
      </span>
    );
  }
  return (
    <img className={classes.icon} src={url} width={size} height={size} alt="" loading="lazy" />
  );
}
