import { backendPlugins } from './backend/plugin';
import { bridgePlugin } from './bridge/plugin';
import { exercisePlugins } from './exercises/plugin';
import { instructorPlugins } from './instructor/plugin';
import { modulesPlugin } from './modules/plugin';
import { packagesPlugin } from './packages/plugin';
import { progressPlugin } from './progress/plugin';
import { tutorPlugin } from './tutor/plugin';

export default [
  ...backendPlugins(),
  modulesPlugin,
  progressPlugin,
  ...exercisePlugins(),
  ...instructorPlugins(),
  tutorPlugin,
  packagesPlugin,
  bridgePlugin
];
