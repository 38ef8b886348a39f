/** A real Settee server on 127.0.0.1 with a temporary data directory, for HTTP tests. */
import { loadConfig, type ConfigOverrides } from '../../engine/config.js';
import { createLogger } from '../../engine/logger.js';
import { startService, type Service } from '../../engine/service.js';
import { serviceExtensions } from '../../engine/extensions.js';
import { makeTempDir } from './temp-dir.js';

export interface TestServer {
  url: string;
  service: Service;
  dataDir: string;
  request(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<TestResponse>;
  close(): Promise<void>;
}

export interface TestResponse {
  status: number;
  headers: Headers;
  body: any;
}

export async function startTestServer(env: ConfigOverrides = {}): Promise<TestServer> {
  const { dir, cleanup } = await makeTempDir();
  const config = loadConfig({}, { PORT: '0', SETTEE_DATA_DIR: dir, SETTEE_WORKERS: '2', ...env });
  const service = await startService(config, serviceExtensions(), createLogger('silent'));
  const url = service.url;
  return {
    url,
    service,
    dataDir: dir,
    async request(method, path, body, headers = {}) {
      const response = await fetch(url + path, {
        method,
        headers: { 'content-type': 'application/json', ...headers },
        ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
      });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = text === '' ? undefined : JSON.parse(text);
      } catch {
        // continuous feeds and other non-JSON bodies stay text
      }
      return { status: response.status, headers: response.headers, body: parsed };
    },
    async close() {
      await service.stop();
      await cleanup();
    },
  };
}
