const STORAGE_KEY = 'jupyter-tutor:student-token';

/**
 * The student's personal token for the course server, kept in this
 * browser. A link may carry it once as `?tutor_token=…` (from an LMS);
 * it is then stored and removed from the address bar.
 */
export class StudentToken {
  constructor() {
    const url = new URL(window.location.href);
    const fromLink = url.searchParams.get('tutor_token');
    if (fromLink) {
      this.value = fromLink;
      url.searchParams.delete('tutor_token');
      window.history.replaceState(null, '', url.href);
    }
  }

  get value(): string {
    return window.localStorage.getItem(STORAGE_KEY) ?? '';
  }

  set value(token: string) {
    if (token.trim() === '') {
      window.localStorage.removeItem(STORAGE_KEY);
    } else {
      window.localStorage.setItem(STORAGE_KEY, token.trim());
    }
  }
}
