import { errorMessage, TutorApiError } from '../backend/errors';

/** Why a save failed, in words that tell the student what to do. */
export function describeSaveFailure(reason: unknown): string {
  if (reason instanceof TutorApiError && reason.status === 413) {
    const limit = reason.maxBytes === null ? '' : ` ${size(reason.maxBytes)}`;
    return `the notebook is over the${limit} size limit; clear some outputs`;
  }
  return errorMessage(reason);
}

function size(bytes: number): string {
  const mebibytes = bytes / (1024 * 1024);
  return mebibytes >= 1
    ? `${+mebibytes.toFixed(1)} MB`
    : `${Math.ceil(bytes / 1024)} KB`;
}
