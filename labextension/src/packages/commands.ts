/** Commands of the packages panel. */
export const PackageCommandIDs = {
  openPackages: 'jupyter-tutor:open-packages'
} as const;
