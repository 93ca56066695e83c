import { describe, it } from '@jest/globals';

/**
 * What a test block does when a tool it needs (redis-server, chromium) is not installed. Nothing
 * is installed from here: under CI=true the block fails (.ci/run installs the tool); locally it is
 * skipped with a notice naming the install command.
 */
export function describeWithoutTool(name: string, tool: string, installCommand: string, skippedBody: () => void): void {
  if (process.env.CI === 'true') {
    describe(name, () => {
      it(`needs ${tool} (CI=true)`, () => {
        throw new Error(`${tool} is not installed; CI must install it: ${installCommand}`);
      });
    });
    return;
  }
  process.stderr.write(`\n  NOTICE: skipping "${name}": ${tool} is not installed. Install it to run these tests: ${installCommand}\n`);
  describe.skip(name, skippedBody);
}
