#!/usr/bin/env python3
"""Attacks a running Cities4Cities and prints a table of what it tried and what it found.

    scripts/audit.py --bin target/release/cities4cities [--fast]

Starts the binary on a free port against a fresh SQLite database in a temporary folder
(PUBLIC_URL is https, so cookies and HSTS are those of production), learns every route from
`cities4cities routes` (pages, server functions, open data, the rest: nothing here is a
hand-kept list of routes), then runs each check below. Exit status 1 on any finding.

--fast (inside `make test`, against the debug build): headers and cookies, redirects, the
bad-input corpus, stored script, second-factor guessing, lock-out, token reuse, the pixel
flood. Without it, also: slow and idle clients, schemathesis against the OpenAPI document,
and `cargo audit` on Cargo.lock. Only the Python standard library is needed for --fast.
"""

import argparse
import base64
import hashlib
import hmac
import http.client
import json
import os
import re
import shutil
import socket
import sqlite3
import struct
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PASSWORD = "audit-Correct-Horse-7"
# Resident memory the server may reach during the whole audit (the pixel flood included).
MEMORY_CEILING_MB = 768
SLUG = "hoshchanska"
LANG_PREFIXES = ("/en", "/pl", "/de", "/fr", "/sv")

# ---- the table ----

ROWS = []  # (check, tried, findings list)


def row(check, tried, findings):
    ROWS.append((check, tried, findings))


def print_table():
    width = max(len(r[0]) for r in ROWS) + 2
    print()
    print(f"{'check'.ljust(width)}{'tried':>8}  result")
    print("-" * (width + 40))
    total = 0
    for check, tried, findings in ROWS:
        result = "ok" if not findings else f"{len(findings)} FINDING(S)"
        print(f"{check.ljust(width)}{tried:>8}  {result}")
        for f in findings[:10]:
            print(f"{'':{width}}          - {f}")
        if len(findings) > 10:
            print(f"{'':{width}}          … and {len(findings) - 10} more")
        total += len(findings)
    print("-" * (width + 40))
    print(f"{total} finding(s)")
    return total


# ---- the server ----


class Server:
    def __init__(self, binary, site_root):
        self.dir = tempfile.mkdtemp(prefix="c4c-audit-")
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.db_path = os.path.join(self.dir, "audit.db")
        self.env = dict(
            os.environ,
            DATABASE_URL=f"sqlite://{self.db_path}",
            DATA_DIR=os.path.join(self.dir, "data"),
            UPLOAD_DIR=os.path.join(self.dir, "uploads"),
            LEPTOS_SITE_ADDR=f"127.0.0.1:{self.port}",
            LEPTOS_SITE_ROOT=site_root,
            PUBLIC_URL=f"https://127.0.0.1:{self.port}",
            RUST_LOG="info",
            RUST_BACKTRACE="0",
        )
        self.binary = binary
        self.log_path = os.path.join(self.dir, "server.log")
        self.proc = None

    def start(self):
        self.log = open(self.log_path, "wb")
        self.proc = subprocess.Popen(
            [self.binary, "serve"], env=self.env, stdout=self.log, stderr=subprocess.STDOUT
        )
        deadline = time.time() + 180
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise SystemExit(f"the server stopped at start:\n{open(self.log_path).read()[-3000:]}")
            try:
                if request("GET", "/healthz", port=self.port)[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        raise SystemExit("the server did not answer /healthz within 180 s")

    def peak_memory_mb(self):
        try:
            with open(f"/proc/{self.proc.pid}/status") as f:
                for line in f:
                    if line.startswith("VmHWM:"):
                        return int(line.split()[1]) / 1024
        except OSError:
            pass
        return 0.0

    def log_text(self):
        self.log.flush()
        with open(self.log_path, "rb") as f:
            return f.read().decode("utf-8", "replace")

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        shutil.rmtree(self.dir, ignore_errors=True)

    def sql(self, statement, args=()):
        with sqlite3.connect(self.db_path, timeout=30) as c:
            cur = c.execute(statement, args)
            return cur.fetchall()


PORT = None


def request(method, path, body=None, headers=None, port=None, timeout=60):
    """(status, headers as a lower-cased dict of lists, body bytes); never follows redirects."""
    conn = http.client.HTTPConnection("127.0.0.1", port or PORT, timeout=timeout)
    h = {"Accept-Language": "en"}
    if body is not None and not isinstance(body, (bytes, bytearray)):
        body = body.encode()
    h.update(headers or {})
    # A path with bytes http.client refuses (controls, spaces) goes out as written.
    conn.putrequest(method, path, skip_accept_encoding=True)
    for k, v in h.items():
        conn.putheader(k, v)
    if body is not None:
        conn.putheader("Content-Length", str(len(body)))
    conn.endheaders(body)
    res = conn.getresponse()
    data = res.read()
    out = {}
    for k, v in res.getheaders():
        out.setdefault(k.lower(), []).append(v)
    conn.close()
    return res.status, out, data


def form(pairs):
    return urllib.parse.urlencode(pairs)


def post_form(path, pairs, cookie=None, extra=None):
    h = {"Content-Type": "application/x-www-form-urlencoded", "Sec-Fetch-Site": "same-origin"}
    if cookie:
        h["Cookie"] = cookie
    h.update(extra or {})
    return request("POST", path, form(pairs), h)


def session_cookie(headers):
    for c in headers.get("set-cookie", []):
        name_value = c.split(";")[0]
        if "c4c_session=" in name_value and "Max-Age=0" not in c:
            return name_value
    return None


def totp(secret_b32, step=None):
    key = base64.b32decode(secret_b32 + "=" * (-len(secret_b32) % 8))
    step = int(time.time() // 30) if step is None else step
    digest = hmac.new(key, struct.pack(">Q", step), hashlib.sha1).digest()
    o = digest[-1] & 15
    return "%06d" % ((struct.unpack(">I", digest[o : o + 4])[0] & 0x7FFFFFFF) % 1_000_000)


def account(server, email, role="member", second_factor=False):
    """Signs up, confirms the address in the database, signs in; returns (cookie, secret)."""
    s, h, b = post_form("/api/sign_up", [("name", email), ("email", email), ("password", PASSWORD)])
    if s >= 400:
        raise SystemExit(f"sign-up of {email} failed: {s} {b[:300]}")
    secret = base64.b32encode(os.urandom(20)).decode().rstrip("=")
    server.sql(
        "UPDATE users SET email_verified = 1, role = ?, totp_secret = ?, totp_enabled = ? WHERE email = ?",
        (role, secret, 1 if second_factor else 0, email),
    )
    s, h, b = post_form("/api/sign_in", [("email", email), ("password", PASSWORD)])
    cookie = session_cookie(h)
    if second_factor:
        s, h, b = post_form("/api/second_factor", [("code", totp(secret))], cookie)
        cookie = session_cookie(h) or cookie
    return cookie, secret


# ---- the checks ----

FOREIGN = [
    "//evil.example",
    "/en//evil.example",
    "/\\evil.example",
    "/en/\\evil.example",
    "/\tevil.example",
    "/%09/evil.example",
    "https://evil.example",
    "/account\r\nSet-Cookie: x=1",
    "/\x01evil",
    "\\\\evil.example",
]

HOSTILE = [
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "' OR '1'='1",
    "1; DROP TABLE users; --",
    "../../../../etc/passwd",
    "..%2f..%2f..%2fetc%2fpasswd",
    "%00",
    "\u0000\u0001\u001f",
    "ї" * 5000,
    "9" * 400,
    "-1",
    "1e400",
    "{{7*7}}",
    "javascript:alert(1)",
]

# Argument names the server functions use; each takes its own and ignores the rest.
ARG_NAMES = [
    "slug", "email", "password", "name", "q", "id", "token", "code", "user", "current",
    "position", "evidence", "message", "decision", "reason", "verified", "date", "role",
    "key", "confirm", "return_to", "lang", "country", "action", "page",
]
NUMERIC = ["base_version", "version"]

SCRIPT_MARKERS = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>"]


def stays_here(location):
    return (
        location.startswith("/")
        and not location.startswith("//")
        and "\\" not in location
        and not any(ord(c) < 32 or c.isspace() for c in location)
    )


def check_headers(server, member_cookie, routes):
    findings, tried = [], 0
    pages = [
        ("/", None), ("/en/communities", None), (f"/en/c/{SLUG}", None),
        ("/en/account/signin", None), ("/en/about", None), ("/en/no-such-page", None),
        ("/en/account", member_cookie), (f"/en/c/{SLUG}", member_cookie),
        ("/account/reset?token=abc", None),
    ]
    others = [
        "/api/v1/communities", "/api/v1/communities.csv", f"/api/v1/communities/{SLUG}",
        "/api/v1/openapi.json", f"/c/{SLUG}/card.png", f"/c/{SLUG}/qr.svg", "/robots.txt",
        "/sitemap.xml", "/healthz",
    ]
    for path, cookie in pages + [(p, None) for p in others]:
        tried += 1
        s, h, b = request("GET", path, headers={"Cookie": cookie} if cookie else {})
        label = f"GET {path}{' (signed in)' if cookie else ''}"
        if s >= 500:
            findings.append(f"{label}: {s}")
            continue
        csp = (h.get("content-security-policy") or [""])[0]
        html = "text/html" in (h.get("content-type") or [""])[0]
        nothing = "default-src 'none'" in csp  # object-src falls back to it; the others do not
        for need in ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"]:
            if need not in csp and not (nothing and need.startswith("object-src")):
                findings.append(f"{label}: CSP lacks {need} ({csp[:60]!r})")
        if html:
            if "form-action 'self'" not in csp:
                findings.append(f"{label}: CSP lacks form-action 'self'")
            if re.search(r"script-src[^;]*'unsafe-inline'", csp):
                findings.append(f"{label}: CSP allows inline script")
            # Every inline script must be allowed by its hash.
            for script in re.findall(rb"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", b, re.S):
                digest = base64.b64encode(hashlib.sha256(script).digest()).decode()
                if f"'sha256-{digest}'" not in csp:
                    findings.append(f"{label}: an inline script has no hash in the CSP")
                    break
        for name, want in [
            ("x-content-type-options", "nosniff"),
            ("x-frame-options", "DENY"),
            ("cross-origin-opener-policy", "same-origin"),
        ]:
            if (h.get(name) or [""])[0] != want:
                findings.append(f"{label}: {name} is {h.get(name)}")
        for name in ["permissions-policy", "referrer-policy", "strict-transport-security"]:
            if name not in h:
                findings.append(f"{label}: no {name}")
        sts = (h.get("strict-transport-security") or [""])[0]
        if sts and "max-age=31536000" not in sts:
            findings.append(f"{label}: HSTS {sts}")
        cache = (h.get("cache-control") or [""])[0]
        if cookie and html and cache != "private, no-store":
            findings.append(f"{label}: Cache-Control {cache!r} on a signed-in page")
        if "token=" in path and "no-store" not in cache:
            findings.append(f"{label}: a page with a token may be stored ({cache!r})")
        if html and not cookie and "cookie" not in (h.get("vary") or [""])[0].lower():
            findings.append(f"{label}: cacheable page does not vary on Cookie")
    # The session cookie.
    tried += 1
    s, h, b = post_form("/api/sign_in", [("email", "audit-member@example.ua"), ("password", PASSWORD)])
    for c in h.get("set-cookie", []):
        if "c4c_session" in c:
            for flag in ["HttpOnly", "Secure", "SameSite=Lax", "Path=/"]:
                if flag.lower() not in c.lower():
                    findings.append(f"session cookie lacks {flag}: {c}")
            if not c.startswith("__Host-"):
                findings.append("session cookie lacks the __Host- prefix over https")
    row("headers and cookies (every page type)", tried, findings)


def check_redirects(server, secret_cookie, secret):
    findings, tried = [], 0
    for page in ["/account/signin", "/en/account/signin"]:
        for target in FOREIGN:
            tried += 1
            s, h, b = post_form(
                "/api/sign_in",
                [("email", "audit-member@example.ua"), ("password", PASSWORD), ("return_to", target)],
                extra={"Referer": f"https://127.0.0.1{page}"},
            )
            loc = (h.get("location") or [""])[0]
            if s >= 500 or (loc and not stays_here(loc)):
                findings.append(f"sign-in return_to={target!r}: {s} Location {loc!r}")
    for target in FOREIGN:
        tried += 1
        s, h, b = post_form("/lang", [("lang", "en"), ("return_to", target)])
        loc = (h.get("location") or [""])[0]
        if s >= 500 or (loc and not stays_here(loc)):
            findings.append(f"language switch return_to={target!r}: {s} Location {loc!r}")
    # The second factor's redirect.
    for target in FOREIGN[:4]:
        tried += 1
        s, h, b = post_form(
            "/api/sign_in", [("email", "audit-2fa@example.ua"), ("password", PASSWORD)]
        )
        pending = session_cookie(h)
        # The code of this step was used by the attempt before: let it count as new.
        server.sql("UPDATE users SET totp_last_step = NULL WHERE email = 'audit-2fa@example.ua'")
        s, h, b = post_form("/api/second_factor", [("code", totp(secret)), ("return_to", target)], pending)
        if not (h.get("location") or [""])[0]:
            findings.append(f"second factor with return_to={target!r} did not sign in: {s} {b[:100]!r}")
        loc = (h.get("location") or [""])[0]
        if s >= 500 or (loc and not stays_here(loc)):
            findings.append(f"second factor return_to={target!r}: {s} Location {loc!r}")
    row("open redirects (sign-in, second factor, language)", tried, findings)


def hostile_paths(routes):
    pages = sorted({p for p in routes["pages"]})
    out = []
    for p in pages:
        if "{" not in p:
            out.append(p)
            out.append(p + "?page=99999999999999999999&q=" + urllib.parse.quote(HOSTILE[0]))
            continue
        for v in [SLUG, "..%2f..%2fetc%2fpasswd", urllib.parse.quote(HOSTILE[1]), "x" * 300, "%ff%fe"]:
            out.append(re.sub(r"\{[a-z_]+\}", v, p))
    for p in routes["api"]:
        for v in [SLUG, "..%2f..%2fetc", "%00", "x" * 300]:
            base = re.sub(r"\{[a-z_]+\}", v, p)
            out.append(base)
            out.append(base + "?page=-1&per_page=99999999999&q=" + urllib.parse.quote("ї" * 300))
            out.append(base + "?q=" + urllib.parse.quote(HOSTILE[0]) + "&oblast=" + urllib.parse.quote(HOSTILE[2]))
    for r in routes["other"]:
        if r["method"] == "GET":
            for v in [SLUG, "..%2f..%2fetc%2fpasswd", "%2e%2e", "x" * 300]:
                out.append(re.sub(r"\{[a-z_]+\}", v, r["path"]))
    return out


def check_corpus(server, member_cookie, routes):
    findings, tried = [], 0
    reflected = []

    def judge(label, s, h, b):
        if s >= 500:
            findings.append(f"{label}: {s} {b[:120]!r}")
        ctype = (h.get("content-type") or [""])[0]
        if "html" in ctype:
            for m in SCRIPT_MARKERS:
                if m.encode() in b:
                    reflected.append(f"{label}: {m} came back as markup")

    for path in hostile_paths(routes):
        for cookie in [None, member_cookie]:
            tried += 1
            try:
                s, h, b = request("GET", path, headers={"Cookie": cookie} if cookie else {})
            except (http.client.HTTPException, OSError) as e:
                findings.append(f"GET {path[:80]}: no answer ({e})")
                continue
            judge(f"GET {path[:80]}", s, h, b)
    bodies = []
    for value in HOSTILE:
        pairs = [(n, value) for n in ARG_NAMES] + [(n, "1") for n in NUMERIC]
        bodies.append(("form " + value[:20], "application/x-www-form-urlencoded", form(pairs).encode()))
    bodies += [
        ("huge numbers", "application/x-www-form-urlencoded",
         form([(n, "9" * 400) for n in NUMERIC] + [("slug", SLUG), ("page", "1e400")]).encode()),
        ("invalid UTF-8", "application/x-www-form-urlencoded", b"slug=\xff\xfe&email=\xc3\x28"),
        ("nested JSON", "application/json", b'{"query":' + b"[" * 50000 + b"]" * 50000 + b"}"),
        ("malformed JSON", "application/json", b'{"query": {"q": "x", '),
        ("JSON of a wrong shape", "application/json", b'{"query": {"page": "many", "z": 99999}}'),
        ("multipart where a form is read", "multipart/form-data; boundary=x", b"--x\r\nContent-Disposition: form-data; name=\"slug\"\r\n\r\n" + SLUG.encode() + b"\r\n--x--\r\n"),
    ]
    for fn in routes["server_fns"]:
        for label, ctype, body in bodies:
            for cookie in [None, member_cookie]:
                tried += 1
                h = {"Content-Type": ctype, "Sec-Fetch-Site": "same-origin"}
                if cookie:
                    h["Cookie"] = cookie
                try:
                    s, hh, b = request(fn["method"], fn["path"], body, h)
                except (http.client.HTTPException, OSError) as e:
                    findings.append(f"{fn['path']} {label}: no answer ({e})")
                    continue
                judge(f"{fn['path']} {label}", s, hh, b)
                if re.search(rb"serde|recursion limit|missing field|invalid type|panicked", b, re.I):
                    findings.append(f"{fn['path']} {label}: internal text reached the client: {b[:120]!r}")
    # Bodies over the limit: the server answers 413 from the declared length, before the body.
    for fn in routes["server_fns"]:
        tried += 1
        s = oversized(fn["path"])
        if s != 413:
            findings.append(f"{fn['path']} oversized body: {s} (expected 413)")
    # Cross-site posts are refused.
    tried += 1
    s, h, b = request("POST", "/api/sign_out", "", {"Content-Type": "application/x-www-form-urlencoded",
                                                     "Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site",
                                                     "Cookie": member_cookie})
    if s != 403:
        findings.append(f"a cross-site POST was answered {s}")
    row("bad-input corpus (every page, server function, API)", tried, findings)
    row("reflected script", tried, reflected)


def oversized(path):
    """The status of a POST that declares a 3 MB body and sends only its start."""
    with socket.create_connection(("127.0.0.1", PORT), timeout=30) as s:
        s.sendall(f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                  f"Sec-Fetch-Site: same-origin\r\nContent-Length: {3 * 1024 * 1024}\r\n\r\nq=aaaa".encode())
        head = s.recv(200).decode("latin-1")
    m = re.match(r"HTTP/1\.1 (\d+)", head)
    return int(m.group(1)) if m else 0


def check_stored_script(server, editor_cookie):
    findings, tried = [], 0
    payload = SCRIPT_MARKERS[0] + " " + "\"><img src=x onerror=alert(1)> [x](javascript:alert(1))"
    s, h, b = request("POST", "/api/editable", form([("slug", SLUG)]),
                      {"Content-Type": "application/x-www-form-urlencoded", "Cookie": editor_cookie,
                       "Sec-Fetch-Site": "same-origin"})
    version = json.loads(b).get("version", 0) if s == 200 else 0
    pairs = [("slug", SLUG), ("base_version", str(version))]
    for field in ["about_uk", "about_en", "why_partner_uk", "economy_uk", "contact0_name", "head_name",
                  "offer0_title_uk", "project0_title_uk", "other_name0_name", "website"]:
        pairs.append((f"fields[{field}]", payload))
    s, h, b = post_form("/api/publish_profile", pairs, editor_cookie)
    tried += 1
    if s >= 500:
        findings.append(f"publishing hostile text: {s}")
    server.sql("UPDATE users SET name = ? WHERE email = 'audit-editor@example.ua'", (payload,))
    for path in [f"/c/{SLUG}", f"/en/c/{SLUG}", f"/en/c/{SLUG}/history", "/en/communities?q=gosh",
                 f"/api/v1/communities/{SLUG}", "/en/account", f"/c/{SLUG}/card.png"]:
        tried += 1
        s, h, b = request("GET", path, headers={"Cookie": editor_cookie})
        ctype = (h.get("content-type") or [""])[0]
        if s >= 500:
            findings.append(f"GET {path}: {s}")
        if "html" in ctype:
            for m in SCRIPT_MARKERS + ['href="javascript:']:
                if m.encode() in b:
                    findings.append(f"GET {path}: stored {m!r} renders as markup")
    row("stored script (cards, names, history)", tried, findings)


def check_guessing(server, secret):
    findings, tried = [], 0
    email = "audit-2fa@example.ua"
    # Second factor: one account, many sessions, wrong codes.
    accepted_tries = 0
    for i in range(40):
        s, h, b = post_form("/api/sign_in", [("email", email), ("password", PASSWORD)])
        pending = session_cookie(h)
        if not pending:
            server.sql("DELETE FROM rate_limits WHERE key LIKE 'signin%' OR key LIKE 'place%' OR key LIKE 'elsewhere%'")
            continue
        s, h, b = post_form("/api/second_factor", [("code", "%06d" % ((i * 7919) % 1_000_000))], pending)
        tried += 1
        if s >= 500:
            findings.append(f"a wrong code answered {s}")
        if s == 400:  # judged (and wrong), not refused for the back-off
            accepted_tries += 1
    if accepted_tries > 12:
        findings.append(f"{accepted_tries} wrong codes were judged in a row (the limit is per account)")
    failed = server.sql("SELECT COUNT(*) FROM audit_log WHERE action = 'second_factor_failed'")[0][0]
    if failed < 5:
        findings.append(f"only {failed} failed codes in the audit log")
    # Replay: the code just accepted, again.
    server.sql("DELETE FROM rate_limits")
    code = totp(secret)
    s, h, b = post_form("/api/sign_in", [("email", email), ("password", PASSWORD)])
    p1 = session_cookie(h)
    s1, h1, _ = post_form("/api/second_factor", [("code", code)], p1)
    s, h, b = post_form("/api/sign_in", [("email", email), ("password", PASSWORD)])
    p2 = session_cookie(h)
    s2, h2, _ = post_form("/api/second_factor", [("code", code)], p2)
    tried += 2
    if s1 < 400 and s2 < 400 and "location" in h2 and "2fa" not in h2["location"][0]:
        findings.append("the same code was accepted twice")
    row("second-factor guessing and replay", tried, findings)

    # Passwords: many wrong ones in parallel, then the right one.
    findings, tried = [], 0
    victim = "audit-lock@example.ua"
    results = []

    def guess(pw):
        try:
            results.append(post_form("/api/sign_in", [("email", victim), ("password", pw)])[0])
        except OSError:
            results.append(0)

    threads = [threading.Thread(target=guess, args=(f"wrong-{i}",)) for i in range(30)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    tried += 30
    judged = sum(1 for s in results if s in (400, 401))
    if any(s >= 500 for s in results):
        findings.append("a guess answered with a server error")
    if judged > 8:
        findings.append(f"{judged} of 30 parallel guesses were judged (expected at most 5 free)")
    if 429 not in results:
        findings.append("30 wrong passwords never answered 429")
    row("password guessing (parallel, per account and network)", tried, findings)


def check_token_reuse(server):
    findings, tried = [], 0
    email = "audit-member@example.ua"
    post_form("/api/request_reset", [("email", email)])
    token = None
    for _ in range(50):
        token = newest_link_token(server, email, "/account/reset")
        if token:
            break
        time.sleep(0.2)
    tried += 1
    if not token:
        findings.append("no reset mail was written")
        row("one-time links (reset reused)", tried, findings)
        return
    new_password = PASSWORD + "-new"
    s1, _, b1 = post_form("/api/reset_password", [("token", token), ("password", new_password)])
    s2, _, b2 = post_form("/api/reset_password", [("token", token), ("password", new_password + "2")])
    tried += 2
    if s1 >= 400:
        findings.append(f"the reset link did not work once: {s1} {b1[:100]!r}")
    if s2 < 400:
        findings.append("the reset link worked twice")
    body = server.sql("SELECT body FROM outbox WHERE to_addr = ? AND sent_at IS NOT NULL", (email,))
    if any(token in (r[0] or "") for r in body):
        findings.append("a sent mail's link is kept in the outbox")
    server.sql("UPDATE users SET password_hash = (SELECT password_hash FROM users WHERE email = 'audit-lock@example.ua') WHERE email = ?", (email,))
    row("one-time links (reset reused, outbox kept)", tried, findings)


def newest_link_token(server, email, path):
    import email as email_lib
    from email import policy

    outbox = os.path.join(server.env["DATA_DIR"], "outbox")
    if not os.path.isdir(outbox):
        return None
    files = sorted((os.path.join(outbox, f) for f in os.listdir(outbox)), key=os.path.getmtime)
    for f in reversed(files):
        with open(f, "rb") as fh:
            msg = email_lib.message_from_binary_file(fh, policy=policy.default)
        if email not in str(msg.get("To", "")):
            continue
        part = msg.get_body(preferencelist=("plain",)) or msg
        text = part.get_content()
        m = re.search(re.escape(path) + r"\?token=([A-Za-z0-9_\-]+)", text)
        if m:
            return m.group(1)
    return None


def png(width, height):
    """A valid PNG header of any size, its pixels one compressed run of zeros (a few KB)."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    raw_row = b"\x00" + b"\x00" * (width * 3)
    comp = zlib.compressobj(9)
    data = b"".join(comp.compress(raw_row) for _ in range(min(height, 64))) + comp.flush()
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", data) + chunk(b"IEND", b""))


def multipart(fields, files):
    boundary = "auditboundary" + os.urandom(6).hex()
    parts = []
    for k, v in fields:
        parts.append(f"--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n".encode())
    for k, name, ctype, data in files:
        parts.append(f"--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"; filename=\"{name}\"\r\nContent-Type: {ctype}\r\n\r\n".encode() + data + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return f"multipart/form-data; boundary={boundary}", b"".join(parts)


def check_uploads(server, editor_cookie):
    findings, tried = [], 0
    cases = [
        ("pixel flood 30000x30000", "flood.png", "image/png", png(30000, 30000)),
        ("forged type: HTML as a JPEG", "photo.jpg", "image/jpeg", b"<html><script>alert(1)</script></html>"),
        ("path traversal in the name", "../../../etc/passwd.png", "image/png", png(10, 10)),
        ("SVG with script", "logo.svg", "image/svg+xml", b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>"),
        ("truncated PNG", "cut.png", "image/png", png(100, 100)[:40]),
    ]
    for label, name, ctype, data in cases:
        for kind in ["photo", "logo"]:
            tried += 1
            ct, body = multipart([("kind", kind)], [("file", name, ctype, data)])
            s, h, b = request("POST", f"/api/upload/{SLUG}", body,
                              {"Content-Type": ct, "Cookie": editor_cookie, "Sec-Fetch-Site": "same-origin"})
            if s >= 500:
                findings.append(f"{label} ({kind}): {s}")
            elif s < 400 and "location" in h and "upload=" in h["location"][0] and "error" not in h["location"][0]:
                pass
    stored = []
    for root, _, files in os.walk(server.env["UPLOAD_DIR"]):
        stored += files
    if any(f.endswith((".svg", ".html", ".jpg.html")) or "passwd" in f for f in stored):
        findings.append(f"a hostile file was stored: {stored}")
    peak = server.peak_memory_mb()
    if peak > MEMORY_CEILING_MB:
        findings.append(f"peak memory {peak:.0f} MB over the ceiling of {MEMORY_CEILING_MB} MB")
    row(f"uploads (pixel flood, forged types; memory < {MEMORY_CEILING_MB} MB)", tried, findings)


def check_slow_clients(server):
    findings, tried = [], 0
    idle = []
    for _ in range(300):
        s = socket.socket()
        s.settimeout(5)
        try:
            s.connect(("127.0.0.1", PORT))
            idle.append(s)
        except OSError:
            break
    slow = []
    for _ in range(50):
        s = socket.socket()
        s.connect(("127.0.0.1", PORT))
        s.send(b"GET / HTTP/1.1\r\nHost: x\r\n")
        slow.append(s)
    bodies = []
    for _ in range(20):
        s = socket.socket()
        s.connect(("127.0.0.1", PORT))
        s.send(b"POST /api/sign_in HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100000\r\nSec-Fetch-Site: same-origin\r\n\r\nemail=")
        bodies.append(s)
    tried = len(idle) + len(slow) + len(bodies)
    t0 = time.time()
    ok = 0
    for _ in range(10):
        try:
            if request("GET", "/healthz", timeout=10)[0] == 200:
                ok += 1
        except OSError:
            pass
    took = time.time() - t0
    if ok < 10:
        findings.append(f"only {ok} of 10 normal requests answered beside {tried} slow or idle clients")
    for s in idle + slow + bodies:
        s.close()
    row(f"slow and idle clients ({tried} held open; 10 normal requests in {took:.1f} s)", tried, findings)


def check_log(server):
    text = server.log_text()
    findings = []
    for line in text.splitlines():
        if "panicked" in line:
            findings.append(line[:200])
    internal = [l for l in text.splitlines() if "internal error" in l]
    findings += [f"internal error: {l[:200]}" for l in internal]
    row("server log (no panic, no internal error)", len(text.splitlines()), findings)


def check_schemathesis(server):
    exe = shutil.which("schemathesis") or shutil.which("st")
    if not exe:
        row("schemathesis (OpenAPI)", 0, ["schemathesis is not installed (pip install schemathesis)"])
        return
    url = f"http://127.0.0.1:{PORT}/api/v1/openapi.json"
    cmd = [exe, "run", url, "--checks", "all", "--max-examples", "50"]
    # Its cache folder goes in the audit's temporary folder, not the checkout.
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=1800, cwd=server.dir)
    out = (proc.stdout or "") + (proc.stderr or "")
    m = re.search(r"(\d+) generated", out)
    findings = [] if proc.returncode == 0 else [l for l in out.splitlines() if l.strip()][-25:]
    row("schemathesis (every operation of the OpenAPI document)", int(m.group(1)) if m else 0, findings)


def parse_version(v):
    core = v.split("+")[0]
    pre = None
    if "-" in core:
        core, pre = core.split("-", 1)
    nums = [int(x) for x in core.split(".")] + [0, 0, 0]
    # A pre-release sorts before its release.
    return (nums[0], nums[1], nums[2], 0 if pre else 1, pre or "")


def matches(version, requirement):
    """Whether `version` meets a Cargo requirement such as ">= 1.2.3, < 2" or "^0.3.5"."""
    v = parse_version(version)
    for comp in requirement.split(","):
        comp = comp.strip()
        if not comp:
            continue
        m = re.match(r"(>=|<=|>|<|=|\^|~)?\s*([0-9][0-9A-Za-z.+-]*)", comp)
        op, bound = m.group(1) or "^", m.group(2)
        parts = bound.split("-")[0].split(".")
        b = parse_version(bound)
        if op == ">=" and not v >= b:
            return False
        if op == ">" and not v > b:
            return False
        if op == "<=" and not v <= b:
            return False
        if op == "<" and not v < b:
            return False
        if op == "=" and not v[:3] == b[:3]:
            return False
        if op in ("^", "~"):
            if v < b:
                return False
            major, minor = b[0], b[1]
            if op == "~":
                upper = (major, minor + 1, 0) if len(parts) > 1 else (major + 1, 0, 0)
            elif major > 0:
                upper = (major + 1, 0, 0)
            elif minor > 0 or len(parts) == 2:
                upper = (0, minor + 1, 0)
            else:
                upper = (0, 0, b[2] + 1)
            if not v[:3] < upper:
                return False
    return True


def check_advisories():
    """Cargo.lock against the RustSec advisories of its crates, kept in audit/advisories (a
    snapshot of github.com/rustsec/advisory-db: CI cannot reach GitHub, and cargo-audit
    needs to). Accepted advisories are in audit/accepted.toml, each with its reason."""
    import tomllib

    lock = tomllib.load(open(os.path.join(ROOT, "Cargo.lock"), "rb"))
    versions = {}
    for p in lock["package"]:
        versions.setdefault(p["name"], []).append(p["version"])
    accepted_path = os.path.join(ROOT, "audit", "accepted.toml")
    accepted = {}
    findings, warnings, tried = [], [], 0
    if os.path.exists(accepted_path):
        for a in tomllib.load(open(accepted_path, "rb")).get("accepted", []):
            accepted[a["id"]] = a.get("reason", "")
            if a.get("not_compiled"):
                # The reason must still hold: no build compiles the crate.
                for features in ["ssr", "hydrate"]:
                    tree = subprocess.run(
                        ["cargo", "tree", "-q", "-i", a["crate"], "--features", features, "--target", "all"],
                        cwd=ROOT, capture_output=True, text=True)
                    if tree.stdout.strip():
                        findings.append(f"{a['id']} is accepted as not compiled, but the {features} build uses {a['crate']}")
    base = os.path.join(ROOT, "audit", "advisories")
    for crate in sorted(os.listdir(base)) if os.path.isdir(base) else []:
        for name in sorted(os.listdir(os.path.join(base, crate))):
            text = open(os.path.join(base, crate, name), encoding="utf-8").read()
            m = re.search(r"```toml\n(.*?)```", text, re.S)
            if not m:
                continue
            doc = tomllib.loads(m.group(1))
            title = re.search(r"^# (.+)$", text[m.end():], re.M)
            adv, ranges = doc.get("advisory", {}), doc.get("versions", {})
            if adv.get("withdrawn"):
                continue
            safe = ranges.get("patched", []) + ranges.get("unaffected", [])
            for version in versions.get(adv.get("package", crate), []):
                tried += 1
                if any(matches(version, r) for r in safe):
                    continue
                what = f"{adv['id']} {crate} {version}: {(title.group(1) if title else '')[:70]}"
                if adv["id"] in accepted:
                    warnings.append(f"accepted {what} — {accepted[adv['id']]}")
                elif adv.get("informational"):
                    warnings.append(f"{adv['informational']}: {what}")
                else:
                    findings.append(what)
    row(f"dependencies (Cargo.lock against {sum(len(v) for v in versions.values())} crates' RustSec advisories)", tried, findings)
    for w in warnings:
        print(f"note: {w}")


def check_cargo_audit():
    if not shutil.which("cargo-audit"):
        row("cargo audit (Cargo.lock)", 0, ["cargo-audit is not installed (cargo install cargo-audit --locked)"])
        return
    accepted = []
    path = os.path.join(ROOT, "audit-accepted.toml")
    if os.path.exists(path):
        accepted = re.findall(r'^id = "([A-Z0-9-]+)"', open(path).read(), re.M)
    cmd = ["cargo", "audit", "--json", "--file", os.path.join(ROOT, "Cargo.lock")]
    for a in accepted:
        cmd += ["--ignore", a]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=900)
    try:
        report = json.loads(proc.stdout)
    except ValueError:
        row("cargo audit (Cargo.lock)", 0, [f"the advisory database could not be read: {(proc.stderr or '').strip()[-200:]}"])
        return
    vulns = report.get("vulnerabilities", {}).get("list", [])
    findings = [f"{v['advisory']['id']} {v['package']['name']} {v['package']['version']}: {v['advisory']['title']}" for v in vulns]
    row(f"cargo audit (Cargo.lock; {len(accepted)} accepted in audit-accepted.toml)",
        report.get("lockfile", {}).get("dependency-count", 0), findings)


def refresh_advisories(clone):
    """Copies the advisories of the crates in Cargo.lock from a clone of advisory-db."""
    import tomllib

    names = {p["name"] for p in tomllib.load(open(os.path.join(ROOT, "Cargo.lock"), "rb"))["package"]}
    out = os.path.join(ROOT, "audit", "advisories")
    shutil.rmtree(out, ignore_errors=True)
    for crate in sorted(os.listdir(os.path.join(clone, "crates"))):
        if crate in names:
            shutil.copytree(os.path.join(clone, "crates", crate), os.path.join(out, crate))
    print(f"advisories of {len(os.listdir(out))} crates copied; note the commit in audit/README.md")


def main():
    global PORT
    if len(sys.argv) == 3 and sys.argv[1] == "--refresh-advisories":
        refresh_advisories(sys.argv[2])
        return
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--site-root", default=os.path.join(ROOT, "target", "site"))
    ap.add_argument("--fast", action="store_true")
    args = ap.parse_args()
    routes = json.loads(subprocess.run([args.bin, "routes"], capture_output=True, check=True, text=True).stdout)
    server = Server(args.bin, args.site_root)
    PORT = server.port
    try:
        server.start()
        member, _ = account(server, "audit-member@example.ua")
        _, secret = account(server, "audit-2fa@example.ua", second_factor=True)
        account(server, "audit-lock@example.ua")
        editor, _ = account(server, "audit-editor@example.ua")
        server.sql("INSERT INTO editors (user_id, community_code, created_at) SELECT u.id, c.code, 0 FROM users u, communities c WHERE u.email = 'audit-editor@example.ua' AND c.slug = ?", (SLUG,))
        server.sql("DELETE FROM rate_limits")
        check_headers(server, member, routes)
        check_redirects(server, None, secret)
        server.sql("DELETE FROM rate_limits")
        check_corpus(server, member, routes)
        server.sql("DELETE FROM rate_limits")
        check_stored_script(server, editor)
        server.sql("DELETE FROM rate_limits")
        check_guessing(server, secret)
        server.sql("DELETE FROM rate_limits")
        check_token_reuse(server)
        check_uploads(server, editor)
        if not args.fast:
            check_slow_clients(server)
            check_schemathesis(server)
        check_log(server)
    finally:
        server.stop()
    check_advisories()
    if not args.fast and shutil.which("cargo-audit"):
        check_cargo_audit()
    total = print_table()
    sys.exit(1 if total else 0)


if __name__ == "__main__":
    main()
