// The HTTP baseline: a bare Bun.serve that answers every request with the bytes of a file cco served, in a process of
// its own. Prints `listening on http://127.0.0.1:PORT` on stderr, like `cco serve`.
// usage: bun bench/http-raw-server.ts <body-file> [content-type]
const [bodyFile, contentType = 'application/json'] = process.argv.slice(2);
if (!bodyFile) {
  console.error('usage: bun bench/http-raw-server.ts <body-file> [content-type]');
  process.exit(2);
}

// A string body, as cco's /api/stats handler returns one; a fresh Response per request, as cco builds one.
const body = await Bun.file(bodyFile).text();
const headers = { 'content-type': contentType };
const server = Bun.serve({ hostname: '127.0.0.1', port: 0, fetch: () => new Response(body, { headers }) });

const stop = () => {
  void server.stop(true);
  process.exit(0);
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
process.stderr.write(`raw Bun.serve listening on http://127.0.0.1:${server.port}\n`);

export {};
