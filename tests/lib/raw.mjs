// HTTP over raw sockets, for malformed requests, limits, keep-alive and pipelining: the bytes
// are sent as given and the replies parsed by hand.
//
//   const c = await connect(port);
//   await send(c, 'GET / HTTP/1.1\r\nHost: x\r\n\r\n');
//   const res = await readResponse(c);   // {version, status, reason, headers, body, text, size}
//   close(c);
import net from 'node:net';

function show(s, n = 160) {
  const t = JSON.stringify(String(s));
  return t.length > n ? `${t.slice(0, n)}...` : t;
}

export function connect(port) {
  return new Promise((resolve, reject) => {
    const sock = net.connect(port, '127.0.0.1');
    const c = { sock, buf: Buffer.alloc(0), closed: false, error: null, closedAt: 0, waiters: new Set() };
    const wake = () => {
      for (const w of c.waiters) w();
    };
    sock.on('connect', () => resolve(c));
    sock.on('data', (d) => {
      c.buf = Buffer.concat([c.buf, d]);
      wake();
    });
    sock.on('error', (e) => {
      c.error = e;
      reject(e);
      wake();
    });
    sock.on('close', () => {
      c.closed = true;
      c.closedAt = Date.now();
      wake();
    });
  });
}

export function send(c, data) {
  return new Promise((resolve) => {
    if (c.closed || c.sock.destroyed) return resolve(false);
    c.sock.write(data, (e) => resolve(!e));
  });
}

// Waits until pred() holds or timeoutMs passes; returns pred().
export function until(c, pred, timeoutMs) {
  if (pred()) return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = () => {
      if (!pred()) return;
      clearTimeout(timer);
      c.waiters.delete(done);
      resolve(true);
    };
    const timer = setTimeout(() => {
      c.waiters.delete(done);
      resolve(pred());
    }, timeoutMs);
    c.waiters.add(done);
  });
}

// Parses one response at the start of buf; null until it is complete. A 1xx, 204 or 304 or a
// reply to HEAD has no body; without a Content-Length, the body runs to the close of the
// connection.
export function parseResponse(buf, closed, { head = false } = {}) {
  const end = buf.indexOf('\r\n\r\n');
  if (end < 0) return null;
  const lines = buf.subarray(0, end).toString('latin1').split('\r\n');
  const m = /^(HTTP\/\d\.\d) (\d{3})(?: (.*))?$/.exec(lines[0]);
  if (!m) throw new Error(`bad status line ${show(lines[0])}`);
  const headers = {};
  for (const line of lines.slice(1)) {
    const i = line.indexOf(':');
    headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  const status = Number(m[2]);
  const start = end + 4;
  let len;
  if (head || status < 200 || status === 304 || status === 204) len = 0;
  else if (headers['content-length'] !== undefined) len = Number(headers['content-length']);
  else if (!closed) return null;
  else len = buf.length - start;
  if (buf.length < start + len) return null;
  const body = buf.subarray(start, start + len);
  return {
    version: m[1], status, reason: m[3] || '', headers, body, text: body.toString('utf8'),
    size: start + len,
  };
}

export async function readResponse(c, timeoutMs = 10000, opts = {}) {
  let res = null;
  await until(c, () => (res = parseResponse(c.buf, c.closed, opts)) !== null || c.closed, timeoutMs);
  res = parseResponse(c.buf, c.closed, opts);
  if (!res) {
    throw new Error(`no complete response within ${timeoutMs} ms (closed ${c.closed}, got ${show(c.buf.toString('latin1'))})`);
  }
  c.buf = c.buf.subarray(res.size);
  return res;
}

// Sends data on a new connection; returns {res (or null if closed without one), c}.
export async function rawExchange(port, data, timeoutMs = 10000) {
  const c = await connect(port);
  await send(c, data);
  await until(c, () => c.closed || parseResponse(c.buf, c.closed) !== null, timeoutMs);
  const res = c.buf.length ? parseResponse(c.buf, c.closed) : null;
  return { res, c };
}

export function close(c) {
  c.sock.destroy();
}
