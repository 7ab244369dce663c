import type { Config } from './config.js';

export interface ConfigReport {
  /** Settings that make a production start unsafe: the server refuses to start. */
  problems: string[];
  /** Settings worth a second look. */
  warnings: string[];
}

const KNOWN_WEAK = /^(changeme|secret|password|dateline|test|example|default)/i;

/** Judges a configuration for production use; each finding says how to fix it. */
export function checkConfig(config: Config, env: NodeJS.ProcessEnv): ConfigReport {
  const problems: string[] = [];
  const warnings: string[] = [];
  const secret = env.DATELINE_SESSION_SECRET ?? '';
  if (config.production) {
    if (secret === '') {
      problems.push(
        'DATELINE_SESSION_SECRET is not set: set it to at least 32 random characters (openssl rand -hex 32).',
      );
    } else if (secret.length < 32 || new Set(secret).size < 10 || KNOWN_WEAK.test(secret)) {
      problems.push(
        'DATELINE_SESSION_SECRET is weak: use at least 32 random characters (openssl rand -hex 32).',
      );
    }
    if (config.trustProxy === true) {
      problems.push(
        'DATELINE_TRUST_PROXY=on trusts every X-Forwarded-For hop, so anyone can fake their IP and dodge login throttling: give the number of proxies (e.g. 1) or their addresses instead.',
      );
    }
    if (config.baseUrl?.startsWith('http://')) {
      problems.push(
        'DATELINE_BASE_URL uses http://: production cookies are Secure-only, so serve and link over https://.',
      );
    }
    if (config.adminPassword !== undefined && new Set(config.adminPassword).size < 6) {
      problems.push(
        'DATELINE_ADMIN_PASSWORD is too simple: use a long passphrase or leave it unset to get a generated one.',
      );
    }
    if (config.logLevel === 'debug' || config.logLevel === 'trace') {
      warnings.push(`LOG_LEVEL=${config.logLevel} is verbose for production; info is the usual level.`);
    }
    if (config.baseUrl === undefined) {
      warnings.push('DATELINE_BASE_URL is not set: canonical links and feeds will use the request host.');
    }
  } else {
    warnings.push('NODE_ENV is not production: cookies are not Secure and error pages show details.');
  }
  return { problems, warnings };
}

/** The report as text, one finding per line. */
export function formatReport(report: ConfigReport): string {
  const lines = [
    ...report.problems.map((p) => `problem: ${p}`),
    ...report.warnings.map((w) => `warning: ${w}`),
  ];
  return lines.length === 0 ? 'configuration ok' : lines.join('\n');
}
