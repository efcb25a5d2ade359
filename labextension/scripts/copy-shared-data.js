// Rules the server and the browser both apply are data files of the Python
// package. TypeScript cannot import files outside labextension/src, so the
// frontend imports the byte-for-byte copies written here; tests/test_shared_data.py
// fails when a copy is stale.
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..', '..');
const SHARED = [
  [
    'jupyter_tutor/tutor/offline/rules.json',
    'labextension/src/backend/lite/tutor/rules.json'
  ],
  [
    'jupyter_tutor/packages/entry_rules.json',
    'labextension/src/packages/entry_rules.json'
  ],
  [
    'jupyter_tutor/exercises/exercise.schema.json',
    'labextension/src/exercises/editor/exercise.schema.json'
  ],
  [
    'jupyter_tutor/exercises/statuses.json',
    'labextension/src/exercises/statuses.json'
  ]
];
for (const [source, copy] of SHARED) {
  fs.copyFileSync(path.join(root, source), path.join(root, copy));
}
