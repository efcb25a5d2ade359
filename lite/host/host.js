/**
 * An example host for the jupyter-tutor bridge (docs/bridge.md): the course
 * site's notebook in an iframe, a tutor panel fed through the bridge, and the
 * student's work kept in this page's localStorage.
 *
 * Query parameters: `site`, the URL of the course site (default
 * http://127.0.0.1:8000/, where `python -m jupyter_tutor.lite serve` serves
 * it); `path`, the notebook to open in the site. The site answers only if
 * this page's origin is in its `allowedOrigins` setting.
 */

const query = new URLSearchParams(window.location.search);
const SITE = new URL(query.get('site') || 'http://127.0.0.1:8000/');
const PATH = query.get('path') || 'course/module_01_intro_to_numpy.ipynb';
const STORAGE_KEY = `jupyter-tutor-host:${SITE.href}:${PATH}`;
const AUTOSAVE_MS = 60 * 1000;
const REQUEST_TIMEOUT_MS = 5 * 1000;
const MIN_SIDE_PX = 300;

const $ = id => document.getElementById(id);
const frame = $('notebook-frame');

// --- Talking to the bridge --------------------------------------------------

const pending = new Map();
const events = [];
let nextId = 1;
let connected = false;

/** Send a request; resolves with the result, rejects with {code, message}. */
function request(method, params = {}, timeoutMs = REQUEST_TIMEOUT_MS) {
  return new Promise((resolve, reject) => {
    const id = nextId++;
    const timer = setTimeout(() => {
      pending.delete(id);
      reject({ code: 'no_answer', message: `No answer to ${method}` });
    }, timeoutMs);
    pending.set(id, { resolve, reject, timer });
    // Addressed to the site's origin: dropped if the frame shows anything else.
    frame.contentWindow.postMessage(
      { type: 'jupyter-tutor:request', id, method, params },
      SITE.origin
    );
  });
}

window.addEventListener('message', event => {
  // Only the framed site speaks for the notebook.
  if (event.source !== frame.contentWindow || event.origin !== SITE.origin) {
    return;
  }
  const message = event.data;
  if (message?.type === 'jupyter-tutor:response' && pending.has(message.id)) {
    const { resolve, reject, timer } = pending.get(message.id);
    pending.delete(message.id);
    clearTimeout(timer);
    message.ok ? resolve(message.result) : reject(message.error);
  } else if (message?.type === 'jupyter-tutor:event') {
    events.push(message);
    onEvent(message);
  }
});

// For trying the protocol from the browser console (and for the UI test).
window.tutorHost = {
  request,
  events,
  get connected() {
    return connected;
  }
};

// --- Startup: wait for the notebook, restore, then save regularly ------------

// Set while connect() waits to ask again; the site's `ready` event ends the wait.
let askAgainNow = () => {};

function waitToAskAgain(ms) {
  return new Promise(resolve => {
    askAgainNow = resolve;
    setTimeout(resolve, ms);
  });
}

async function connect() {
  // The bridge answers once the site has started (it then sends `ready`) and
  // opened the notebook; until then requests go unanswered (or get
  // `no_notebook`): ask again.
  for (let attempt = 1; ; attempt++) {
    try {
      await request('getNotebookState', {}, 2000);
      break;
    } catch (error) {
      if (attempt >= 10 && error.code === 'no_answer') {
        setStatus(
          `No answer from the notebook yet. Is ${window.location.origin} in the site's allowedOrigins?`
        );
      }
      await waitToAskAgain(1000);
    }
  }
  setStatus('Connected to the notebook.');
  await restore();
  // Saving starts only now, so it cannot overwrite the work to restore.
  connected = true;
  await refreshContext();
  setInterval(save, AUTOSAVE_MS);
}

async function restore() {
  const saved = JSON.parse(localStorage.getItem(STORAGE_KEY) || 'null');
  if (!saved) {
    return;
  }
  try {
    await request('setNotebookState', { path: PATH, notebook: saved.notebook });
    $('save-status').textContent =
      `Restored your work saved at ${time(saved.savedAt)}.`;
  } catch (error) {
    $('save-status').textContent =
      `Could not restore your work: ${error.message}`;
  }
}

async function save() {
  if (!connected) {
    return;
  }
  try {
    const { notebook } = await request('getNotebookState', { path: PATH });
    const savedAt = new Date().toISOString();
    localStorage.setItem(STORAGE_KEY, JSON.stringify({ notebook, savedAt }));
    $('save-status').textContent = `Saved in this browser at ${time(savedAt)}.`;
  } catch (error) {
    // A quota error too: localStorage holds a few MB per origin.
    $('save-status').textContent = `Could not save: ${error.message}`;
  }
}

function onEvent(event) {
  if (event.event === 'ready') {
    askAgainNow();
    return;
  }
  $('last-event').textContent = `Last event: ${event.event} (${event.path}).`;
  if (event.event === 'cell-executed') {
    void refreshContext();
    void save();
  }
}

// Leaving: hiding the page leaves time for a round trip; unloading may not.
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'hidden') {
    void save();
  }
});
window.addEventListener('pagehide', () => void save());

// --- The tutor panel ----------------------------------------------------------

let context = { code: '', error: null };

async function refreshContext() {
  try {
    const [cell, error] = await Promise.all([
      request('getCurrentCellCode'),
      request('getErrorOutput')
    ]);
    context = { code: cell.code, error: error.error };
    $('cell-code').textContent = cell.code || '(no code cell selected)';
    $('error-output').textContent = error.error
      ? `Cell ${error.error.cellNumber}: ${error.error.text}`
      : '(no error)';
  } catch (error) {
    setStatus(`Could not read the notebook: ${error.message}`);
  }
}

$('refresh').addEventListener('click', () => void refreshContext());

$('ask').addEventListener('click', async () => {
  await refreshContext();
  const answer = $('tutor-answer');
  answer.hidden = false;
  answer.textContent = [
    'This example has no tutor service. The tutor would get:',
    `Question: ${$('question').value.trim() || '(empty)'}`,
    `Cell code:\n${context.code || '(none)'}`,
    `Error:\n${context.error ? context.error.text : '(none)'}`
  ].join('\n\n');
});

function setStatus(text) {
  $('bridge-status').textContent = text;
}

function time(iso) {
  return new Date(iso).toLocaleTimeString([], {
    hour: '2-digit',
    minute: '2-digit'
  });
}

// --- The resizable split ------------------------------------------------------

const split = $('split');
const divider = $('divider');

/** Notebook width as a fraction of the page, keeping 300 px on each side. */
function setSplit(fraction) {
  const width = split.clientWidth - divider.offsetWidth;
  const min = Math.min(0.5, MIN_SIDE_PX / width);
  const clamped = Math.min(1 - min, Math.max(min, fraction));
  split.style.setProperty('--split', String(clamped));
  divider.setAttribute('aria-valuenow', String(Math.round(clamped * 100)));
}

divider.addEventListener('pointerdown', event => {
  divider.setPointerCapture(event.pointerId);
  // The iframe would swallow the pointer moves over it.
  split.classList.add('is-resizing');
});
divider.addEventListener('pointermove', event => {
  if (divider.hasPointerCapture(event.pointerId)) {
    const box = split.getBoundingClientRect();
    setSplit((event.clientX - box.left) / (box.width - divider.offsetWidth));
  }
});
divider.addEventListener('lostpointercapture', () => {
  split.classList.remove('is-resizing');
});
divider.addEventListener('keydown', event => {
  const step = { ArrowLeft: -0.02, ArrowRight: 0.02 }[event.key];
  if (step) {
    const current = Number(split.style.getPropertyValue('--split') || 0.6);
    setSplit(current + step);
    event.preventDefault();
  }
});
window.addEventListener('resize', () =>
  setSplit(Number(split.style.getPropertyValue('--split') || 0.6))
);

setSplit(0.6);
frame.src = new URL(
  `lab/index.html?path=${encodeURIComponent(PATH)}`,
  SITE
).href;
void connect();
