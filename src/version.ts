/** This library's version, sent in `User-Agent` (test/telemetry checks it against package.json). */
export const VERSION = '0.1.0';
