import { LabIcon } from '@jupyterlab/ui-components';

/** A speech bubble with a question mark, in the theme's icon colour. */
const svgstr = `<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 24 24">
  <path class="jp-icon3" fill="#616161" fill-rule="evenodd" d="M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2zm7.05 10.6h1.9v1.9h-1.9zM12 5.5c-1.9 0-3.4 1.4-3.4 3.3h1.9c0-.8.7-1.4 1.5-1.4s1.5.6 1.5 1.4c0 .6-.3.9-.9 1.3-.9.6-1.6 1.2-1.6 2.5h1.8c0-.7.3-1 1-1.5.8-.5 1.5-1.2 1.5-2.3 0-1.9-1.5-3.3-3.3-3.3z"/>
</svg>`;

export const tutorChatIcon = new LabIcon({
  name: 'jupyter-tutor:tutor',
  svgstr
});
