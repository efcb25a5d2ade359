/** Commands of the help queue. */
export const HelpCommandIDs = {
  openHelpQueue: 'jupyter-tutor:open-help-queue'
} as const;
