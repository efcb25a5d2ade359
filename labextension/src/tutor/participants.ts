import { IUser } from '@jupyter/chat';

/** The student, as the author of the questions. */
export const STUDENT: IUser = { username: 'student', display_name: 'You' };

/** The tutor, as the author of the answers (a bot for `@jupyter/chat`). */
export const TUTOR: IUser = {
  username: 'jupyter-tutor',
  display_name: 'Tutor',
  initials: 'T',
  color: 'var(--jp-brand-color1)',
  bot: true
};
