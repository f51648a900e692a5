// Runs one notebook in the classic Notebook 6.4 and reports what each code cell shows.
//
//   node e2e/browser/classic.js --base URL --token TOKEN --notebook PATH --kernel NAME \
//        --artifacts DIR --report REPORT.json [--run-timeout SECONDS]
//
// Steps: open the notebook (kernel NAME, idle), clear the outputs, Cell > Run All (typing the
// answer a cell's `e2e.answer` metadata gives into its input() box), wait until every code cell
// has run and the kernel is idle, wait for the texts of `e2e.expect`, screenshot.
const fs = require('fs');
const path = require('path');
const { openBrowser, runScript, step } = require('./chromium');

runScript(async (args, report) => {
  const name = path.basename(args.notebook, '.ipynb');
  const runTimeout = 1000 * Number(args['run-timeout'] || 240);
  const shot = path.join(args.artifacts, `classic-${name}.png`);
  fs.mkdirSync(args.artifacts, { recursive: true });
  const browser = await openBrowser({ viewport: { width: 1280, height: 900 } });
  const { page } = browser;
  await browser.context.addInitScript(installCodeCells);
  try {
    await step(report, 'open', async () => {
      await page.goto(`${args.base}notebooks/${args.notebook}?token=${args.token}`);
      await page.waitForFunction(() => window.Jupyter?.notebook?._fully_loaded
        && Jupyter.notebook.kernel?.is_connected()
        && document.querySelector('#kernel_indicator_icon.kernel_idle_icon'),
      null, { timeout: 90000 });
      report.kernel = await page.evaluate(() => Jupyter.notebook.kernel.name);
      if (report.kernel !== args.kernel) {
        throw new Error(`notebook opened with kernel ${report.kernel}, not ${args.kernel}`);
      }
    });

    await step(report, 'run all', async () => {
      await page.evaluate(() => Jupyter.notebook.clear_all_output());
      await page.click('#celllink');
      await page.click('#run_all_cells > a');
      report.answered = await superviseRun(page, runTimeout);
    });

    await step(report, 'wait for output', async () => {
      await page.waitForFunction(() => codeCells().every(c =>
        (c.e2e.expect || []).every(text => c.text.includes(text))), null, { timeout: 30000 })
        .catch(() => {}); // what is missing is judged by the test
      report.cells = await page.evaluate(() => codeCells().map(c => ({
        index: c.index, executionCount: c.count, text: c.text, e2e: c.e2e, tags: c.tags,
        mimeTypes: c.outputs.flatMap(o => Object.keys(o.data || {})),
        errors: c.outputs.filter(o => o.output_type === 'error')
          .map(o => `${o.ename}: ${o.evalue}`),
      })));
      await page.screenshot({ path: shot });
      report.screenshot = shot;
    });
  } catch (e) {
    report.failure = e.stack || String(e);
    await page.screenshot({ path: shot }).catch(() => {});
  } finally {
    report.pageProblems = browser.problems;
    await page.evaluate(() => Jupyter.notebook.session.delete()).catch(() => {});
    await browser.close();
  }
});

/** Waits for Run All to finish, typing answers into input() boxes as they appear. */
async function superviseRun(page, timeoutMs) {
  const answered = [];
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = await page.evaluate(() => ({
      idle: !!document.querySelector('#kernel_indicator_icon.kernel_idle_icon'),
      cells: codeCells().map(c => ({ index: c.index, count: c.count, e2e: c.e2e,
        asking: !!c.node.querySelector('input.raw_input') })),
    }));
    for (const cell of state.cells.filter(c => c.asking)) {
      const answer = cell.e2e.answer !== undefined ? String(cell.e2e.answer) : '';
      await page.locator('.cell.code_cell').nth(cell.index).locator('input.raw_input').click();
      await page.keyboard.type(answer);
      await page.keyboard.press('Enter');
      answered.push({ cell: cell.index, answer });
    }
    if (state.idle && state.cells.every(c => typeof c.count === 'number')) return answered;
    if (Date.now() > deadline) {
      throw new Error(`Run All not finished after ${timeoutMs / 1000} s`);
    }
    await page.waitForTimeout(250);
  }
}

// In-page helper, installed before the page's own scripts: the notebook's code cells, as the classic Notebook's own API sees them.
function installCodeCells() {
  window.codeCells = () => Jupyter.notebook.get_cells()
    .filter(cell => cell.cell_type === 'code')
    .map((cell, index) => ({
      index, node: cell.element[0], count: cell.input_prompt_number,
      e2e: cell.metadata.e2e || {}, tags: cell.metadata.tags || [],
      outputs: cell.output_area.outputs,
      text: (cell.element[0].querySelector('.output_wrapper') || {}).innerText || '',
    }));
}
