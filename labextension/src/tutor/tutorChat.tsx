import {
  ChatWidget,
  InputToolbarRegistry,
  MessageFooterRegistry,
  MessagePreambleRegistry,
  SendButton
} from '@jupyter/chat';
import { IThemeManager } from '@jupyterlab/apputils';
import { IRenderMimeRegistry } from '@jupyterlab/rendermime';
import React from 'react';
import { AnswerFooter } from './AnswerFooter';
import { AnswerPreamble } from './AnswerPreamble';
import { CellContext } from './cellContext';
import { ContextChip } from './ContextChip';
import { NewestInView } from './newestInView';
import { StopButton } from './StopButton';
import { TutorChatModel } from './TutorChatModel';

// Ends with a blank line: @jupyter/chat appends a `----` rule, which would
// otherwise turn the text into a heading.
const WELCOME_MESSAGE =
  'Ask about your code or an error. The tutor helps you find the answer ' +
  'yourself, one hint at a time: ask for **More help** when you need the ' +
  'next one.\n';

/**
 * The `@jupyter/chat` widget of one module's conversation: the answers with
 * their hint level and outcome, the newest kept in view, and a question box
 * with the context chip, Stop and Send.
 */
export function createTutorChat(options: {
  model: TutorChatModel;
  cellContext: CellContext;
  rendermime: IRenderMimeRegistry;
  themeManager: IThemeManager | null;
}): ChatWidget {
  const { model, cellContext } = options;

  const inputToolbar = new InputToolbarRegistry();
  inputToolbar.addItem('context', {
    element: () => <ContextChip context={cellContext} />,
    position: 0
  });
  inputToolbar.addItem('stop', {
    element: () => <StopButton model={model} />,
    position: 90
  });
  inputToolbar.addItem('send', { element: SendButton, position: 100 });

  const preambles = new MessagePreambleRegistry();
  preambles.addComponent(AnswerPreamble);

  const footers = new MessageFooterRegistry();
  footers.addSection({
    position: 'left',
    component: props => (
      <AnswerFooter {...props} onRetry={() => model.retry()} />
    )
  });

  const chat = new ChatWidget({
    model,
    rmRegistry: options.rendermime,
    themeManager: options.themeManager,
    inputToolbarRegistry: inputToolbar,
    messagePreambleRegistry: preambles,
    messageFooterRegistry: footers,
    welcomeMessage: WELCOME_MESSAGE,
    area: 'sidebar'
  });
  chat.addClass('jp-TutorChat');
  const newest = new NewestInView(chat, model);
  chat.disposed.connect(() => newest.dispose());
  return chat;
}
