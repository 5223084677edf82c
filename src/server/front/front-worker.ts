// Worker thread: the daemon's public listener. It answers GET /api/stats from the tick's bodies and hands every other
// request to the app. A worker has a JavaScript heap of its own, small here: its garbage collections stay short, where
// the app's thread (Elysia, every route, the docs UI, the ring buffer) pauses about twice as long, which is what the
// tail latency of the hot path is made of.
import { errorMessage } from '../../error-message.ts';
import { StaleBodies } from '../../metrics/stale-bodies.ts';
import { statsFastRoutes } from '../stats/fast-route.ts';
import { StatsResponder } from '../stats/response.ts';
import type { FromFront, FrontInit, ToFront } from './protocol.ts';
import { proxyTo } from './proxy.ts';

declare const self: Worker;

const bodies = new StaleBodies();
let server: ReturnType<typeof Bun.serve> | undefined;

const post = (message: FromFront) => self.postMessage(message);

function start(init: FrontInit): void {
  const answered = new Uint32Array(init.answered);
  const proxy = proxyTo(init.appSocket);
  const routes = init.fastPath
    ? statsFastRoutes({ body: (range) => bodies.body(range, Date.now()), answered: () => void Atomics.add(answered, 0, 1) }, new StatsResponder(), () => proxy)
    : {};
  try {
    server = Bun.serve({ hostname: init.hostname, port: init.port, development: false, maxRequestBodySize: init.maxRequestBodySize, routes, fetch: proxy });
    post({ type: 'listening', port: server.port ?? init.port });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    post({ type: 'error', message: errorMessage(error), ...(typeof code === 'string' ? { code } : {}) });
  }
}

self.onmessage = async (event: MessageEvent<ToFront>) => {
  const message = event.data;
  if (message.type === 'init') start(message);
  else if (message.type === 'bodies') bodies.set(message.bodies, message.at);
  else {
    // Stops listening and lets the requests in flight finish (the daemon gives it a moment, then ends the thread).
    await server?.stop();
    post({ type: 'stopped' });
  }
};

