/** Commands of the module browser. */
export const ModuleCommandIDs = {
  openModuleBrowser: 'jupyter-tutor:open-module-browser',
  openModule: 'jupyter-tutor:open-module'
} as const;
