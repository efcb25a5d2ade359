import { ServerConnection } from '@jupyterlab/services';
import { requestAPI, requestText } from '../backend/request';
import {
  ClassExercises,
  ClassExport,
  ClassStudents,
  IInstructorService,
  QuestionsPerDay,
  StudentDetail
} from './service';

/** The class dashboard's routes of the jupyter-tutor server extension. */
export class ServerInstructor implements IInstructorService {
  constructor(private readonly _settings: ServerConnection.ISettings) {}

  students(moduleId: string): Promise<ClassStudents> {
    return this._get(moduleId, 'students');
  }

  exercises(moduleId: string): Promise<ClassExercises> {
    return this._get(moduleId, 'exercises');
  }

  questionsPerDay(moduleId: string): Promise<QuestionsPerDay> {
    return this._get(moduleId, 'questions');
  }

  student(moduleId: string, userId: string): Promise<StudentDetail> {
    return this._get(moduleId, 'students', userId);
  }

  csv(moduleId: string, which: ClassExport): Promise<string> {
    return requestText(this._settings, [
      'instructor',
      'modules',
      moduleId,
      `${which}.csv`
    ]);
  }

  private _get<T>(moduleId: string, ...route: string[]): Promise<T> {
    return requestAPI<T>(this._settings, 'GET', [
      'instructor',
      'modules',
      moduleId,
      ...route
    ]);
  }
}
