// SvelteKit's $lib alias for dependency-cruiser (.dependency-cruiser.cjs reads it as a webpack config).
const path = require('node:path'); // eslint-disable-line @typescript-eslint/no-require-imports -- webpack configs are CommonJS

module.exports = { resolve: { alias: { $lib: path.join(__dirname, 'src/lib') } } };
