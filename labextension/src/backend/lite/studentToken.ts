const STORAGE_KEY = 'jupyter-tutor:student-token';
const LINK_PARAMETER = 'tutor_token';

/**
 * The student's personal token for the course server, kept in this
 * browser. A link may carry it once, best in the fragment
 * (`#tutor_token=…`, which browsers never send to the site's host) or in
 * the query (`?tutor_token=…`, which reaches the host's logs); it is then
 * stored and removed from the address bar.
 */
export class StudentToken {
  constructor() {
    const url = new URL(window.location.href);
    const fragment = new URLSearchParams(url.hash.replace(/^#/, ''));
    const fromLink =
      fragment.get(LINK_PARAMETER) ?? url.searchParams.get(LINK_PARAMETER);
    if (fromLink) {
      this.value = fromLink;
      url.searchParams.delete(LINK_PARAMETER);
      fragment.delete(LINK_PARAMETER);
      url.hash = fragment.toString();
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
