import { backendPlugins } from './backend/plugin';
import { bridgePlugin } from './bridge/plugin';
import { exerciseEditorPlugins } from './exercises/editor/plugin';
import { exercisePlugins } from './exercises/plugin';
import { helpQueuePlugin } from './help/plugin';
import { instructorPlugins } from './instructor/plugin';
import { policyEditorPlugin } from './instructor/policy/plugin';
import { modulesPlugin } from './modules/plugin';
import { packagesPlugin } from './packages/plugin';
import { progressPlugin } from './progress/plugin';
import { tutorPlugin } from './tutor/plugin';

export default [
  ...backendPlugins(),
  modulesPlugin,
  progressPlugin,
  ...exercisePlugins(),
  ...exerciseEditorPlugins(),
  ...instructorPlugins(),
  tutorPlugin,
  helpQueuePlugin,
  policyEditorPlugin,
  packagesPlugin,
  bridgePlugin
];
