"""tests/cli/cdp.py — drive headless Chromium over the DevTools protocol on a
pipe (--remote-debugging-pipe: JSON messages ending in NUL on fds 3 and 4, no
extra Python module): open the verification page, fill the form as a person
would, press the button, and read the result the page shows.

    python3 cdp.py CHROMIUM PROFILE_DIR URL NUMBER NAME [NUMBER NAME ...]

Prints one JSON object per pair: {"status": data-status of #result,
"text": its text, "url": the address after submitting, "title": ...}.
Exits 2 when Chromium cannot be driven.
"""
import json
import os
import signal
import subprocess
import sys
import time


def main():
    chromium, profile, url = sys.argv[1:4]
    pairs = list(zip(sys.argv[4::2], sys.argv[5::2]))
    to_chrome_r, to_chrome_w = os.pipe()
    from_chrome_r, from_chrome_w = os.pipe()

    def child_fds():
        # Move both ends out of the way first, then onto fds 3 and 4 (dup2
        # leaves them inheritable; the originals close on exec).
        r = os.dup(to_chrome_r)
        w = os.dup(from_chrome_w)
        r2, w2 = os.dup2(r, 100), os.dup2(w, 101)
        os.dup2(r2, 3)
        os.dup2(w2, 4)
        os.close(r2)
        os.close(w2)

    env = dict(os.environ, HOME=profile)
    proc = subprocess.Popen(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--remote-debugging-pipe",
         "about:blank"],
        preexec_fn=child_fds, close_fds=False, env=env,
        stdout=subprocess.DEVNULL, stderr=open(os.path.join(profile, "chromium.err"), "wb"))
    os.close(to_chrome_r)
    os.close(from_chrome_w)
    wfile = os.fdopen(to_chrome_w, "wb", buffering=0)
    rfile = os.fdopen(from_chrome_r, "rb", buffering=0)
    buf = bytearray()
    events = []
    next_id = [0]

    def read_message(deadline):
        while True:
            i = buf.find(b"\0")
            if i >= 0:
                msg = json.loads(bytes(buf[:i]).decode("utf-8"))
                del buf[:i + 1]
                return msg
            if time.time() > deadline:
                raise TimeoutError("no answer from chromium")
            chunk = rfile.read(65536)
            if not chunk:
                raise EOFError("chromium closed the pipe")
            buf.extend(chunk)

    def call(method, params=None, session=None, timeout=20):
        next_id[0] += 1
        msg = {"id": next_id[0], "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        wfile.write(json.dumps(msg).encode("utf-8") + b"\0")
        deadline = time.time() + timeout
        while True:
            m = read_message(deadline)
            if m.get("id") == next_id[0]:
                if "error" in m:
                    raise RuntimeError("%s: %s" % (method, m["error"]))
                return m.get("result", {})
            events.append(m)

    def wait_event(name, session, timeout=20):
        deadline = time.time() + timeout
        while True:
            for k, m in enumerate(events):
                if m.get("method") == name and m.get("sessionId") == session:
                    del events[:k + 1]
                    return m
            events.clear()
            events.append(read_message(deadline))

    def evaluate(session, expr):
        r = call("Runtime.evaluate", {"expression": expr, "returnByValue": True}, session)
        return r.get("result", {}).get("value")

    signal.alarm(90)
    try:
        target = call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        call("Page.enable", session=session)
        # A phone's screen: 390 CSS pixels wide.
        call("Emulation.setDeviceMetricsOverride",
             {"width": 390, "height": 844, "deviceScaleFactor": 2, "mobile": True}, session)
        for number, name in pairs:
            events.clear()
            call("Page.navigate", {"url": url}, session)
            wait_event("Page.loadEventFired", session)
            # Type into the form as a person would, then press the button.
            evaluate(session, """(function(n, m){
                var f = document.getElementById('number'), g = document.getElementById('name');
                f.focus(); f.value = n; f.dispatchEvent(new Event('input', {bubbles: true}));
                g.focus(); g.value = m; g.dispatchEvent(new Event('input', {bubbles: true}));
                return true; })(%s, %s)""" % (json.dumps(number), json.dumps(name)))
            events.clear()
            evaluate(session, "document.querySelector('#verify button').click(), true")
            wait_event("Page.loadEventFired", session)
            out = evaluate(session, """JSON.stringify({
                status: (document.getElementById('result') || {dataset: {}}).dataset.status || null,
                text: (document.getElementById('result') || {innerText: ''}).innerText,
                url: location.href, title: document.title,
                width: document.documentElement.scrollWidth})""")
            print(out, flush=True)
        try:
            call("Browser.close", timeout=5)
        except Exception:
            pass
    except Exception as e:  # report and fail
        print("cdp: %s" % e, file=sys.stderr)
        proc.kill()
        proc.wait()
        return 2
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
