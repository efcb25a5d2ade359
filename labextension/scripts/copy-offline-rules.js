// The offline hint rules are data shared with the server. TypeScript cannot
// import files outside labextension/src, so the browser tutor imports the
// byte-for-byte copy written here; tests/pedagogy/test_offline_parity.py
// fails when the copy is stale.
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..', '..');
fs.copyFileSync(
  path.join(root, 'jupyter_tutor', 'tutor', 'offline', 'rules.json'),
  path.join(
    root,
    'labextension',
    'src',
    'backend',
    'browser',
    'tutor',
    'rules.json'
  )
);
