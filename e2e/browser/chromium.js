// Debian's chromium under playwright-core: headless, offline-friendly, a fresh profile each time
// unless a profile directory is given (then pages loaded before come from its caches).
const fs = require('fs');
const os = require('os');
const path = require('path');
const { chromium } = require('playwright-core');

const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * Opens a browser; returns { context, page, problems, failedRequests, close() }. With `profile`
 * (a directory, kept on close) a later browser finds the scripts of earlier pages in its cache,
 * compiled: a 14 MB bundle is then not parsed again.
 */
async function openBrowser({ viewport = { width: 1400, height: 900 }, profile: kept } = {}) {
  const profile = kept || fs.mkdtempSync(path.join(os.tmpdir(), 'jconc-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true, acceptDownloads: true, viewport, args: FLAGS,
  });
  const page = context.pages()[0] || await context.newPage();
  const problems = []; // uncaught page errors: a test may assert there are none
  page.on('pageerror', e => problems.push(`pageerror: ${e.message}`));
  const failedRequests = []; // requests the server answered with an error status
  context.on('response', r => {
    if (r.status() >= 400) failedRequests.push(`${r.status()} ${r.request().method()} ${r.url()}`);
  });
  page.on('dialog', d => d.accept());
  async function close() {
    await context.close();
    if (!kept) fs.rmSync(profile, { recursive: true, force: true });
  }
  return { context, page, problems, failedRequests, close };
}

/** Parses `--name value` pairs from the command line into an object. */
function parseArgs(argv) {
  const args = {};
  for (let i = 0; i < argv.length; i += 2) {
    if (!argv[i].startsWith('--')) throw new Error(`unexpected argument ${argv[i]}`);
    args[argv[i].slice(2)] = argv[i + 1];
  }
  return args;
}

/**
 * Runs `main(args, report)` and writes the report it fills as JSON to --report. A step that
 * throws ends the run: the report then carries `failure`, and the test that reads it fails.
 */
function runScript(main) {
  const args = parseArgs(process.argv.slice(2));
  const report = { steps: [] };
  main(args, report)
    .catch(e => { report.failure = e.stack || String(e); })
    .finally(() => {
      fs.writeFileSync(args.report, JSON.stringify(report, null, 2));
      process.exit(0);
    });
}

/** Runs one named step of a script and records its wall time in the report. */
async function step(report, name, action) {
  const started = Date.now();
  try {
    return await action();
  } catch (e) {
    e.message = `step "${name}": ${e.message}`;
    throw e;
  } finally {
    report.steps.push({ name, seconds: (Date.now() - started) / 1000 });
  }
}

module.exports = { openBrowser, parseArgs, runScript, step };
