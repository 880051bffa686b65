// Slow clients cannot lock everyone out: 300 connections from one address
// that trickle a header line every second get no more than conns-per-addr
// connections, each is cut off once request-seconds have passed however
// steadily it trickles, and /healthz from a fresh connection of another
// address answers within a second all along.  Loopback only, bounded to
// 300 sockets and about ten seconds.
import { test } from "node:test";
import assert from "node:assert/strict";
import net from "node:net";
import { startServer } from "./lib.mjs";

// GET /healthz on a new connection from localAddress; resolves with ms.
function health(port, localAddress) {
	return new Promise((resolve, reject) => {
		const t0 = Date.now();
		const s = net.connect({ host: "127.0.0.1", port, localAddress });
		let got = "";
		const timer = setTimeout(() => { s.destroy(); reject(new Error(`no answer from ${localAddress} in 3 s`)); }, 3000);
		s.on("connect", () => s.write("GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
		s.on("data", (d) => { got += d; });
		s.on("error", (e) => { clearTimeout(timer); reject(e); });
		s.on("close", () => {
			clearTimeout(timer);
			if (/^HTTP\/1\.1 200/.test(got)) resolve(Date.now() - t0);
			else reject(new Error(`healthz from ${localAddress}: ${JSON.stringify(got.slice(0, 80))}`));
		});
	});
}

// A client that opens and then sends one header line a second.
function slow(port) {
	const c = { open: false, closedAt: 0, openedAt: 0, sock: null, timer: null };
	c.done = new Promise((resolve) => {
		const s = net.connect({ host: "127.0.0.1", port, localAddress: "127.0.0.1" });
		c.sock = s;
		s.on("connect", () => {
			c.open = true;
			c.openedAt = Date.now();
			s.write("GET /healthz HTTP/1.1\r\nHost: x\r\n");
			let i = 0;
			c.timer = setInterval(() => { if (!s.destroyed) s.write(`X-Slow-${i++}: y\r\n`); }, 1000);
		});
		s.on("error", () => {});
		s.on("close", () => { clearInterval(c.timer); c.closedAt = Date.now(); resolve(); });
	});
	return c;
}

test("one address trickling headers neither fills the server nor holds its sockets", async () => {
	const srv = await startServer(["--conns-per-addr", "50", "--request-seconds", "3"]);
	const port = +new URL(srv.base).port;
	const clients = [];
	try {
		const t0 = Date.now();
		for (let i = 0; i < 300; i++) clients.push(slow(port));
		// while they trickle, a visitor from another address is served
		const times = [];
		while (Date.now() - t0 < 6000) {
			await new Promise((r) => setTimeout(r, 500));
			times.push(await health(port, "127.0.0.2"));
		}
		assert.ok(Math.max(...times) < 1000, `healthz took ${Math.max(...times)} ms`);
		// no more than conns-per-addr were ever held: the rest were
		// closed at once
		const early = clients.filter((c) => c.closedAt && c.closedAt - t0 < 1500).length;
		assert.ok(early >= 250 - 5, `only ${early} of 300 refused at once`);
		// and those held were cut once request-seconds had passed,
		// though they kept sending
		await Promise.race([Promise.all(clients.map((c) => c.done)), new Promise((r) => setTimeout(r, 3000))]);
		const still = clients.filter((c) => !c.closedAt).length;
		assert.equal(still, 0, `${still} slow connections still open after ${Date.now() - t0} ms`);
		const held = clients.filter((c) => c.closedAt - t0 >= 1500);
		for (const c of held) assert.ok(c.closedAt - c.openedAt < 3000 + 2500, `held ${c.closedAt - c.openedAt} ms`);
		// the address is served again once its slow sockets are gone
		assert.ok((await health(port, "127.0.0.1")) < 1000);
	} finally {
		for (const c of clients) { clearInterval(c.timer); c.sock?.destroy(); }
		await srv.stop();
	}
});

// One request from the proxy on behalf of addr whose body never comes:
// resolves with the status line if answered within ms, else null.
function forwarded(port, addr, { body = false, ms = 800 } = {}) {
	return new Promise((resolve) => {
		const s = net.connect({ host: "127.0.0.1", port });
		let got = "";
		const done = (v) => { clearTimeout(timer); resolve(v); };
		const timer = setTimeout(() => done(null), ms);
		s.on("connect", () => s.write(body ?
			`GET /healthz HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: ${addr}\r\nConnection: close\r\n\r\n` :
			`POST /login HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: ${addr}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nemail=`));
		s.on("data", (d) => { got += d; const m = got.match(/^HTTP\/1\.1 (\d+)/); if (m) done({ status: +m[1], text: got, sock: s }); });
		s.on("error", () => done(null));
		forwarded.socks.push(s);
	});
}
forwarded.socks = [];

test("behind a trusted proxy, one forwarded address holds no more than conns-per-addr requests", async () => {
	const srv = await startServer(["--trust-proxy", "yes", "--conns-per-addr", "4", "--request-seconds", "20"]);
	const port = +new URL(srv.base).port;
	try {
		// four requests of 203.0.113.9 wait for their bodies…
		const held = await Promise.all([1, 2, 3, 4].map(() => forwarded(port, "203.0.113.9", { ms: 600 })));
		assert.deepEqual(held, [null, null, null, null], "the first four are being read");
		// …a fifth is refused at once with a page, not left waiting
		const fifth = await forwarded(port, "203.0.113.9", { body: true, ms: 2000 });
		assert.equal(fifth?.status, 429);
		assert.match(fifth.text, /Retry-After: 5/i);
		assert.match(fifth.text, /しばらく待ってから/);
		// another client behind the same proxy is served
		const other = await forwarded(port, "203.0.113.10", { body: true, ms: 2000 });
		assert.equal(other?.status, 200);
		// once the held requests end, the address is served again
		for (const s of forwarded.socks.splice(0)) s.destroy();
		let again = null;
		for (let i = 0; i < 20 && again?.status !== 200; i++) {
			await new Promise((r) => setTimeout(r, 100));
			again = await forwarded(port, "203.0.113.9", { body: true, ms: 2000 });
		}
		assert.equal(again?.status, 200);
	} finally {
		for (const s of forwarded.socks.splice(0)) s.destroy();
		await srv.stop();
	}
});
