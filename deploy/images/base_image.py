#!/usr/bin/env python3
"""Writes a minimal Java runtime base image as a docker-archive tarball, from this machine alone.

Jib builds the services' images without a daemon, but it needs a base image, and a machine that
reaches no container registry cannot pull one. This assembles one from what the machine has:
a Java runtime made by jlink from the local JDK 17 (its jmods), the shared libraries that runtime
links against (found with ldd), the JDK's CA certificates, a non-root user 185 (the UID the
manifests run as) and a writable /tmp. Jib reads the result through quarkus.jib.base-jvm-image=
tar://<file>. For production, build FROM a maintained base image instead (deploy/README.md).

Usage: base_image.py <output.tar> [--jdk /usr/lib/jvm/java-17-openjdk-amd64]
"""
import argparse
import hashlib
import io
import json
import os
import shutil
import subprocess
import tarfile
import tempfile

# What Quarkus and its libraries use at run time (JDBC, TLS, JMX for Micrometer, DNS, logging,
# XML, scripting-free). Missing one shows up as a ClassNotFoundException at start, which the
# image check catches by starting the service inside the image's root filesystem.
MODULES = [
    "java.base", "java.compiler", "java.datatransfer", "java.desktop", "java.instrument",
    "java.logging", "java.management", "java.naming", "java.net.http", "java.prefs",
    "java.rmi", "java.scripting", "java.security.jgss", "java.security.sasl", "java.sql",
    "java.transaction.xa", "java.xml", "java.xml.crypto", "jdk.crypto.cryptoki", "jdk.crypto.ec",
    "jdk.jfr", "jdk.management", "jdk.naming.dns", "jdk.net", "jdk.unsupported", "jdk.zipfs",
]
USER, GROUP, HOME = 185, 185, "/home/jboss"


def run(*args):
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def libraries(paths):
    """Every shared library the ELF files link against, with the dynamic loader, resolved."""
    found = set()
    for path in paths:
        try:
            out = run("ldd", path)
        except subprocess.CalledProcessError:
            continue  # not dynamic
        for line in out.splitlines():
            parts = line.split()
            if "=>" in parts and len(parts) > parts.index("=>") + 1 and parts[parts.index("=>") + 1].startswith("/"):
                found.add(parts[parts.index("=>") + 1])
            elif parts and parts[0].startswith("/"):
                found.add(parts[0])
    return found


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("output")
    parser.add_argument("--jdk", default="/usr/lib/jvm/java-17-openjdk-amd64")
    args = parser.parse_args()

    work = tempfile.mkdtemp(prefix="flowlens-base-")
    try:
        root = os.path.join(work, "rootfs")
        java = os.path.join(root, "opt/java")
        os.makedirs(os.path.dirname(java))
        run(os.path.join(args.jdk, "bin/jlink"), "--module-path", os.path.join(args.jdk, "jmods"),
            "--add-modules", ",".join(MODULES), "--strip-debug", "--no-header-files", "--no-man-pages",
            "--output", java)
        # The JDK's trust store (Debian keeps it under /etc/ssl and links it): a real file in the image.
        cacerts = os.path.realpath(os.path.join(args.jdk, "lib/security/cacerts"))
        if os.path.exists(cacerts):
            shutil.copyfile(cacerts, os.path.join(java, "lib/security/cacerts"))

        elves = [os.path.join(d, f) for d, _, fs in os.walk(java) for f in fs
                 if f.endswith(".so") or d.endswith("/bin")]
        for lib in sorted(libraries(elves)):
            target = os.path.join(root, lib.lstrip("/"))
            os.makedirs(os.path.dirname(target), exist_ok=True)
            shutil.copy2(os.path.realpath(lib), target)
        for d in ("tmp", "etc", HOME.lstrip("/")):
            os.makedirs(os.path.join(root, d), exist_ok=True)
        with open(os.path.join(root, "etc/passwd"), "w") as f:
            f.write(f"root:x:0:0:root:/root:/sbin/nologin\njboss:x:{USER}:{GROUP}:jboss:{HOME}:/sbin/nologin\n")
        with open(os.path.join(root, "etc/group"), "w") as f:
            f.write(f"root:x:0:\njboss:x:{GROUP}:\n")
        with open(os.path.join(root, "etc/nsswitch.conf"), "w") as f:
            f.write("passwd: files\ngroup: files\nhosts: files dns\n")

        layer = io.BytesIO()
        with tarfile.open(fileobj=layer, mode="w", format=tarfile.PAX_FORMAT) as tar:
            def owned(info):
                info.uid, info.gid, info.uname, info.gname, info.mtime = 0, 0, "root", "root", 0
                if info.name == "tmp":
                    info.mode = 0o1777
                if info.name == HOME.lstrip("/"):
                    info.uid, info.gid = USER, GROUP
                return info
            for entry in sorted(os.listdir(root)):
                tar.add(os.path.join(root, entry), arcname=entry, filter=owned)
        layer_bytes = layer.getvalue()
        diff_id = "sha256:" + hashlib.sha256(layer_bytes).hexdigest()
        config = {
            "architecture": "amd64",
            "os": "linux",
            "config": {
                "Env": ["PATH=/opt/java/bin:/usr/bin:/bin", "JAVA_HOME=/opt/java", "LANG=C.UTF-8"],
                "User": str(USER),
                "WorkingDir": HOME,
            },
            "rootfs": {"type": "layers", "diff_ids": [diff_id]},
            "history": [{"created_by": "deploy/images/base_image.py (jlink " + ",".join(MODULES) + ")"}],
        }
        config_bytes = json.dumps(config, sort_keys=True).encode()
        manifest = [{"Config": "config.json", "RepoTags": ["flowlens/java-runtime:17"], "Layers": ["layer.tar"]}]
        os.makedirs(os.path.dirname(os.path.abspath(args.output)), exist_ok=True)
        with tarfile.open(args.output, "w") as out:
            for name, data in (("layer.tar", layer_bytes), ("config.json", config_bytes),
                               ("manifest.json", json.dumps(manifest).encode())):
                info = tarfile.TarInfo(name)
                info.size = len(data)
                out.addfile(info, io.BytesIO(data))
        print(f"[images] base image {args.output}: {len(layer_bytes) // (1024 * 1024)} MiB, {diff_id[:19]}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
