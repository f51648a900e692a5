// Bundles lab/index.js into lab/build/ and notebook/index.js into notebook/build/, with the
// module rules of @jupyterlab/builder. For each app, @jupyterlab/builder copies the settings
// schemas and themes of its plugin packages into its build/ and writes build/style.js.
const path = require('path');
const webpack = require('webpack');
const { Build } = require('@jupyterlab/builder');
const { module: { rules } } = require('@jupyterlab/builder/lib/webpack.config.base');

/** The plugin packages an entry point requires, read from its source. */
function packagesOf(entry) {
  const source = require('fs').readFileSync(entry, 'utf-8');
  return [...new Set([...source.matchAll(/require\('([^']+)'\)/g)].map(m => m[1]))];
}

function app(name) {
  const dir = path.resolve(__dirname, name);
  const output = path.join(dir, 'build');
  const assets = Build.ensureAssets({
    packageNames: packagesOf(path.join(dir, 'index.js')), output, hashFunction: 'sha256',
  });
  return [{
    name,
    mode: 'development', // 'production' minifies, which more than doubles the build time
    context: dir,
    performance: { hints: false },
    bail: true,
    devtool: false,
    entry: './index.js',
    output: { path: output, filename: 'bundle.js', hashFunction: 'sha256' },
    module: { rules },
    resolve: { fallback: { util: false, path: false, fs: false, crypto: false } },
    plugins: [
      new webpack.DefinePlugin({ 'process.env': '{}', process: { cwd: () => '/' } }),
    ],
  }, ...assets];
}

module.exports = [...app('lab'), ...app('notebook')];
