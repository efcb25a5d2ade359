import { IRenderMimeRegistry, MimeModel } from '@jupyterlab/rendermime';
import React, { useEffect, useRef } from 'react';

const MARKDOWN = 'text/markdown';

/**
 * Markdown someone typed (a question, an instructor's answer), rendered by
 * JupyterLab's own renderer as untrusted content, so its sanitizer applies.
 */
export function Markdown(props: {
  rendermime: IRenderMimeRegistry;
  source: string;
  className?: string;
}): JSX.Element {
  const { rendermime, source, className } = props;
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const node = host.current;
    if (!node) {
      return;
    }
    const renderer = rendermime.createRenderer(MARKDOWN);
    void renderer
      .renderModel(
        new MimeModel({ data: { [MARKDOWN]: source }, trusted: false })
      )
      .then(() => {
        node.replaceChildren(renderer.node);
      });
    return () => renderer.dispose();
  }, [rendermime, source]);
  return <div ref={host} className={className ?? 'jp-TutorHelp-markdown'} />;
}
