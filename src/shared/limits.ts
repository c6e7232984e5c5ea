// Limits both sides of the panel agree on. Kept apart from protocol.ts so the webview bundle can import them without
// pulling zod into the browser.
export const MAX_VARIATIONS = 8;
/** Files dropped from the OS arrive as bytes (a webview sees no paths); larger ones go through "Choose images…". */
export const MAX_DROPPED_FILE_BYTES = 20 * 1024 * 1024;
/** Input images the panel holds at once (the largest model takes 5; room to reorder and drop extras). */
export const MAX_INPUTS = 16;
