// Client-side downloads: a Blob and an object URL on a temporary <a download>. No network, and
// nothing the CSP governs (a download is neither a fetch nor a navigation of the page).
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoke once the browser has taken the file.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(base64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** A file from the host (claim.export / claim.reprint): base64 bytes, MIME type, file name. */
export function downloadBase64(file: { base64: string; mime: string; fileName: string }): void {
  downloadBlob(new Blob([base64ToBytes(file.base64)], { type: file.mime }), file.fileName);
}
