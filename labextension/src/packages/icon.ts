import { LabIcon } from '@jupyterlab/ui-components';

/** A parcel, drawn in the theme's icon colour (`jp-icon3`). */
const svgstr = `<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 24 24">
  <g class="jp-icon3" fill="#616161">
    <path d="M12 2 3 6.5v11L12 22l9-4.5v-11zm0 2.2 6.3 3.1L12 10.5 5.7 7.3zM5 9l6 3v7.7l-6-3zm8 10.7V12l6-3v7.7z"/>
  </g>
</svg>`;

export const packagesIcon = new LabIcon({
  name: 'jupyter-tutor:packages',
  svgstr
});
