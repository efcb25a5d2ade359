import { readFile } from 'fs/promises';
import { createServer } from 'http';
import { AddressInfo } from 'net';
import * as path from 'path';

/**
 * The example host page (lite/host/) served from an origin of its own: a
 * free port of 127.0.0.1, other than the site's.
 */

const HOST_DIR = path.resolve(__dirname, '..', '..', 'lite', 'host');
const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css'
};

export type HostServer = { origin: string; close: () => Promise<void> };

export async function serveHostPage(): Promise<HostServer> {
  const server = createServer(async (request, response) => {
    // Only the page's own files: no folders, nothing above it.
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const name = path.basename(url.pathname) || 'index.html';
    const type = TYPES[path.extname(name)];
    try {
      if (type === undefined) {
        throw new Error(`not a file of the page: ${name}`);
      }
      const body = await readFile(path.join(HOST_DIR, name));
      response.writeHead(200, { 'Content-Type': type }).end(body);
    } catch {
      // With a body, so that a test may open such a page of the origin.
      response.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
    }
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise(resolve => server.close(() => resolve()))
  };
}
