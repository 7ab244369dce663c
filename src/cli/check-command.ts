// `dateline check`: judges the configuration in the environment without opening the database.
import { checkConfig, formatReport, type ConfigReport } from '../config-check.js';
import { ConfigError } from '../config.js';
import { configFromEnv } from '../runtime.js';
import { options } from './common.js';

/** Prints the configuration report; exit status 1 when a setting makes a production start unsafe. */
export function checkCommand(args: string[]): void {
  options(args, {});
  let report: ConfigReport;
  try {
    report = checkConfig(configFromEnv(), process.env);
  } catch (err) {
    // A configuration that does not even load (bad value, missing production secret) is a problem too.
    if (!(err instanceof ConfigError)) throw err;
    report = { problems: [err.message], warnings: [] };
  }
  console.log(formatReport(report));
  if (report.problems.length > 0) process.exitCode = 1;
}
