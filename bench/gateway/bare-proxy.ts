/**
 * Child process for bench/gateway: the least a Node proxy can do (read the body, forward it over a
 * keep-alive `node:http` agent, copy the answer back). Its cost is the price of any extra HTTP hop
 * written in Node, so Sightline's overhead can be read both against the direct call and this.
 */
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

const target = new URL(process.env.BENCH_UPSTREAM!);
const agent = new Agent({ keepAlive: true, maxSockets: 512 });
const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (d: Buffer) => chunks.push(d));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    const up = request(
      {
        host: target.hostname,
        port: target.port,
        path: req.url,
        method: req.method,
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': body.length,
          authorization: req.headers.authorization ?? '',
        },
      },
      (ur) => {
        res.writeHead(ur.statusCode ?? 502, {
          'content-type': ur.headers['content-type'] ?? 'application/json',
        });
        ur.pipe(res);
      },
    );
    up.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    up.end(body);
  });
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`listening http://127.0.0.1:${(server.address() as AddressInfo).port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
