/**
 * Child process for bench/gateway: the least a Node proxy can do (read the body, forward it with
 * fetch, copy the answer back). Its cost is the price of any extra HTTP hop written in Node, so
 * Sightline's overhead can be read both against the direct call and against this.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const target = process.env.BENCH_UPSTREAM!.replace(/\/+$/, '');
const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (d: Buffer) => chunks.push(d));
  req.on('end', () => {
    fetch(`${target}${req.url ?? ''}`, {
      method: req.method,
      headers: { 'content-type': 'application/json', authorization: req.headers.authorization ?? '' },
      body: Buffer.concat(chunks),
    })
      .then(async (up) => {
        const body = Buffer.from(await up.arrayBuffer());
        res.writeHead(up.status, { 'content-type': up.headers.get('content-type') ?? 'application/json' });
        res.end(body);
      })
      .catch(() => {
        res.writeHead(502);
        res.end();
      });
  });
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`listening http://127.0.0.1:${(server.address() as AddressInfo).port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
