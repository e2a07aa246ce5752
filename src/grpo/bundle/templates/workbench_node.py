#!/usr/bin/env python3
"""The two roles of a run whose rollouts come from a `trl vllm-serve` server (standard library only).

    python3 workbench_node.py serve --done-port P -- trl vllm-serve ...
        runs the server until the training side reports its exit code on port P (POST /done,
        {"exit_code": N}), then stops it and exits with that code; exits 1 at once if the
        server dies first. Without this, a SkyPilot job whose node 0 serves forever never ends.
    python3 workbench_node.py train --health URL [--done URL] -- accelerate launch ...
        waits for the server's /health/, runs training, stops it (exit 1) when the server stops
        answering, and reports the exit code to --done (the training side's first node only).

WORKBENCH_NODE_POLL_SECONDS (default 5), WORKBENCH_NODE_MISSES (default 6) and
WORKBENCH_VLLM_WAIT_SECONDS (default 1800) tune the polling.
"""

import argparse
import json
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

POLL = float(os.environ.get("WORKBENCH_NODE_POLL_SECONDS", "5"))
MISSES = int(os.environ.get("WORKBENCH_NODE_MISSES", "6"))
WAIT = float(os.environ.get("WORKBENCH_VLLM_WAIT_SECONDS", "1800"))


def say(msg):
    print("[workbench_node] " + msg, file=sys.stderr, flush=True)


def healthy(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.status == 200
    except Exception:
        return False


def stop(child):
    """SIGTERM to the child's process group, SIGKILL after 30 s."""
    if child.poll() is not None:
        return
    try:
        os.killpg(child.pid, signal.SIGTERM)
        child.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(child.pid, signal.SIGKILL)
        child.wait()
    except ProcessLookupError:
        pass


def serve(port, cmd):
    reported = {}

    class Done(BaseHTTPRequestHandler):
        def do_POST(self):
            if self.path != "/done":
                self.send_response(404)
                self.end_headers()
                return
            n = int(self.headers.get("content-length") or 0)
            try:
                reported["code"] = int(json.loads(self.rfile.read(n) or b"{}").get("exit_code", 1))
            except (ValueError, TypeError):
                reported["code"] = 1
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *_):
            pass

    httpd = ThreadingHTTPServer(("0.0.0.0", port), Done)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    server = subprocess.Popen(cmd, start_new_session=True)
    say("vLLM server started (pid %d); waiting for training to report on port %d" % (server.pid, port))
    signal.signal(signal.SIGTERM, lambda *_: (stop(server), sys.exit(143)))
    while "code" not in reported:
        if server.poll() is not None:
            say("the vLLM server exited (%s) before training finished" % server.returncode)
            httpd.shutdown()
            return 1
        time.sleep(min(POLL, 1.0))
    say("training reported exit code %d: stopping the vLLM server" % reported["code"])
    stop(server)
    httpd.shutdown()
    return reported["code"]


def report(url, code):
    for _ in range(10):
        try:
            req = urllib.request.Request(url, data=json.dumps({"exit_code": code}).encode(), headers={"content-type": "application/json"}, method="POST")
            with urllib.request.urlopen(req, timeout=10):
                return
        except Exception:
            time.sleep(POLL)
    say("could not report the exit code to %s (the server node may already be gone)" % url)


def train(health, done, cmd):
    deadline = time.time() + WAIT
    while not healthy(health):
        if time.time() > deadline:
            say("the vLLM server at %s did not answer within %.0f s" % (health, WAIT))
            if done:
                report(done, 1)
            return 1
        time.sleep(POLL)
    child = subprocess.Popen(cmd, start_new_session=True)
    signal.signal(signal.SIGTERM, lambda *_: (stop(child), sys.exit(143)))
    misses = 0
    code = None
    while child.poll() is None:
        time.sleep(POLL)
        misses = 0 if healthy(health) else misses + 1
        if misses >= MISSES:
            say("the vLLM server stopped answering (%d checks): stopping training" % misses)
            stop(child)
            code = 1
    code = child.returncode if code is None else code
    if done:
        report(done, code)
    return code


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="role", required=True)
    s = sub.add_parser("serve")
    s.add_argument("--done-port", type=int, required=True)
    t = sub.add_parser("train")
    t.add_argument("--health", required=True)
    t.add_argument("--done")
    argv = sys.argv[1:]
    if "--" not in argv:
        ap.error("give the command after --")
    i = argv.index("--")
    args, cmd = ap.parse_args(argv[:i]), argv[i + 1:]
    if not cmd:
        ap.error("give the command after --")
    return serve(args.done_port, cmd) if args.role == "serve" else train(args.health, args.done, cmd)


if __name__ == "__main__":
    sys.exit(main())
