#!/usr/bin/python3
"""A real SMTP server for Switchyard's tests and local pipeline (started by scripts/infra.sh).

Two listeners on loopback, both requiring AUTH (PLAIN/LOGIN) with one user:
  STARTTLS_PORT   plain SMTP that refuses MAIL and AUTH before STARTTLS
  TLS_PORT        implicit TLS (SMTPS)
Every accepted message is parsed with Python's email package and written to
MAILDIR as <n>.json (envelope, headers, text and HTML bodies, how it arrived)
beside the raw <n>.eml, so tests read back what was really delivered.
Recipients at the domain `rejected.invalid` are refused with 550.

Usage: smtp-server.py HOST STARTTLS_PORT TLS_PORT CERT KEY USER PASSWORD_FILE MAILDIR
"""
import asyncio
import email
import email.policy
import itertools
import json
import os
import signal
import ssl
import sys
import time

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


def main() -> None:
    host, starttls_port, tls_port, cert, key, user, password_file, maildir = sys.argv[1:9]
    with open(password_file, encoding="utf-8") as f:
        password = f.read().strip()
    os.makedirs(maildir, exist_ok=True)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    counter = itertools.count(int(time.time() * 1000))

    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and auth_data.login.decode() == user and auth_data.password.decode() == password
        return AuthResult(success=ok, handled=False, auth_data=auth_data)

    class Mailbox:
        def __init__(self, listener: str):
            self.listener = listener

        async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
            if address.lower().endswith("@rejected.invalid"):
                return "550 5.1.1 No such user here"
            envelope.rcpt_tos.append(address)
            return "250 OK"

        async def handle_DATA(self, server, session, envelope):
            n = next(counter)
            raw = envelope.original_content or envelope.content
            msg = email.message_from_bytes(raw, policy=email.policy.default)
            text = msg.get_body(("plain",))
            html = msg.get_body(("html",))
            record = {
                "id": n,
                "listener": self.listener,
                "tls": self.listener == "tls" or server._tls_protocol is not None,
                "authUser": session.auth_data.login.decode() if isinstance(session.auth_data, LoginPassword) else None,
                "mailFrom": envelope.mail_from,
                "rcptTo": list(envelope.rcpt_tos),
                "headers": {k.lower(): str(v) for k, v in msg.items()},
                "subject": str(msg.get("subject", "")),
                "text": text.get_content() if text is not None else None,
                "html": html.get_content() if html is not None else None,
            }
            with open(os.path.join(maildir, f"{n}.eml"), "wb") as f:
                f.write(raw)
            tmp = os.path.join(maildir, f".{n}.json.tmp")
            with open(tmp, "w", encoding="utf-8") as f:
                json.dump(record, f)
            os.replace(tmp, os.path.join(maildir, f"{n}.json"))
            return "250 Message accepted for delivery"

    common = dict(hostname=host, authenticator=authenticator, auth_required=True, ready_timeout=10)
    starttls = Controller(Mailbox("starttls"), port=int(starttls_port), tls_context=context, require_starttls=True, **common)
    # On the implicit-TLS listener the connection is encrypted before SMTP starts.
    implicit = Controller(Mailbox("tls"), port=int(tls_port), ssl_context=context, auth_require_tls=False, **common)
    starttls.start()
    implicit.start()
    print(f"smtp: STARTTLS on {host}:{starttls_port}, TLS on {host}:{tls_port}, mail in {maildir}", flush=True)
    stop = asyncio.new_event_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        stop.add_signal_handler(sig, stop.stop)
    stop.run_forever()
    starttls.stop()
    implicit.stop()


if __name__ == "__main__":
    main()
