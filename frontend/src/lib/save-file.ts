/**
 * saveFile hands bytes to the browser as a download under fileName, from a
 * blob URL of the given media type, revoked once it is taken.
 */
export function saveFile(content: Uint8Array, fileName: string, type: string) {
  const url = URL.createObjectURL(new Blob([content as Uint8Array<ArrayBuffer>], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser reads the blob after the click: it is revoked a while later.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
