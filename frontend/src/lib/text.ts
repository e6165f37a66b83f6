/** initials gives up to two letters for an avatar: "Olivia Owner" -> "OO", "anna.becker@…" -> "AB". */
export function initials(name: string): string {
  const local = name.trim().split("@")[0] ?? "";
  const parts = local.split(/[\s._-]+/).filter(Boolean);
  if (parts.length === 0) return "?";
  const letters = parts.length > 1 ? [parts[0]![0], parts[parts.length - 1]![0]] : [parts[0]![0]];
  return letters.join("").toUpperCase();
}
