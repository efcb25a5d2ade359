import {
  ITutorConnection,
  TutorFrame,
  TutorQuestion
} from '../../src/backend/types';

/** Ask a question; resolves with every frame of its answer, up to end or error. */
export function answer(
  connection: ITutorConnection,
  question: TutorQuestion
): Promise<TutorFrame[]> {
  return new Promise(resolve => {
    const frames: TutorFrame[] = [];
    const collect = (_: ITutorConnection, frame: TutorFrame): void => {
      if (frame.id !== id) {
        return;
      }
      frames.push(frame);
      if (frame.type === 'end' || frame.type === 'error') {
        connection.frameReceived.disconnect(collect);
        resolve(frames);
      }
    };
    connection.frameReceived.connect(collect);
    const id = connection.ask(question);
  });
}

export function question(
  content: string,
  context: Partial<TutorQuestion> = {}
): TutorQuestion {
  return { content, cell_code: '', error_output: '', ...context };
}
