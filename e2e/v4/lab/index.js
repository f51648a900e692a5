// The JupyterLab 4 application: a shell plus the plugin packages listed below (the same
// convention as JupyterLab's own dev_mode/index.js, without module federation: no prebuilt
// extensions are loaded).
import { JupyterLab } from '@jupyterlab/application';
import { PageConfig } from '@jupyterlab/coreutils';
import { createApp, pluginsOf } from '../plugins';

// Lazy chunks and assets come from the server's static URL; set before any import() runs.
// eslint-disable-next-line no-undef
__webpack_public_path__ = PageConfig.getOption('fullStaticUrl') + '/';

import './build/style.js'; // written by @jupyterlab/builder (see ../webpack.config.js)

const extensions = [
  require('@jupyterlab/application-extension'),
  require('@jupyterlab/apputils-extension'),
  require('@jupyterlab/codemirror-extension'),
  require('@jupyterlab/completer-extension'),
  require('@jupyterlab/console-extension'),
  require('@jupyterlab/docmanager-extension'),
  require('@jupyterlab/documentsearch-extension'),
  require('@jupyterlab/filebrowser-extension'),
  require('@jupyterlab/fileeditor-extension'),
  require('@jupyterlab/help-extension'),
  require('@jupyterlab/launcher-extension'),
  require('@jupyterlab/mainmenu-extension'),
  require('@jupyterlab/markdownviewer-extension'),
  require('@jupyterlab/markedparser-extension'),
  require('@jupyterlab/mathjax-extension'),
  require('@jupyterlab/metadataform-extension'),
  require('@jupyterlab/notebook-extension'),
  require('@jupyterlab/rendermime-extension'),
  require('@jupyterlab/running-extension'),
  require('@jupyterlab/services-extension'),
  require('@jupyterlab/settingeditor-extension'),
  require('@jupyterlab/shortcuts-extension'),
  require('@jupyterlab/statusbar-extension'),
  require('@jupyterlab/theme-light-extension'),
  require('@jupyterlab/toc-extension'),
  require('@jupyterlab/tooltip-extension'),
  require('@jupyterlab/translation-extension'),
  require('@jupyterlab/ui-components-extension'),
];
const mimeExtensionModules = [require('@jupyterlab/json-extension')];

window.addEventListener('load', async () => {
  const plugins = extensions.flatMap(pluginsOf);
  const mimeExtensions = mimeExtensionModules.flatMap(pluginsOf);
  const lab = await createApp(options => new JupyterLab(options), plugins, mimeExtensions);
  window.jupyterapp = lab; // the handle browser tests use (kernel status, notebook model)
  await lab.start({ bubblingKeydown: true });
  await lab.restored;
  console.log('JupyterLab restored');
});
