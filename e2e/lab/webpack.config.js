// Bundles lab/index.js into lab/build/. @jupyterlab/builder copies each extension's settings
// schemas and themes into lab/build/ and writes lab/build/style.js.
const path = require('path');
const webpack = require('webpack');
const { Build } = require('@jupyterlab/builder');
const pkg = require('../package.json');

const output = path.resolve(__dirname, 'build');

const assetConfigs = Build.ensureAssets({
  packageNames: [...pkg.jupyterlab.extensions, ...pkg.jupyterlab.mimeExtensions],
  output,
  hashFunction: 'sha256',
});

module.exports = [{
  mode: 'development', // 'production' minifies, which more than doubles the build time
  context: __dirname,
  performance: { hints: false },
  bail: true,
  devtool: false,
  entry: ['whatwg-fetch', './index.js'],
  output: { path: output, filename: 'bundle.js', hashFunction: 'sha256' },
  module: {
    rules: [
      { test: /\.css$/, use: ['style-loader', 'css-loader'] },
      { test: /\.svg$/, issuer: /\.css$/, type: 'asset/inline' }, // icons referenced by CSS
      { test: /\.svg$/, issuer: /\.js$/, type: 'asset/source' },  // LabIcon svgstr imports
      { test: /\.md$/, type: 'asset/source' },
      { test: /\.(png|jpg|gif|woff2?|ttf|eot|html)$/, type: 'asset/resource' },
    ],
  },
  plugins: [
    new webpack.DefinePlugin({ 'process.env': '{}', process: { cwd: () => '/' } }),
  ],
}].concat(assetConfigs);
