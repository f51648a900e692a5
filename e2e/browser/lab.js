// Drives one notebook through JupyterLab (3.6 or 4) or Notebook 7 the way a teacher does, and
// reports what the page shows.
//
//   node e2e/browser/lab.js --frontend lab3|lab4|notebook7 --base URL --token TOKEN \
//        --notebook PATH --kernel NAME --artifacts DIR --report REPORT.json [--run-timeout SECONDS]
//        [--profile DIR]   (a browser profile kept between runs: the frontend's bundle is cached)
//        [--find-text REGEX]
//
// Steps: open the notebook (kernel NAME, idle), Edit > Clear All Outputs, Run > Run All Cells
// (answering input() prompts and pressing the toolbar's stop button where the notebook asks
// for it), wait for late output, edit a cell and rerun it with Shift+Enter, save with Ctrl+S,
// File > Save and Export Notebook As > HTML, shut the kernel down. Screenshots go to DIR.
// With --find-text, after the run it scrolls to the first rendered heading and the first output
// that match REGEX and reports their text, whether they are visible and whether the page has
// glyphs for their characters (report.found).
// JupyterLab 4 and Notebook 7 share JupyterLab 4's notebook widgets, menus and commands; what
// differs between the frontends (page address, editor, some labels) is in FRONTENDS below.
//
// What a notebook asks of this driver sits in the `e2e` object of a code cell's metadata:
//   "expect": ["text", ...]     each text must appear in this cell's output (waited for, so
//                                output printed by background threads after the cell counts)
//   "expect_mime": ["image/svg+xml", ...]   output types this cell must show
//   "answer": "text"            typed into this cell's input() prompt, then Enter
//   "interrupt_when": "text"    once the running cell shows this text, press the stop button
//   "edit": "line of code"      this is the cell to edit: the line is put in front of it
// The driver only acts and observes; the pytest suites judge the report (tests/test_e2e_lab.py,
// tests/test_e2e_lab4.py).
const fs = require('fs');
const path = require('path');
const { openBrowser, runScript, step } = require('./chromium');

const EDIT_MARKER = 'edited in JupyterLab';
const EDIT_LINE = { // the default edit, in the kernel's language
  python: `print("${EDIT_MARKER}")`,
  java: `System.out.println("${EDIT_MARKER}");`,
};

const JUPYTERLAB_4 = {
  clearAll: 'Clear Outputs of All Cells',
  editor: '.cm-content',
  interrupt: '.jp-Toolbar [data-command="notebook:interrupt-kernel"]',
  exportAs: 'Save and Export Notebook As',
};
const FRONTENDS = {
  lab3: {
    // a workspace of its own, so no tab of an earlier run is restored (with its kernel)
    address: notebook => `lab/workspaces/e2e-${Date.now()}/tree/${notebook}`,
    clearAll: 'Clear All Outputs',
    editor: '.CodeMirror',
    interrupt: '.jp-Toolbar [data-command="kernelmenu:interrupt"]',
    exportAs: 'Save and Export Notebook As…',
  },
  lab4: { ...JUPYTERLAB_4, address: notebook => `lab/workspaces/e2e-${Date.now()}/tree/${notebook}` },
  notebook7: { ...JUPYTERLAB_4, address: notebook => `notebooks/${notebook}` },
};

runScript(async (args, report) => {
  // artifacts are named after the notebook; a Chinese twin zh/NAME gets its own: zh-NAME
  const name = (path.basename(path.dirname(args.notebook)) === 'zh' ? 'zh-' : '')
    + path.basename(args.notebook, '.ipynb');
  const frontendName = args.frontend || 'lab3';
  const frontend = FRONTENDS[frontendName];
  if (!frontend) throw new Error(`unknown --frontend ${frontendName}`);
  report.notebook = args.notebook;
  report.frontend = frontendName;
  const runTimeout = 1000 * Number(args['run-timeout'] || 240);
  fs.mkdirSync(args.artifacts, { recursive: true });
  const browser = await openBrowser({ profile: args.profile });
  const { page } = browser;
  await browser.context.addInitScript(installCellsOf);
  const prefix = frontendName === 'lab3' ? 'lab' : frontendName;
  const shot = suffix => path.join(args.artifacts, `${prefix}-${name}${suffix}.png`);
  report.screenshots = [];
  try {
    await step(report, 'open', async () => {
      await page.goto(`${args.base}${frontend.address(args.notebook)}?token=${args.token}`,
        { timeout: 90000 }); // a bundle of 14 MB to parse on a loaded machine
      await page.waitForFunction(() => window.jupyterapp?.shell.currentWidget?.sessionContext,
        null, { timeout: 90000 });
      report.openNotebooks = await page.evaluate(() =>
        document.querySelectorAll('.jp-NotebookPanel').length);
      await page.waitForFunction(() => {
        const kernel = window.jupyterapp?.shell.currentWidget?.sessionContext?.session?.kernel;
        return kernel && kernel.status === 'idle';
      }, null, { timeout: 90000 });
      report.kernel = await page.evaluate(() =>
        jupyterapp.shell.currentWidget.sessionContext.session.kernel.name);
      if (report.kernel !== args.kernel) {
        throw new Error(`notebook opened with kernel ${report.kernel}, not ${args.kernel}`);
      }
    });

    await step(report, 'clear outputs', async () => {
      await menu(page, 'Edit', frontend.clearAll);
      await page.waitForFunction(() => cellsOf().every(c => c.outputs.length === 0
        && c.model.executionCount === null), null, { timeout: 10000 }).catch(() => {});
    });

    await step(report, 'run all', async () => {
      await menu(page, 'Run', 'Run All Cells');
      Object.assign(report, await superviseRun(page, frontend, runTimeout));
    });

    await step(report, 'wait for late output', async () => {
      await page.waitForFunction(() => cellsOf().every(c =>
        (c.e2e.expect || []).every(text => c.text.includes(text))), null, { timeout: 30000 })
        .catch(() => {}); // what is missing is reported below and judged by the test
      report.cells = await readCells(page);
      await screenshotOfBestCell(page, shot(''));
      report.screenshots.push(shot(''));
    });

    if (args['find-text']) {
      await step(report, 'find text', async () => {
        report.found = await findText(page, new RegExp(args['find-text']));
        await page.screenshot({ path: shot('-found') });
        report.screenshots.push(shot('-found'));
      });
    }

    await step(report, 'edit and rerun', async () => {
      report.edit = await editAndRerun(page, frontend, args.language);
    });

    await step(report, 'save', async () => {
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+s');
      await page.waitForFunction(() => !jupyterapp.shell.currentWidget.context.model.dirty,
        null, { timeout: 30000 });
      const reply = await page.request.get(
        `${args.base}api/contents/${args.notebook}?token=${args.token}`);
      report.saved = (await reply.json()).content;
    });

    await step(report, 'export html', async () => {
      const file = path.join(args.artifacts, `${prefix}-${name}.html`);
      await exportHtml(browser, frontend, file);
      report.exportedHtml = file;
    });
  } catch (e) {
    report.failure = e.stack || String(e);
    await page.screenshot({ path: shot('-failure') }).catch(() => {});
    report.screenshots.push(shot('-failure'));
    report.cells = report.cells || await readCells(page).catch(() => []);
  } finally {
    report.pageProblems = browser.problems;
    report.failedRequests = browser.failedRequests.map(r => r.replace(/token=[0-9a-f]+/, 'token=…'));
    await page.evaluate(() => jupyterapp.shell.currentWidget.sessionContext.shutdown())
      .catch(() => {});
    await browser.close();
  }
});

/** The notebook panel in the main area. */
function panel(page) {
  return page.locator('.jp-NotebookPanel:not(.lm-mod-hidden)');
}

/** The first rendered markdown heading and the first cell output whose text matches `pattern`,
 * each scrolled into view: {heading, output}, each {text, visible, glyphs} or null if none
 * matches. */
async function findText(page, pattern) {
  const found = {};
  const wanted = {
    heading: panel(page).locator('.jp-MarkdownCell .jp-RenderedMarkdown :is(h1, h2, h3)'),
    output: panel(page).locator('.jp-OutputArea-output'),
  };
  for (const [key, locator] of Object.entries(wanted)) {
    const first = locator.filter({ hasText: pattern }).first();
    if (await first.count() === 0) {
      found[key] = null;
      continue;
    }
    await first.scrollIntoViewIfNeeded({ timeout: 10000 });
    // JupyterLab 4 may skip rendering a cell (content-visibility), which empties innerText: the
    // text is then read from the DOM nodes as they are, as readCells does
    const text = (await first.innerText()) || (await first.textContent()) || '';
    found[key] = { text: text.slice(0, 500), visible: await first.isVisible(),
      glyphs: await first.evaluate(distinctGlyphs) };
  }
  return found;
}

/** Whether the page has real glyphs for the text of `element` beyond ASCII: two different such
 * characters, drawn in the element's font, look different (a font that lacks them draws the same
 * empty box for both). null when the text has fewer than two such characters. */
function distinctGlyphs(element) {
  const shown = element.querySelector('pre') || element;
  const chars = [...new Set([...shown.innerText].filter(c => c.codePointAt(0) > 0x2e7f))];
  if (chars.length < 2) return null;
  const style = getComputedStyle(shown);
  const draw = ch => {
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = 64;
    const g = canvas.getContext('2d');
    g.font = `${style.fontStyle} ${style.fontWeight} 48px ${style.fontFamily}`;
    g.fillText(ch, 4, 52);
    return canvas.toDataURL();
  };
  return draw(chars[0]) !== draw(chars[1]);
}

/** Clicks a top menu, then one of its items (JupyterLab's Lumino menus). */
async function menu(page, top, item) {
  await page.click(`.lm-MenuBar-itemLabel:text-is("${top}")`);
  await page.click(`.lm-Menu-itemLabel:text-is("${item}")`);
}

/**
 * Watches Run All until no cell is queued or running and the kernel is idle, answering input()
 * prompts and pressing the stop button as the cells' metadata asks. Run All ends early when a
 * cell fails or is stopped (JupyterLab then drops the queued cells); the test judges that.
 */
async function superviseRun(page, frontend, timeoutMs) {
  const answered = []; const interrupted = [];
  const deadline = Date.now() + timeoutMs;
  let settledBefore = false;
  for (;;) {
    const state = await page.evaluate(() => ({
      kernelIdle: jupyterapp.shell.currentWidget.sessionContext.session.kernel.status === 'idle',
      cells: cellsOf().map(c => ({ index: c.index, count: c.model.executionCount,
        running: c.prompt === '[*]:', text: c.text, e2e: c.e2e,
        asking: !!c.node.querySelector('input.jp-Stdin-input:not([data-e2e-answered])') })),
    }));
    for (const cell of state.cells) {
      if (cell.asking) {
        const answer = cell.e2e.answer !== undefined ? String(cell.e2e.answer) : '';
        const input = panel(page).locator('.jp-CodeCell').nth(cell.index)
          .locator('input.jp-Stdin-input:not([data-e2e-answered])');
        await input.click();
        await page.keyboard.type(answer);
        // marked before Enter: the next look must not take a box being replaced for a new one
        await input.evaluate(box => box.setAttribute('data-e2e-answered', ''));
        await page.keyboard.press('Enter');
        answered.push({ cell: cell.index, answer });
      }
      if (cell.running && cell.e2e.interrupt_when && !interrupted.some(i => i.cell === cell.index)
          && cell.text.includes(cell.e2e.interrupt_when)) {
        await panel(page).locator(frontend.interrupt).click();
        interrupted.push({ cell: cell.index, atText: cell.e2e.interrupt_when });
      }
    }
    const settled = state.kernelIdle && !state.cells.some(c => c.running);
    if (settled && settledBefore) return { answered, interrupted };
    settledBefore = settled; // settled twice in a row, 250 ms apart: not a gap between cells
    if (Date.now() > deadline) {
      const waiting = state.cells.filter(c => c.running).map(c => c.index);
      throw new Error(`Run All not finished after ${timeoutMs / 1000} s; cells still running: ${waiting}`);
    }
    await page.waitForTimeout(250);
  }
}

/** What each code cell shows: execution count, output text, output types, error names. */
async function readCells(page) {
  return page.evaluate(() => cellsOf().map(c => ({
    index: c.index, executionCount: c.model.executionCount, source: c.source,
    e2e: c.e2e, tags: c.tags, text: c.text,
    outputTypes: c.outputs.map(o => o.output_type),
    mimeTypes: c.outputs.flatMap(o => Object.keys(o.data || {})),
    errors: c.outputs.filter(o => o.output_type === 'error').map(o => `${o.ename}: ${o.evalue}`),
  })));
}

/** Edits the chosen cell in its editor (a new first line) and reruns it with Shift+Enter. */
async function editAndRerun(page, frontend, language) {
  const cells = await readCells(page);
  const target = cells.find(c => c.e2e.edit) || cells.find(c => !c.source.startsWith('%')
    && c.e2e.answer === undefined && !c.e2e.interrupt_when && c.errors.length === 0);
  const line = target.e2e.edit || EDIT_LINE[language];
  if (!line) throw new Error(`no default edit for language ${language}`);
  const cell = panel(page).locator('.jp-CodeCell').nth(target.index);
  await cell.locator(frontend.editor).first().click();
  await page.keyboard.press('Control+Home');
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Shift+Enter');
  await page.waitForFunction(([index, before]) => {
    const c = cellsOf()[index];
    return c.model.executionCount !== null && c.model.executionCount !== before
      && c.prompt !== '[*]:';
  }, [target.index, target.executionCount], { timeout: 60000 });
  const expected = target.e2e.edit ? null : EDIT_MARKER;
  if (expected) {
    await cell.locator(`.jp-OutputArea:has-text("${expected}")`).waitFor({ timeout: 15000 })
      .catch(() => {});
  }
  const after = (await readCells(page))[target.index];
  return { cell: target.index, line, marker: expected, source: after.source, text: after.text };
}

/** File > Save and Export Notebook As > HTML; the download lands in `file`. */
async function exportHtml({ page, context }, frontend, file) {
  await page.click('.lm-MenuBar-itemLabel:text-is("File")');
  await page.hover(`.lm-Menu-itemLabel:text-is("${frontend.exportAs}")`);
  // JupyterLab opens the nbconvert URL in a new tab, which downloads the file
  const download = Promise.race([
    page.waitForEvent('download', { timeout: 60000 }),
    context.waitForEvent('page').then(tab => tab.waitForEvent('download', { timeout: 60000 })),
  ]);
  await page.click('.lm-Menu-itemLabel:text-is("HTML")');
  await (await download).saveAs(file);
  await page.bringToFront();
}

/** Screenshot with the first picture (SVG or image output) in view, else the top. */
async function screenshotOfBestCell(page, file) {
  await page.evaluate(() => {
    jupyterapp.shell.collapseLeft?.(); // the notebook gets the width the file browser had
    const pictured = cellsOf().find(c => c.node.querySelector(
      '.jp-OutputArea-output svg, .jp-OutputArea-output img'));
    if (pictured) pictured.node.scrollIntoView({ block: 'center' });
  });
  await page.waitForTimeout(300);
  await page.screenshot({ path: file });
}

// In-page helper, installed before the page's own scripts: the current notebook's code cells,
// read through the cell model API of JupyterLab 3 (metadata.get) or 4 (getMetadata).
function installCellsOf() {
  const metadata = (model, key) =>
    (model.getMetadata ? model.getMetadata(key) : model.metadata.get(key));
  window.cellsOf = () => {
    const notebook = jupyterapp.shell.currentWidget.content;
    return notebook.widgets
      .map((widget, position) => ({ widget, position }))
      .filter(({ widget }) => widget.model.type === 'code')
      .map(({ widget }, index) => {
        const outputArea = widget.node.querySelector('.jp-OutputArea');
        return {
          index, model: widget.model, node: widget.node,
          source: widget.model.sharedModel.getSource(),
          e2e: metadata(widget.model, 'e2e') || {},
          tags: metadata(widget.model, 'tags') || [],
          outputs: widget.model.outputs.toJSON(),
          prompt: (widget.node.querySelector('.jp-InputArea-prompt') || {}).textContent?.trim(),
          // JupyterLab 4 skips rendering cells out of view (content-visibility), which empties
          // innerText: their text is read from the DOM nodes as they are
          text: outputArea ? (outputArea.innerText || outputArea.textContent) : '',
        };
      });
  };
}
