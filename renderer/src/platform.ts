/** Whether the popup runs on macOS (⌘ instead of Ctrl in shortcuts). */
export function isMacPlatform(): boolean {
  return /Macintosh|Mac OS X|iPhone|iPad/.test(navigator.userAgent);
}
