"""Fetch pinned npm packages for the book and its browser tests, checked against their integrity.

The course vendors no JavaScript: what the built book or the browser tests need from npm is
listed in PACKAGES below (name, version and the registry's sha512 integrity), fetched with
``npm pack`` into ``.cache/npm`` (ignored by git) the first time, verified, and unpacked there.

    from npm_assets import package_dir
    root = package_dir("requirejs")       # .cache/npm/requirejs-2.3.8/package

Run as a script it fetches every package: ``python scripts/npm_assets.py``.
"""
from __future__ import annotations

import base64
import hashlib
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".cache" / "npm"

# name -> (version, integrity as the registry publishes it: `npm view NAME@VERSION dist.integrity`)
PACKAGES = {
    "@jupyter-widgets/html-manager": (
        "1.0.15",
        "sha512-5thBIV6ymNgmPVOHvzx+gGy8ZSKmSazhtGw4/c4xJDVzRhG9PTeQsRjF3FUTopvFi//SABeNz1yp47bCrJ3CQA=="),
    "requirejs": (
        "2.3.8",
        "sha512-7/cTSLOdYkNBNJcDMWf+luFvMriVm7eYxp4BcFCsAX0wF421Vyce5SXP17c+Jd5otXKGNehIonFlyQXSowL6Mw=="),
}


class AssetError(RuntimeError):
    """A package could not be fetched or did not match its pinned integrity."""


def _integrity(path: Path) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(path.read_bytes()).digest()).decode()


def package_dir(name: str) -> Path:
    """The unpacked ``package/`` folder of a pinned npm package, fetched on first use."""
    if name not in PACKAGES:
        raise AssetError(f"{name} is not pinned in scripts/npm_assets.py")
    version, integrity = PACKAGES[name]
    target = CACHE / f"{name.replace('@', '').replace('/', '-')}-{version}"
    if (target / "package").is_dir():
        return target / "package"
    npm = shutil.which("npm")
    if npm is None:
        raise AssetError(f"npm is needed once to fetch {name}@{version} (install Node.js)")
    download = target.with_name(target.name + ".download")
    shutil.rmtree(download, ignore_errors=True)
    download.mkdir(parents=True)
    try:
        result = subprocess.run([npm, "pack", f"{name}@{version}", "--silent"], cwd=download,
                                capture_output=True, text=True, timeout=300)
        tarballs = list(download.glob("*.tgz"))
        if result.returncode != 0 or len(tarballs) != 1:
            raise AssetError(f"npm pack {name}@{version} failed: {result.stderr.strip()[-500:]}")
        if _integrity(tarballs[0]) != integrity:
            raise AssetError(f"{name}@{version}: the tarball does not match its pinned integrity")
        with tarfile.open(tarballs[0]) as tar:
            tar.extractall(download / "unpacked", filter="data")
        shutil.rmtree(target, ignore_errors=True)
        (download / "unpacked").rename(target)
    finally:
        shutil.rmtree(download, ignore_errors=True)
    return target / "package"


if __name__ == "__main__":
    for package in PACKAGES:
        print(package, "->", package_dir(package).relative_to(ROOT))
    sys.exit(0)
