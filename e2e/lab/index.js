// The JupyterLab 3.6 application: a shell plus the plugin packages that package.json lists
// under "jupyterlab" (the same convention as JupyterLab's own dev_mode/package.json).
import { JupyterLab } from '@jupyterlab/application';
import { PageConfig } from '@jupyterlab/coreutils';

const pkg = require('../package.json');

// Lazy chunks and assets come from the server's static URL; set before any import() runs.
// eslint-disable-next-line no-undef
__webpack_public_path__ = PageConfig.getOption('fullStaticUrl') + '/';

// Written by @jupyterlab/builder during the webpack build (see webpack.config.js).
const styles = import('./build/style.js');

// webpack resolves only literal module names, hence one loader per package.
const loaders = {
  '@jupyterlab/application-extension': () => import('@jupyterlab/application-extension'),
  '@jupyterlab/apputils-extension': () => import('@jupyterlab/apputils-extension'),
  '@jupyterlab/codemirror-extension': () => import('@jupyterlab/codemirror-extension'),
  '@jupyterlab/completer-extension': () => import('@jupyterlab/completer-extension'),
  '@jupyterlab/console-extension': () => import('@jupyterlab/console-extension'),
  '@jupyterlab/docmanager-extension': () => import('@jupyterlab/docmanager-extension'),
  '@jupyterlab/filebrowser-extension': () => import('@jupyterlab/filebrowser-extension'),
  '@jupyterlab/fileeditor-extension': () => import('@jupyterlab/fileeditor-extension'),
  '@jupyterlab/help-extension': () => import('@jupyterlab/help-extension'),
  '@jupyterlab/json-extension': () => import('@jupyterlab/json-extension'),
  '@jupyterlab/launcher-extension': () => import('@jupyterlab/launcher-extension'),
  '@jupyterlab/mainmenu-extension': () => import('@jupyterlab/mainmenu-extension'),
  '@jupyterlab/markdownviewer-extension': () => import('@jupyterlab/markdownviewer-extension'),
  '@jupyterlab/mathjax2-extension': () => import('@jupyterlab/mathjax2-extension'),
  '@jupyterlab/notebook-extension': () => import('@jupyterlab/notebook-extension'),
  '@jupyterlab/rendermime-extension': () => import('@jupyterlab/rendermime-extension'),
  '@jupyterlab/running-extension': () => import('@jupyterlab/running-extension'),
  '@jupyterlab/settingeditor-extension': () => import('@jupyterlab/settingeditor-extension'),
  '@jupyterlab/shortcuts-extension': () => import('@jupyterlab/shortcuts-extension'),
  '@jupyterlab/statusbar-extension': () => import('@jupyterlab/statusbar-extension'),
  '@jupyterlab/theme-light-extension': () => import('@jupyterlab/theme-light-extension'),
  '@jupyterlab/tooltip-extension': () => import('@jupyterlab/tooltip-extension'),
  '@jupyterlab/translation-extension': () => import('@jupyterlab/translation-extension'),
  '@jupyterlab/ui-components-extension': () => import('@jupyterlab/ui-components-extension'),
};

function load(names) {
  return Promise.all(names.map(name => {
    if (!loaders[name]) throw new Error(`no loader for ${name} in lab/index.js`);
    return loaders[name]();
  }));
}

window.addEventListener('load', async () => {
  await styles;
  const plugins = await load(pkg.jupyterlab.extensions);
  const mimeExtensions = await load(pkg.jupyterlab.mimeExtensions);
  const lab = new JupyterLab({ mimeExtensions });
  lab.registerPluginModules(plugins);
  window.jupyterapp = lab; // the handle browser tests use (kernel status, notebook model)
  await lab.start();
  await lab.restored;
  console.log('JupyterLab restored');
});
