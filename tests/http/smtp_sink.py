#!/usr/bin/python3
# A real SMTP server for the mail tests (Debian's python3-aiosmtpd), on
# loopback: every message it accepts becomes DIR/N.json with its envelope,
# its headers, both parts decoded, and the longest line of the raw text.
# While DIR/slow exists (its text: seconds), the reply to DATA waits that
# long first; a client that goes away meanwhile leaves nothing stored, as
# with any SMTP server that had not answered yet.  Each DATA that arrives
# is counted in DIR/data-started, each one so dropped in DIR/dropped.
# Usage: smtp_sink.py DIR PORT   (prints "ready" once listening)
import asyncio
import email
import email.policy
import json
import os
import signal
import sys

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, folder):
        self.folder = folder
        self.n = 0

    async def handle_DATA(self, server, session, envelope):
        with open(os.path.join(self.folder, "data-started"), "a") as f:
            f.write("x")
        slow = os.path.join(self.folder, "slow")
        if os.path.exists(slow):
            with open(slow) as f:
                secs = float(f.read().strip() or "3")
            try:
                await asyncio.sleep(secs)
            except asyncio.CancelledError:
                # the client went away before the answer: nothing kept
                with open(os.path.join(self.folder, "dropped"), "a") as f:
                    f.write("x")
                raise
        raw = envelope.original_content or envelope.content
        msg = email.message_from_bytes(raw, policy=email.policy.default)
        parts = {}
        for p in msg.walk():
            if p.get_content_maintype() == "text":
                parts[p.get_content_type()] = {
                    "text": p.get_content(),
                    "charset": p.get_content_charset(),
                    "cte": p.get("Content-Transfer-Encoding", ""),
                }
        lines = raw.split(b"\r\n")
        out = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "subject": str(msg["Subject"]),
            "raw_subject": raw.split(b"\r\n\r\n", 1)[0].decode("ascii", "replace"),
            "headers": {k: str(v) for k, v in msg.items()},
            "content_type": msg.get_content_type(),
            "parts": parts,
            "max_line": max(len(x) for x in lines),
            "bare_lf": b"\n" in raw.replace(b"\r\n", b""),
        }
        self.n += 1
        name = os.path.join(self.folder, "%03d.json" % self.n)
        with open(name + ".tmp", "w") as f:
            json.dump(out, f, ensure_ascii=False)
        os.rename(name + ".tmp", name)
        return "250 OK stored"


def main():
    folder, port = sys.argv[1], int(sys.argv[2])
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM, signal.SIGINT})
    c = Controller(Sink(folder), hostname="127.0.0.1", port=port)
    c.start()
    print("ready", flush=True)
    signal.sigwait({signal.SIGTERM, signal.SIGINT})
    c.stop()


if __name__ == "__main__":
    main()
