import { backendPlugin } from './backend/plugin';
import { bridgePlugin } from './bridge/plugin';
import { checkButtonPlugin, exercisesPlugin } from './exercises/plugin';
import { modulesPlugin } from './modules/plugin';
import { packagesPlugin } from './packages/plugin';
import { progressPlugin } from './progress/plugin';
import { tutorPlugin } from './tutor/plugin';

export default [
  backendPlugin,
  modulesPlugin,
  progressPlugin,
  exercisesPlugin,
  checkButtonPlugin,
  tutorPlugin,
  packagesPlugin,
  bridgePlugin
];
