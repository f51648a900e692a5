// What the JupyterLab 4 and Notebook 7 entry points share: loading plugin packages through
// webpack (which resolves only literal module names) and starting an app on a plugin registry
// the way JupyterLab's own dev_mode/index.js and Notebook's app/index.template.js do.
import { JupyterPluginRegistry } from '@jupyterlab/coreutils';
import { IServiceManager, IConnectionStatus } from '@jupyterlab/services';

/**
 * The plugins a package exports (ES module default or CommonJS), as a list. The language-server
 * plugins are left out: they need jupyter-lsp on the server, which is not installed here.
 */
export function pluginsOf(module) {
  const exported = Object.prototype.hasOwnProperty.call(module, '__esModule')
    ? module.default : module;
  return (Array.isArray(exported) ? exported : [exported])
    .filter(plugin => !plugin.id.endsWith(':language-server'));
}

/** One entry for the app's plugin manager list (what JupyterLab's own index.js records). */
function described(plugin) {
  return {
    id: plugin.id, description: plugin.description, requires: plugin.requires ?? [],
    optional: plugin.optional ?? [], provides: plugin.provides ?? null,
    autoStart: plugin.autoStart, enabled: true,
  };
}

/**
 * Registers `plugins`, resolves the service manager they provide, and builds the app with
 * `create({ pluginRegistry, serviceManager, connectionStatus, mimeExtensions, availablePlugins })`.
 */
export async function createApp(create, plugins, mimeExtensions) {
  const pluginRegistry = new JupyterPluginRegistry();
  pluginRegistry.registerPlugins(plugins);
  const connectionStatus = await pluginRegistry.resolveOptionalService(IConnectionStatus);
  const serviceManager = await pluginRegistry.resolveRequiredService(IServiceManager);
  return create({
    pluginRegistry, serviceManager, connectionStatus, mimeExtensions,
    availablePlugins: [...plugins, ...mimeExtensions].map(described),
  });
}
