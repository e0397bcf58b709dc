// Runs every package's unit specs in one jest invocation (the API has its own config).
const path = require('path');
const base = require('./jest.packages.config.js');
const packages = ['schema', 'condition', 'form-engine', 'crm-template', 'flow-engine'];
module.exports = {
  projects: packages.map((name) => ({
    ...base,
    displayName: 'packages',
    rootDir: path.join(__dirname, 'packages', name),
  })),
};
