#!/usr/bin/env python3
"""Reads an image back from a registry and checks what an operator relies on.

1. Its configuration: a non-root user, an entrypoint that starts the Quarkus application, the
   API port 8080 and the management port 9000 exposed.
2. That it runs: its layers are unpacked into a directory, and (as root) its entrypoint is started
   inside that root filesystem with chroot as the image's user, in the prod profile with test
   secrets, against a database of its own; the check waits for /q/health/live. A container
   runtime would do the same with namespaces; this needs none.

Usage: check_image.py <registry host:port> <repository> <tag>
"""
import gzip
import io
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tarfile
import tempfile
import time
import urllib.request

MANIFEST_TYPES = ", ".join([
    "application/vnd.oci.image.manifest.v1+json",
    "application/vnd.docker.distribution.manifest.v2+json",
])


def get(url, accept=None):
    request = urllib.request.Request(url, headers={"Accept": accept} if accept else {})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.read()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fail(message):
    print(f"[images] {message}", file=sys.stderr)
    sys.exit(1)


def main():
    registry, repository, tag = sys.argv[1:4]
    base = f"http://{registry}/v2/{repository}"
    manifest = json.loads(get(f"{base}/manifests/{tag}", MANIFEST_TYPES))
    config = json.loads(get(f"{base}/blobs/{manifest['config']['digest']}"))["config"]
    name = f"{registry}/{repository}:{tag}"

    user = str(config.get("User", ""))
    if user in ("", "0", "root") or user.startswith("0:") or user.startswith("root:"):
        fail(f"{name} runs as root (User={user!r})")
    entrypoint = config.get("Entrypoint") or []
    if not any("quarkus-run.jar" in part for part in entrypoint + (config.get("Cmd") or [])):
        fail(f"{name} has no entrypoint starting quarkus-run.jar: {entrypoint}")
    ports = set(config.get("ExposedPorts", {}))
    for port in ("8080/tcp", "9000/tcp"):
        if port not in ports:
            fail(f"{name} does not expose {port}: {sorted(ports)}")
    print(f"[images] {name}: user {user}, entrypoint {' '.join(entrypoint)}, ports {', '.join(sorted(ports))}")

    if os.geteuid() != 0:
        print("[images] not root: skipping the start inside the image's root filesystem")
        return
    root = tempfile.mkdtemp(prefix="flowlens-image-")
    os.chmod(root, 0o755)  # the new "/" must be traversable by the image's user
    process = None
    database = None
    try:
        for layer in manifest["layers"]:
            data = get(f"{base}/blobs/{layer['digest']}")
            if data[:2] == b"\x1f\x8b":
                data = gzip.decompress(data)
            with tarfile.open(fileobj=io.BytesIO(data)) as tar:
                tar.extractall(root, numeric_owner=True, filter="fully_trusted")
        for d in ("proc", "dev", "tmp"):
            os.makedirs(os.path.join(root, d), exist_ok=True)
        os.chmod(os.path.join(root, "tmp"), 0o1777)

        module = repository.split("/")[-1]
        database = f"flowlens_{module.replace('-service', '')}_image"
        subprocess.run(["runuser", "-u", "postgres", "--", "psql", "-qc", f"drop database if exists {database} with (force)"], check=True)
        subprocess.run(["runuser", "-u", "postgres", "--", "psql", "-qc",
                        f"create database {database} owner flowlens"], check=True)
        port, management = free_port(), free_port()
        env = dict(config_env(config), FLOWLENS_PORT=str(port), QUARKUS_MANAGEMENT_PORT=str(management),
                   FLOWLENS_DB_HOST="127.0.0.1", FLOWLENS_DB_NAME=database,
                   FLOWLENS_DB_PASSWORD=os.environ.get("FLOWLENS_DB_PASSWORD", "flowlens"),
                   FLOWLENS_IDENTITY_SECRET=secrets.token_hex(32), FLOWLENS_ADMIN_KEY="flk_" + secrets.token_hex(24),
                   FLOWLENS_SECRET_KEY="ZTJlLWFlcy1rZXktb2YtdGhpcnR5LXR3by1ieXRlcyE=", FLOWLENS_OTEL_DISABLED="true")
        workdir = config.get("WorkingDir", "/")
        uid = user.split(":")[0]
        # No shell in the image: util-linux's unshare enters the root filesystem itself, in new
        # mount and PID namespaces with its own /proc, as the image's user and working directory.
        command = ["unshare", "--mount", "--pid", "--fork", "--mount-proc", f"--root={root}", f"--wd={workdir}",
                   f"--setuid={uid}", f"--setgid={uid}"] + entrypoint + (config.get("Cmd") or [])
        log = open(os.path.join(tempfile.gettempdir(), f"flowlens-image-{module}.log"), "w")
        process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT, cwd=root)
        deadline = time.time() + 120
        while time.time() < deadline:
            if process.poll() is not None:
                fail(f"{name} exited with {process.returncode} inside its root filesystem; see {log.name}")
            try:
                if json.loads(get(f"http://127.0.0.1:{management}/q/health/live")).get("status") == "UP":
                    print(f"[images] {name}: started as user {uid} inside its own root filesystem, live")
                    return
            except OSError:
                pass
            time.sleep(1)
        fail(f"{name} not live within 120 s; see {log.name}")
    finally:
        if process and process.poll() is None:
            stop(process)
        shutil.rmtree(root, ignore_errors=True)
        if database:
            subprocess.run(["runuser", "-u", "postgres", "--", "psql", "-qc",
                            f"drop database if exists {database} with (force)"], stderr=subprocess.DEVNULL)


def stop(process):
    """Stops the service started under unshare. unshare ignores SIGTERM while it waits for its
    child, and a parent-death signal does not survive the change of user, so the service (the
    first process of its PID namespace, a child of unshare) is stopped itself; unshare then exits."""
    children = subprocess.run(["pgrep", "-P", str(process.pid)], capture_output=True, text=True).stdout.split()
    for sig in ("TERM", "KILL"):
        for child in children:
            subprocess.run(["kill", f"-{sig}", child], stderr=subprocess.DEVNULL)
        try:
            process.wait(20)
            return
        except subprocess.TimeoutExpired:
            continue
    process.kill()


def config_env(config):
    env = {"PATH": "/usr/bin:/bin"}
    for entry in config.get("Env", []):
        key, _, value = entry.partition("=")
        env[key] = value
    return env


if __name__ == "__main__":
    main()
