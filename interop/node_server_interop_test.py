#!/usr/bin/env python3
"""Interop test: the real lwm2m-client against lwm2m-node-lib's LwM2M server.

Starts interop/node-server/server.js on a free loopback port, starts the
client with -u coap://127.0.0.1:PORT, checks the JSON line of every step the
server reports (register, read, write + Update, execute + Update,
write-attributes, observe, cancel), sends SIGTERM to the client and checks
the De-register and both exit statuses. Every wait is bounded; both
processes are killed whatever happens.

Usage: node_server_interop_test.py LWM2M_CLIENT NODE SERVER_JS LOG_DIR
"""
import json
import os
import queue
import signal
import socket
import subprocess
import sys
import threading
import time

ENDPOINT = "interop-node"
STEP_TIMEOUT_S = 10
# Steps in the order server.js reports them.
STEPS = ["listening", "register", "read", "write", "update-after-write", "execute",
         "update-after-execute", "observe-first-answer", "write-attributes", "observe", "observe-cancel",
         "awaiting-deregister", "deregister", "done"]


def free_udp_port():
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def read_lines(stream, lines):
    for line in stream:
        lines.put(line)
    lines.put(None)


def next_step(lines, deadline):
    """The next JSON step line from the server, or None at end of output or deadline."""
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return None
        try:
            line = lines.get(timeout=remaining)
        except queue.Empty:
            return None
        if line is None:
            return None
        line = line.strip()
        if not line.startswith("{"):
            continue  # library chatter; steps are JSON objects
        try:
            return json.loads(line)
        except json.JSONDecodeError:
            continue


def wait_exit(process, timeout_s):
    try:
        return process.wait(timeout=timeout_s)
    except subprocess.TimeoutExpired:
        return None


def stop(process):
    if process is not None and process.poll() is None:
        process.kill()
        process.wait(timeout=5)


def check_step(step, record):
    """An error message when a step's fields are not what the client should produce."""
    if step == "register":
        if record.get("ep") != ENDPOINT:
            return "endpoint %r" % record.get("ep")
        if str(record.get("lt")) != "30":
            return "lifetime %r" % record.get("lt")
        if record.get("lwm2m") not in ("1.2", "1.1", "1.0"):
            return "version %r" % record.get("lwm2m")
        links = record.get("links", "")
        for link in ("</1/0>", "</3/0>", "</3303/0>"):
            if link not in links:
                return "%s missing from %r" % (link, links)
        if "</0/" in links:
            return "Security object announced: %r" % links
    if step == "read" and not record.get("value"):
        return "empty /3/0/0"
    if step == "update-after-write" and str(record.get("lt")) != "45":
        return "Update lifetime %r" % record.get("lt")
    if step == "observe":
        values = [record.get("first")] + list(record.get("notifications", []))
        if len(values) < 3:
            return "too few values %r" % values
        for value in values:
            if not 10.0 <= float(value) <= 35.0:
                return "temperature out of the simulated range: %r" % value
    if step == "deregister" and record.get("ep") != ENDPOINT:
        return "de-registered %r" % record.get("ep")
    return None


def main():
    if len(sys.argv) != 5:
        print(__doc__, file=sys.stderr)
        return 2
    client_program, node, server_js, log_dir = sys.argv[1:]
    os.makedirs(log_dir, exist_ok=True)
    client_log_path = os.path.join(log_dir, "interop-node-client.log")
    server_log_path = os.path.join(log_dir, "interop-node-server.log")
    port = free_udp_port()
    server = client = None
    failures = []
    seen = []
    with open(server_log_path, "w") as server_log, open(client_log_path, "w") as client_log:
        try:
            server = subprocess.Popen(
                [node, "--no-warnings", server_js, "--port", str(port), "--endpoint", ENDPOINT,
                 "--step-timeout-ms", str(STEP_TIMEOUT_S * 1000)],
                stdout=subprocess.PIPE, stderr=server_log, text=True,
                cwd=os.path.dirname(os.path.abspath(server_js)))
            lines = queue.Queue()
            threading.Thread(target=read_lines, args=(server.stdout, lines), daemon=True).start()
            for step in STEPS:
                record = next_step(lines, time.monotonic() + STEP_TIMEOUT_S + 2)
                if record is None:
                    failures.append("no %r step from the server" % step)
                    break
                seen.append(record)
                if record.get("step") != step or record.get("ok") is not True:
                    failures.append("expected step %r, got %r" % (step, record))
                    break
                problem = check_step(step, record)
                if problem:
                    failures.append("%s: %s" % (step, problem))
                if step == "listening":
                    client = subprocess.Popen(
                        [client_program, "-u", "coap://127.0.0.1:%d" % port, "-e", ENDPOINT, "-l", "30", "-v"],
                        stdout=client_log, stderr=subprocess.STDOUT)
                if step == "awaiting-deregister":
                    client.send_signal(signal.SIGTERM)
            if not failures:
                status = wait_exit(client, STEP_TIMEOUT_S)
                if status != 0:
                    failures.append("lwm2m-client exit status %r after SIGTERM" % status)
                status = wait_exit(server, STEP_TIMEOUT_S)
                if status != 0:
                    failures.append("server exit status %r" % status)
        finally:
            stop(client)
            stop(server)
    for record in seen:
        print(json.dumps(record))
    if failures:
        for failure in failures:
            print("FAIL: " + failure)
        for title, log_path in (("lwm2m-client", client_log_path), ("node server stderr", server_log_path)):
            print("--- %s log (%s) ---" % (title, log_path))
            with open(log_path) as log:
                sys.stdout.write(log.read()[-8000:])
        return 1
    print("PASS: lwm2m-client interoperates with lwm2m-node-lib")
    return 0


if __name__ == "__main__":
    sys.exit(main())
