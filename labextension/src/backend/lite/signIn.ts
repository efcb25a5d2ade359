import { InputDialog } from '@jupyterlab/apputils';
import { StudentToken } from './studentToken';

/**
 * Ask for the student's personal token when the site sends progress to a
 * course server and this browser has none yet; the page then starts again
 * signed in.
 */
export async function signInIfNeeded(
  token: StudentToken,
  serverUrl: string
): Promise<void> {
  if (token.value !== '') {
    return;
  }
  const answer = await InputDialog.getPassword({
    title: 'Sign in to the course',
    label: `Your progress is saved on ${serverUrl}. Enter the personal token your instructor gave you:`,
    okLabel: 'Sign in'
  });
  if (answer.button.accept && answer.value) {
    token.value = answer.value;
    window.location.reload();
  }
}
