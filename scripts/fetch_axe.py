"""axe-core for the browser tests (``make e2e``), from the npm registry at a pinned version:
the tarball is checked against its published integrity hash before ``axe.min.js`` is taken out
of it into a git-ignored cache. It is only ever injected into test pages, never served.

    python scripts/fetch_axe.py VERSION INTEGRITY DESTINATION
"""

import base64
import hashlib
import io
import sys
import tarfile
import urllib.request
from pathlib import Path

REGISTRY = "https://registry.npmjs.org/axe-core/-/axe-core-{version}.tgz"


def fetch(version: str, integrity: str, destination: Path) -> None:
    if destination.exists():
        return
    algorithm, expected = integrity.split("-", 1)
    with urllib.request.urlopen(REGISTRY.format(version=version), timeout=60) as response:
        tarball = response.read()
    digest = base64.b64encode(hashlib.new(algorithm, tarball).digest()).decode()
    if digest != expected:
        sys.exit(f"axe-core {version}: integrity mismatch ({algorithm}-{digest})")
    with tarfile.open(fileobj=io.BytesIO(tarball), mode="r:gz") as archive:
        source = archive.extractfile("package/axe.min.js").read()
    destination.parent.mkdir(parents=True, exist_ok=True)
    destination.write_bytes(source)
    print(f"axe-core {version} checked ({algorithm}) into {destination}")


if __name__ == "__main__":
    fetch(sys.argv[1], sys.argv[2], Path(sys.argv[3]))
