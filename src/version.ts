/**
 * This library's version, sent in `User-Agent: unified-collections/<version>` and as the
 * OpenTelemetry tracer's version (test/telemetry checks it against package.json).
 */
export const VERSION = '0.1.0';
