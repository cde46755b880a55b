/** Marks the line on which the fake Electron module reports what the built app did. */
export const REPORT_PREFIX = 'FAKE_ELECTRON_REPORT ';
