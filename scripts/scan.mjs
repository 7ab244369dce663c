#!/usr/bin/env node
// npm run scan: Debian's sqlmap against a local Dateline (127.0.0.1 only, never a remote host).
//
// Starts the server from source on a temporary database with the demo stories, then runs sqlmap at
// --level 2 --risk 1 --batch against the public GET parameters (front page, article page, search box)
// and the login form (with its CSRF token), one target at a time, each bounded in time, and prints
// sqlmap's verdict per target. Not part of CI: it takes some minutes and needs `apt-get install sqlmap`.
//
// Options (environment): SCAN_TARGET_SECONDS (default 300) bounds each target; SCAN_KEEP=1 keeps the
// temporary folder (database, sqlmap's logs) and prints where it is.
/* global URL, fetch, setTimeout, clearTimeout -- Node 20 globals */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TARGET_SECONDS = Number(process.env.SCAN_TARGET_SECONDS ?? 300);

if (spawnSync('sqlmap', ['--version'], { encoding: 'utf8' }).error) {
  console.error('scan: sqlmap is not installed. On Debian: apt-get install -y sqlmap');
  process.exit(2);
}

const work = mkdtempSync(join(tmpdir(), 'dateline-scan-'));
const adminPassword = randomBytes(18).toString('base64url');

/** Starts the server on a free port of 127.0.0.1; resolves with its base URL. */
function startServer() {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: '0',
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      DATELINE_DB: join(work, 'scan.db'),
      DATELINE_SEED_DEMO: 'on',
      DATELINE_ADMIN_EMAIL: 'scan-admin@example.com',
      DATELINE_ADMIN_PASSWORD: adminPassword,
      // The login target sends a random X-Forwarded-For per payload (sqlmap's xforwardedfor tamper), so
      // the per-IP login throttle does not turn every answer into the same 429.
      DATELINE_TRUST_PROXY: 'loopback',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('the server did not start within 60 s')), 60_000);
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ child, base: match[1] });
      }
    });
    child.once('exit', (code) => reject(new Error(`the server exited with ${code}`)));
  });
}

/** Runs sqlmap on one target with a hard time limit; resolves with its verdict and output. */
function sqlmap(name, args) {
  const common = [
    '--batch',
    '--level=2',
    '--risk=1',
    '--time-sec=2',
    '--timeout=10',
    '--retries=1',
    '--threads=1',
    '--flush-session',
    '--disable-coloring',
    '-v',
    '1',
    `--output-dir=${join(work, 'sqlmap')}`,
  ];
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn('sqlmap', [...common, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (out += chunk));
    const timer = setTimeout(() => child.kill('SIGTERM'), TARGET_SECONDS * 1000);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      const seconds = Math.round((Date.now() - started) / 1000);
      writeFileSync(join(work, `${name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}.log`), out);
      const requests = /(\d+) HTTP\(s\) requests/.exec(out)?.[1];
      let verdict;
      if (/identified the following injection point|is vulnerable/i.test(out)) verdict = 'INJECTABLE';
      else if (/all tested parameters do not appear to be injectable/i.test(out)) verdict = 'not injectable';
      else if (signal) verdict = `no verdict (stopped after ${TARGET_SECONDS} s)`;
      else verdict = `no verdict (sqlmap exited with ${code})`;
      const details = out
        .split('\n')
        .filter((line) =>
          /\[(CRITICAL|ERROR)\]|injectable|Parameter:|Type:|Title:|^\d{3} \(/.test(line.trim()),
        )
        .map((line) => line.trim())
        .slice(0, 12);
      resolve({ name, verdict, seconds, details, requests });
    });
  });
}

let server;
try {
  server = await startServer();
  const { base } = server;
  const front = await (await fetch(`${base}/`)).text();
  const slug = /href="\/articles\/([a-z0-9-]+)"/.exec(front)?.[1];
  if (!slug) throw new Error('no demo article on the front page');
  const hasSearch = (await fetch(`${base}/search?q=x`)).status === 200;

  const targets = [
    ['GET /?page=1', ['-u', `${base}/?page=1`, '-p', 'page']],
    [
      `GET /articles/${slug}?order=newest&filter=all`,
      ['-u', `${base}/articles/${slug}?order=newest&filter=all`, '-p', 'order,filter'],
    ],
    ...(hasSearch ? [['GET /search?q=…', ['-u', `${base}/search?q=str%C3%B6m`, '-p', 'q']]] : []),
    [
      'POST /login (email, password; CSRF token refreshed from /login)',
      [
        '-u',
        `${base}/login`,
        '--data=email=reader%40example.com&password=not-the-password&next=%2Fdesk&_csrf=x',
        '-p',
        'email,password',
        '--csrf-token=_csrf',
        // Not --method=POST: with it, Debian's sqlmap 1.7.2 also POSTs (empty) to fetch the token.
        `--csrf-url=${base}/login`,
        '--tamper=xforwardedfor',
        // A failed login answers 401 (429 once throttled): expected answers, not a reason to stop.
        '--ignore-code=401,429',
      ],
    ],
  ];

  console.log(`scan: Dateline on ${base} (temporary database in ${work}); sqlmap --level 2 --risk 1`);
  const results = [];
  for (const [name, args] of targets) {
    process.stdout.write(`scan: ${name} … `);
    const result = await sqlmap(name, args);
    results.push(result);
    console.log(
      `${result.verdict} (${result.seconds} s${result.requests ? `, ${result.requests} requests` : ''})`,
    );
    for (const line of result.details) console.log(`      ${line}`);
  }
  console.log('\nsqlmap verdicts:');
  for (const r of results) console.log(`  ${r.verdict.padEnd(16)} ${r.name}`);
  process.exitCode = results.some((r) => r.verdict === 'INJECTABLE') ? 1 : 0;
} catch (err) {
  console.error(`scan: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 2;
} finally {
  server?.child.kill('SIGTERM');
  if (process.env.SCAN_KEEP === '1') console.log(`scan: kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
