// Opens every page of a built site from disk (file://) with the network cut off, and reports
// what each page tried to load from elsewhere and what it shows. Pages in sub-folders (the
// Chinese edition in zh/) are reported under their path from the site's root, "zh/index.html".
//
//   node e2e/browser/offline.js --site DIR --report REPORT.json
const fs = require('fs');
const path = require('path');
const { pathToFileURL } = require('url');
const { openBrowser, runScript, step } = require('./chromium');

runScript(async (args, report) => {
  const site = path.resolve(args.site);
  const siteUrl = pathToFileURL(site).href + '/';
  const browser = await openBrowser();
  const { context, page } = browser;
  report.blocked = []; // requests for anything outside the site: refused, as offline
  report.failed = [];
  await context.route('**/*', route => {
    const url = route.request().url();
    if (url.startsWith(siteUrl) || url.startsWith('data:')) return route.continue();
    report.blocked.push(url);
    return route.abort();
  });
  page.on('requestfailed', r => report.failed.push(`${r.url()}: ${r.failure()?.errorText}`));
  report.pages = {};
  try {
    const pages = fs.readdirSync(site, { recursive: true })
      .map(f => f.split(path.sep).join('/')).filter(f => f.endsWith('.html')).sort();
    for (const file of pages) {
      await step(report, file, async () => {
        await page.goto(siteUrl + file, { waitUntil: 'load' });
        report.pages[file] = await page.evaluate(() => ({
          title: document.title,
          links: [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href')),
          visibleSvgs: [...document.querySelectorAll('.jp-OutputArea-output svg')]
            .filter(svg => svg.getBoundingClientRect().width > 0).length,
          outputAreas: document.querySelectorAll('.jp-OutputArea-output').length,
        }));
      });
    }
  } finally {
    report.pageProblems = browser.problems;
    await browser.close();
  }
});
