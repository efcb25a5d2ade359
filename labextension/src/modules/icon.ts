import { LabIcon } from '@jupyterlab/ui-components';

/** A mortarboard, drawn in the theme's icon colour (`jp-icon3`). */
const svgstr = `<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 24 24">
  <g class="jp-icon3" fill="#616161">
    <path d="M12 3 1 8.5 12 14l9-4.5V16h1.5V8.5z"/>
    <path d="M5.5 11.8V16c0 1.9 2.9 3.5 6.5 3.5s6.5-1.6 6.5-3.5v-4.2L12 15.1z"/>
  </g>
</svg>`;

export const tutorIcon = new LabIcon({ name: 'jupyter-tutor:modules', svgstr });
