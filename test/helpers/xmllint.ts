// Well-formedness checks with libxml2's xmllint (Debian: apt-get install -y libxml2-utils). Without it the
// tests that need it are skipped with a loud warning; under CI=true a missing xmllint fails them instead.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import type { TestContext } from 'node:test';

/** xmllint; DATELINE_XMLLINT overrides it (e.g. to check the skip path with a missing binary). */
export const XMLLINT = process.env.DATELINE_XMLLINT ?? 'xmllint';

/** Whether xmllint runs here. */
export function xmllintAvailable(): boolean {
  const probe = spawnSync(XMLLINT, ['--version'], { encoding: 'utf8' });
  return probe.error === undefined && probe.status === 0;
}

/**
 * Call at the start of a test that needs xmllint. Returns true when the test can go on; without xmllint
 * the test fails under CI=true and is skipped (loudly) elsewhere.
 */
export function xmllintOrSkip(t: TestContext): boolean {
  if (xmllintAvailable()) return true;
  if (process.env.CI === 'true') {
    throw new Error('xmllint is required under CI=true: apt-get install -y libxml2-utils');
  }
  const reason =
    'SKIPPED XML validity test: xmllint not found; install it with apt-get install -y libxml2-utils';
  console.warn(`\n*** ${reason} ***\n`);
  t.skip(reason);
  return false;
}

/** Asserts that `xml` is well-formed (`xmllint --noout -`). */
export function assertWellFormedXml(xml: string, what: string): void {
  const result = spawnSync(XMLLINT, ['--noout', '-'], { input: xml, encoding: 'utf8' });
  assert.equal(result.status, 0, `${what} is not well-formed XML:\n${result.stderr}`);
}
