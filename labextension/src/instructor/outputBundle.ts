/** A saved notebook's cells and outputs as rendermime takes them (pure). */

/** nbformat's multiline strings: a string or a list of lines. */
export function textOf(value: unknown): string {
  if (typeof value === 'string') {
    return value;
  }
  return Array.isArray(value)
    ? value.filter(line => typeof line === 'string').join('')
    : '';
}

/** What rendermime is given for an output: its data, a stream's text, an error's traceback. */
export function outputBundle(output: unknown): Record<string, unknown> | null {
  if (typeof output !== 'object' || output === null) {
    return null;
  }
  const value = output as Record<string, unknown>;
  if (value.output_type === 'stream') {
    const mime =
      value.name === 'stderr'
        ? 'application/vnd.jupyter.stderr'
        : 'application/vnd.jupyter.stdout';
    return { [mime]: textOf(value.text) };
  }
  if (value.output_type === 'error') {
    const traceback = Array.isArray(value.traceback)
      ? textOf(value.traceback.map(line => `${line}\n`))
      : `${textOf(value.ename)}: ${textOf(value.evalue)}`;
    return { 'application/vnd.jupyter.stderr': traceback };
  }
  const data = value.data;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return null;
  }
  // Renderers take text (JSON types: JSON); anything else is left out.
  const bundle: Record<string, unknown> = {};
  for (const [mime, content] of Object.entries(data)) {
    if (typeof content === 'string' || Array.isArray(content)) {
      bundle[mime] = textOf(content);
    } else if (mime.endsWith('json') && typeof content === 'object') {
      bundle[mime] = content;
    }
  }
  return Object.keys(bundle).length ? bundle : null;
}
