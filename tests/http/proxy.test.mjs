// docs/deploy/nginx-mamori.conf, run for real: nginx with TLS in front of
// two nodes on one database.  Ports, names and the certificate are
// replaced by test ones; everything else is the documented file.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync, chmodSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createServer } from "node:net";
import { startServer, top } from "./lib.mjs";

const dir = mkdtempSync(join(tmpdir(), "mamori-nginx-"));
let a, b, nginx, httpPort, httpsPort;

function freePort() {
	return new Promise((resolve) => {
		const s = createServer().listen(0, "127.0.0.1", () => {
			const p = s.address().port;
			s.close(() => resolve(p));
		});
	});
}

// curl, as a browser would go through the proxy (self-signed: -k)
function curl(args) {
	const out = execFileSync("curl", ["-sk", "--max-time", "10", "-D", "-", ...args], { encoding: "utf8" });
	const split = out.indexOf("\r\n\r\n");
	const head = out.slice(0, split), body = out.slice(split + 4);
	return { status: +head.match(/^HTTP\/\S+ (\d+)/)[1], head, body };
}

before(async () => {
	chmodSync(dir, 0o755);	// nginx workers run as another user
	a = await startServer(["--trust-proxy", "yes"]);
	b = await startServer(["--trust-proxy", "yes"], a.db);
	httpPort = await freePort();
	httpsPort = await freePort();
	execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
		"-subj", "/CN=localhost", "-keyout", join(dir, "key.pem"), "-out", join(dir, "cert.pem")], { stdio: "ignore" });
	const port = (s) => new URL(s.base).port;
	const site = readFileSync(join(top, "docs/deploy/nginx-mamori.conf"), "utf8")
		.replace("server 127.0.0.1:8080;", `server 127.0.0.1:${port(a)};`)
		.replace("server 127.0.0.1:8081;", `server 127.0.0.1:${port(b)};`)
		.replace("listen 80;", `listen 127.0.0.1:${httpPort};`)
		.replace("listen 443 ssl http2;", `listen 127.0.0.1:${httpsPort} ssl http2;`)
		.replaceAll("mamori.example.jp;", "localhost;")
		.replace("/etc/letsencrypt/live/mamori.example.jp/fullchain.pem", join(dir, "cert.pem"))
		.replace("/etc/letsencrypt/live/mamori.example.jp/privkey.pem", join(dir, "key.pem"));
	assert.doesNotMatch(site, /example\.jp|letsencrypt|:8080|:8081/);
	writeFileSync(join(dir, "site.conf"), site);
	writeFileSync(join(dir, "nginx.conf"), `
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log;
events { worker_connections 256; }
http {
	access_log off;
	client_body_temp_path ${dir}/body;
	proxy_temp_path ${dir}/proxy;
	fastcgi_temp_path ${dir}/fcgi;
	uwsgi_temp_path ${dir}/uwsgi;
	scgi_temp_path ${dir}/scgi;
	include ${dir}/site.conf;
}
`);
	nginx = spawn("nginx", ["-c", join(dir, "nginx.conf"), "-p", dir, "-g", "daemon off;"], { stdio: "ignore" });
	for (let i = 0; i < 100; i++) {
		try {
			if (curl([`https://127.0.0.1:${httpsPort}/healthz`]).status === 200) return;
		} catch { /* not up yet */ }
		await new Promise((r) => setTimeout(r, 100));
	}
	throw new Error("nginx did not come up: " + (existsSync(join(dir, "error.log")) ? readFileSync(join(dir, "error.log"), "utf8") : ""));
});

after(async () => {
	nginx?.kill("SIGQUIT");
	if (nginx) await new Promise((r) => nginx.on("exit", r));
	await b?.stop();
	await a?.stop();
	rmSync(dir, { recursive: true, force: true });
});

test("plain HTTP is sent to HTTPS", () => {
	const r = curl([`http://127.0.0.1:${httpPort}/login`]);
	assert.equal(r.status, 301);
	assert.match(r.head, /Location: https:\/\/127\.0\.0\.1\/login/i);
});

test("through the proxy: secure cookies, HSTS, the client address, a node going away", () => {
	const jar = join(dir, "jar");
	const base = `https://127.0.0.1:${httpsPort}`;
	// the newest set-up link: B's start ended the one A printed
	const setupPath = new URL(b.setup || a.setup).pathname;
	const setup = curl(["-c", jar, "-b", jar, base + setupPath]);
	assert.equal(setup.status, 200);
	assert.match(setup.head, /set-cookie: mamori_csrf=[^\r\n]*; Secure/i);
	assert.match(setup.head, /strict-transport-security: max-age=/i);
	const csrf = setup.body.match(/name="_csrf" value="([^"]+)"/)[1];
	const made = curl(["-c", jar, "-b", jar, "--data-urlencode", `_csrf=${csrf}`,
		"--data-urlencode", "email=proxy@example.jp", "--data-urlencode", "password=through the proxy",
		"--data-urlencode", "password2=through the proxy", base + setupPath]);
	assert.equal(made.status, 303);
	assert.match(made.head, /set-cookie: mamori_session=[^\r\n]*HttpOnly[^\r\n]*; Secure/i);
	// round robin: a few requests reach both nodes, the session holds
	for (let i = 0; i < 4; i++)
		assert.equal(curl(["-b", jar, base + "/account"]).status, 200);
	const audit = curl(["-b", jar, base + "/admin/audit"]);
	assert.equal(audit.status, 200);
	assert.match(audit.body, /<td[^>]*>127\.0\.0\.1<\/td>/);
	// a node stops (restart, upgrade): the other answers, the session holds
	return b.stop().then(() => {
		b = null;
		for (let i = 0; i < 4; i++)
			assert.equal(curl(["-b", jar, base + "/account"]).status, 200);
		bigBody(jar, base);
	});
});

function bigBody(jar, base) {
	// a body over client_max_body_size is refused before mamori sees it
	writeFileSync(join(dir, "big"), "x=" + "a".repeat(3 * 1024 * 1024));
	const big = curl(["-b", jar, "-H", "content-type: application/x-www-form-urlencoded",
		"--data-binary", "@" + join(dir, "big"), base + "/o/new"]);
	assert.equal(big.status, 413);
}
