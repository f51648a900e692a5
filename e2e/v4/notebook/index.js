// The Notebook 7 application: the plugins of Notebook's app/package.json ("jupyterlab.plugins",
// by page: every page loads "/", the notebook page adds "/notebooks", the file browser "/tree").
// Only the pages the tests use are built: /tree and /notebooks; the
// debugger, log console, cell toolbar and terminal plugins are left out.
import { PageConfig } from '@jupyterlab/coreutils';
import { NotebookApp } from '@jupyter-notebook/application';
import { createApp, pluginsOf } from '../plugins';

// eslint-disable-next-line no-undef
__webpack_public_path__ = PageConfig.getOption('fullStaticUrl') + '/';

import './build/style.js'; // written by @jupyterlab/builder (see ../webpack.config.js)

/** All plugins of a package, or only those whose ids are listed. */
function from(module, ids) {
  const plugins = pluginsOf(module);
  return ids ? plugins.filter(p => ids.includes(p.id)) : plugins;
}

const pages = {
  '/': () => [
    from(require('@jupyter-notebook/application-extension')),
    from(require('@jupyter-notebook/console-extension')),
    from(require('@jupyter-notebook/docmanager-extension')),
    from(require('@jupyter-notebook/help-extension')),
    from(require('@jupyter-notebook/notebook-extension')),
    from(require('@jupyterlab/application-extension'), [
      '@jupyterlab/application-extension:context-menu',
      '@jupyterlab/application-extension:faviconbusy',
      '@jupyterlab/application-extension:router',
      '@jupyterlab/application-extension:top-bar',
    ]),
    from(require('@jupyterlab/apputils-extension'), [
      '@jupyterlab/apputils-extension:kernels-settings',
      '@jupyterlab/apputils-extension:palette',
      '@jupyterlab/apputils-extension:notification',
      '@jupyterlab/apputils-extension:sanitizer',
      '@jupyterlab/apputils-extension:sessionDialogs',
      '@jupyterlab/apputils-extension:settings',
      '@jupyterlab/apputils-extension:state',
      '@jupyterlab/apputils-extension:themes',
      '@jupyterlab/apputils-extension:themes-palette-menu',
      '@jupyterlab/apputils-extension:toolbar-registry',
      '@jupyterlab/apputils-extension:utilityCommands',
    ]),
    from(require('@jupyterlab/codemirror-extension')),
    from(require('@jupyterlab/completer-extension'), [
      '@jupyterlab/completer-extension:base-service',
      '@jupyterlab/completer-extension:inline-completer',
      '@jupyterlab/completer-extension:inline-completer-factory',
      '@jupyterlab/completer-extension:inline-history',
      '@jupyterlab/completer-extension:manager',
    ]),
    from(require('@jupyterlab/console-extension'), [
      '@jupyterlab/console-extension:cell-executor',
      '@jupyterlab/console-extension:completer',
      '@jupyterlab/console-extension:factory',
      '@jupyterlab/console-extension:foreign',
      '@jupyterlab/console-extension:tracker',
    ]),
    from(require('@jupyterlab/docmanager-extension'), [
      '@jupyterlab/docmanager-extension:plugin',
      '@jupyterlab/docmanager-extension:download',
      '@jupyterlab/docmanager-extension:contexts',
      '@jupyterlab/docmanager-extension:manager',
    ]),
    from(require('@jupyterlab/documentsearch-extension'), [
      '@jupyterlab/documentsearch-extension:plugin',
    ]),
    from(require('@jupyterlab/filebrowser-extension'), [
      '@jupyterlab/filebrowser-extension:factory',
      '@jupyterlab/filebrowser-extension:default-file-browser',
    ]),
    from(require('@jupyterlab/fileeditor-extension'), [
      '@jupyterlab/fileeditor-extension:plugin',
      '@jupyterlab/fileeditor-extension:widget-factory',
    ]),
    from(require('@jupyterlab/help-extension'), ['@jupyterlab/help-extension:resources']),
    from(require('@jupyterlab/mainmenu-extension'), ['@jupyterlab/mainmenu-extension:plugin']),
    from(require('@jupyterlab/markedparser-extension')),
    from(require('@jupyterlab/mathjax-extension')),
    from(require('@jupyterlab/notebook-extension'), [
      '@jupyterlab/notebook-extension:cell-executor',
      '@jupyterlab/notebook-extension:code-console',
      '@jupyterlab/notebook-extension:export',
      '@jupyterlab/notebook-extension:factory',
      '@jupyterlab/notebook-extension:page-handler',
      '@jupyterlab/notebook-extension:tracker',
      '@jupyterlab/notebook-extension:widget-factory',
    ]),
    from(require('@jupyterlab/services-extension')),
    from(require('@jupyterlab/shortcuts-extension')),
    from(require('@jupyterlab/theme-light-extension')),
    from(require('@jupyterlab/translation-extension')),
    from(require('@jupyterlab/ui-components-extension')),
  ],
  '/tree': () => [
    from(require('@jupyterlab/application-extension'), [
      '@jupyterlab/application-extension:commands',
    ]),
    from(require('@jupyterlab/filebrowser-extension'), [
      '@jupyterlab/filebrowser-extension:browser',
      '@jupyterlab/filebrowser-extension:create-new-language-file',
      '@jupyterlab/filebrowser-extension:download',
      '@jupyterlab/filebrowser-extension:file-upload-status',
      '@jupyterlab/filebrowser-extension:open-with',
      '@jupyterlab/filebrowser-extension:settings',
      '@jupyterlab/filebrowser-extension:share-file',
    ]),
    from(require('@jupyter-notebook/tree-extension')),
    from(require('@jupyterlab/running-extension'), ['@jupyterlab/running-extension:plugin']),
    from(require('@jupyterlab/settingeditor-extension')),
  ],
  '/notebooks': () => [
    from(require('@jupyterlab/notebook-extension'), [
      '@jupyterlab/notebook-extension:active-cell-tool',
      '@jupyterlab/notebook-extension:completer',
      '@jupyterlab/notebook-extension:copy-output',
      '@jupyterlab/notebook-extension:metadata-editor',
      '@jupyterlab/notebook-extension:search',
      '@jupyterlab/notebook-extension:toc',
      '@jupyterlab/notebook-extension:tools',
      '@jupyterlab/notebook-extension:update-raw-mimetype',
    ]),
    from(require('@jupyterlab/metadataform-extension')),
    from(require('@jupyterlab/toc-extension'), [
      '@jupyterlab/toc-extension:registry',
      '@jupyterlab/toc-extension:tracker',
    ]),
    from(require('@jupyterlab/tooltip-extension'), [
      '@jupyterlab/tooltip-extension:manager',
      '@jupyterlab/tooltip-extension:notebooks',
    ]),
  ],
};
const mimeExtensionModules = [require('@jupyterlab/json-extension')];

window.addEventListener('load', async () => {
  const page = `/${PageConfig.getOption('notebookPage')}`;
  const plugins = [...pages['/'](), ...(pages[page] ? pages[page]() : [])].flat();
  const mimeExtensions = mimeExtensionModules.flatMap(pluginsOf);
  const app = await createApp(options => new NotebookApp(options), plugins, mimeExtensions);
  window.jupyterapp = app; // the handle browser tests use (kernel status, notebook model)
  await app.start();
  await app.restored;
  console.log('Notebook restored');
});
