// The baseline of `npm run bench`: a bare Express 5 hello world (no helmet, no middleware), started by
// the benchmark itself on the same CPU as Dateline so every ratio compares like with like.
// Run: node --import tsx bench/lib/hello-server.ts (PORT, HOST from the environment; 0 picks a port).
import express from 'express';

const app = express();
app.get('/', (_req, res) => {
  res.send('Hello World!');
});

const host = process.env.HOST ?? '127.0.0.1';
const server = app.listen(Number(process.env.PORT ?? 0), host, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.stdout.write(`Express hello listening on http://${host}:${port}\n`);
});
process.once('SIGTERM', () => {
  server.close();
  server.closeAllConnections();
});
