"""What the bench scripts share: one HTTP call and the running dev stack's state file (./madoguchi up)."""
import json
import os
import urllib.error
import urllib.parse
import urllib.request

STATE_DIR = os.environ.get("MADOGUCHI_STATE_DIR",
                           os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "target", "devstack"))


def call(method, url, token=None, body=None, form=None, timeout=30):
    """(status, JSON body, the text where it is not JSON, or None when empty); HTTP errors are answers, not raised."""
    data, headers = None, {"Accept": "application/json"}
    if token:
        headers["Authorization"] = "Bearer " + token
    if body is not None:
        data, headers["Content-Type"] = json.dumps(body).encode(), "application/json"
    if form is not None:
        data = urllib.parse.urlencode(form).encode()
    req = urllib.request.Request(url, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            text = r.read().decode()
            if not text.strip():
                return r.status, None
            return r.status, (json.loads(text) if text.strip().startswith(("{", "[")) else text)
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def stack():
    """The running stack's state file as a dict (addresses, ports, generated passwords)."""
    path = os.path.join(STATE_DIR, "stack.properties")
    if not os.path.isfile(path):
        raise SystemExit(f"no running stack in {STATE_DIR}: is it up? ./madoguchi up")
    props = {}
    with open(path) as f:
        for line in f:
            if "=" in line and not line.startswith("#"):
                k, v = line.rstrip("\n").split("=", 1)
                props[k] = v.strip().replace("\\:", ":")
    return props


def stack_value(key):
    props = stack()
    if key not in props:
        raise SystemExit(f"{key} not in {STATE_DIR}/stack.properties: is the stack up? ./madoguchi up")
    return props[key]
