#!/usr/bin/env python3
"""Lighthouse 12.2.3 (npm, mobile emulation) on every public page of a fresh server with the
demonstration cards: accessibility, best practices and SEO must each score 100. Prints one
line per page and, for a page below 100, the audits that failed; exits non-zero then.
The JSON reports are kept in $CARGO_TARGET_DIR/lighthouse/ (target/lighthouse/).

Performance is not judged here: it depends on the machine (`make bench` measures speed
beside a baseline instead)."""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CATEGORIES = ["accessibility", "best-practices", "seo"]

# Every public page kind, some in another language than English.
PAGES = [
    ("home-uk", "/"),
    ("home", "/en"),
    ("catalogue", "/en/communities"),
    ("catalogue-map", "/en/communities?view=map"),
    ("catalogue-near", "/de/communities?near=L%C3%BCneburg"),
    ("card", "/en/c/hoshchanska"),
    ("card-pl", "/pl/c/lvivska"),
    ("official-only", "/en/c/dubenska"),
    ("shortlist", "/en/shortlist"),
    ("request", "/en/partner"),
    ("community-request", "/en/c/hoshchanska/partner"),
    ("registry", "/sv/partnerships"),
    ("registry-map", "/en/partnerships?view=map"),
    ("statistics", "/de/stats"),
    ("municipality", "/pl/m/DE/lueneburg"),
    ("about", "/en/about"),
    ("privacy", "/en/privacy"),
    ("imprint", "/fr/imprint"),
    ("accessibility", "/en/accessibility"),
    ("sign-in", "/en/account/signin"),
]


def wait_healthy(base: str, server: subprocess.Popen) -> None:
    deadline = time.time() + 120
    while time.time() < deadline:
        if server.poll() is not None:
            sys.exit(f"the server stopped (exit {server.returncode})")
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    sys.exit("the server did not answer /healthz within 120 s")


# Pages that ask search engines not to index them (forms that take personal data, the
# account's pages): their robots meta tag is meant, so SEO's "is-crawlable" is not held
# against them; every other SEO audit is.
NOINDEX = {"request", "community-request", "sign-in"}


def failed_audits(report: dict, category: str, ignored: set[str]) -> list[str]:
    refs = report["categories"][category]["auditRefs"]
    out = []
    for ref in refs:
        audit = report["audits"].get(ref["id"], {})
        if ref["id"] in ignored:
            continue
        if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 1:
            out.append(f"{ref['id']}: {audit.get('title', '')}")
    return out


def main() -> int:
    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--bin", default=str(target / "debug" / "cities4cities"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("LIGHTHOUSE_PORT", 3300)))
    parser.add_argument("pages", nargs="*", help="only these pages (by name)")
    args = parser.parse_args()
    pages = [(n, p) for n, p in PAGES if not args.pages or n in args.pages]

    out_dir = target / "lighthouse"
    out_dir.mkdir(parents=True, exist_ok=True)
    base = f"http://127.0.0.1:{args.port}"
    work = tempfile.mkdtemp(prefix="c4c-lighthouse-")
    env = dict(
        os.environ,
        LEPTOS_SITE_ADDR=f"127.0.0.1:{args.port}",
        LEPTOS_SITE_ROOT=str(ROOT / "target" / "site"),
        DATABASE_URL=f"sqlite://{work}/lighthouse.db",
        DATA_DIR=f"{work}/data",
        PUBLIC_URL=base,
        C4C_CONFIG=str(ROOT / "Leptos.toml"),
        DEMO_CONTENT="1",
        RUST_LOG="warn",
    )
    lighthouse = ROOT / "node_modules" / ".bin" / "lighthouse"
    chrome = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    server = subprocess.Popen([args.bin], env=env, cwd=ROOT, stdout=subprocess.DEVNULL)
    failures = 0
    try:
        wait_healthy(base, server)
        print(f"{'page':<20} {'a11y':>5} {'bp':>5} {'seo':>5}  address")
        for name, path in pages:
            report_path = out_dir / f"{name}.json"
            run = subprocess.run(
                [
                    str(lighthouse),
                    base + path,
                    "--quiet",
                    "--form-factor=mobile",
                    f"--only-categories={','.join(CATEGORIES)}",
                    f"--chrome-path={chrome}",
                    "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
                    "--output=json",
                    f"--output-path={report_path}",
                ],
                capture_output=True,
                text=True,
                timeout=240,
            )
            if run.returncode != 0:
                print(f"{name:<20} lighthouse failed: {run.stderr.strip()[-500:]}")
                failures += 1
                continue
            report = json.loads(report_path.read_text())
            ignored = set()
            if name in NOINDEX:
                # The page must really say noindex: is-crawlable fails for that reason only.
                crawlable = report["audits"]["is-crawlable"]
                if crawlable.get("score") == 1:
                    print(f"{name:<20} is meant to be noindex but is crawlable")
                    failures += 1
                ignored.add("is-crawlable")
            scores = [report["categories"][c]["score"] for c in CATEGORIES]
            shown = ["-" if s is None else str(round(s * 100)) for s in scores]
            note = "  (noindex: is-crawlable not judged)" if ignored else ""
            print(f"{name:<20} {shown[0]:>5} {shown[1]:>5} {shown[2]:>5}  {path}{note}")
            for category in CATEGORIES:
                failed = failed_audits(report, category, ignored)
                if report["categories"][category]["score"] is None or failed:
                    failures += 1
                    for line in failed:
                        print(f"    {category}: {line}")
    finally:
        server.terminate()
        server.wait(timeout=30)
    if failures:
        print(f"Lighthouse: {failures} score(s) below 100 (reports in {out_dir})")
        return 1
    print(
        f"Lighthouse: every page scores 100 in {', '.join(CATEGORIES)} (the noindex pages: every"
        f" SEO audit but is-crawlable passes); reports in {out_dir}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
