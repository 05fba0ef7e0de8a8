"""Desktop integration: one application id everywhere, the icon files, valid desktop files.

The validators (Debian's desktop-file-utils and appstream) run when installed; CI installs them.
"""

from __future__ import annotations

import ast
import configparser
import plistlib
import re
import shutil
import struct
import subprocess
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from sre_workshop import __version__

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
ICONS = ROOT / "resources" / "icons"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def app_id() -> str:
    match = re.search(r'^APP_ID = "([^"]+)"$', (ROOT / "ui" / "app.py").read_text(), re.M)
    assert match, "ui/app.py defines APP_ID"
    return match.group(1)


APP_ID = app_id()
DESKTOP_FILE = PACKAGING / "linux" / f"{APP_ID}.desktop"
METAINFO_FILE = PACKAGING / "linux" / f"{APP_ID}.metainfo.xml"


def desktop_entry(path: Path = DESKTOP_FILE) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keep the keys’ case
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


def metainfo() -> ET.Element:
    return ET.parse(METAINFO_FILE).getroot()


# --- one application id -------------------------------------------------------------------


def test_the_app_id_is_reverse_dns() -> None:
    assert re.fullmatch(r"[a-z][a-z0-9]*(\.[a-z][a-z0-9]*){2,}\.[A-Za-z][A-Za-z0-9]*", APP_ID)


def test_the_running_app_uses_the_app_id() -> None:
    pytest.importorskip("PySide6")
    from ui import app

    assert app.APP_ID == APP_ID


def test_desktop_file_is_named_after_the_app_id_and_uses_it_as_icon() -> None:
    assert DESKTOP_FILE.is_file()
    entry = desktop_entry()
    assert entry["Icon"] == APP_ID
    assert entry["Exec"] == "sre-workshop"
    assert entry["Type"] == "Application"
    assert entry["Name"] == "SRE Workshop"


def test_metainfo_id_launchable_and_binaries() -> None:
    root = metainfo()
    assert root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    launchable = root.find("launchable")
    assert launchable is not None and launchable.get("type") == "desktop-id"
    assert launchable.text == f"{APP_ID}.desktop"
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    scripts = {*pyproject["project"]["scripts"], *pyproject["project"]["gui-scripts"]}
    assert {binary.text for binary in root.iter("binary")} == scripts
    assert root.find("content_rating") is not None


def test_metainfo_has_release_notes_for_this_version() -> None:
    releases = metainfo().findall("releases/release")
    assert releases, "release notes are required"
    newest = releases[0]
    assert newest.get("version") == __version__
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", newest.get("date", ""))
    assert newest.find("description/p") is not None


def test_metainfo_screenshots_point_at_public_https_addresses_if_any() -> None:
    for image in metainfo().iter("image"):
        assert (image.text or "").startswith("https://"), image.text


def test_macos_info_plist_carries_the_app_id_and_version() -> None:
    with (PACKAGING / "macos" / "Info.plist").open("rb") as file:
        info = plistlib.load(file)
    assert info["CFBundleIdentifier"] == APP_ID
    assert info["CFBundleShortVersionString"] == __version__
    assert info["CFBundleVersion"] == __version__
    assert info["CFBundleExecutable"] == "sre-workshop"
    assert info["CFBundleIconFile"] == "sre-workshop.icns"


def test_windows_version_info_carries_the_version() -> None:
    text = (PACKAGING / "windows" / "version_info.txt").read_text(encoding="utf-8")
    numbers = tuple(int(part) for part in __version__.split("."))
    numbers += (0,) * (4 - len(numbers))
    assert f"filevers={numbers}" in text
    assert f"prodvers={numbers}" in text
    assert f"StringStruct('FileVersion', '{__version__}')" in text
    assert f"StringStruct('ProductVersion', '{__version__}')" in text
    # The file is one Python expression, as PyInstaller reads it.
    ast.parse("\n".join(line for line in text.splitlines() if not line.startswith("#")))


def test_the_menu_entry_installer_uses_the_app_id() -> None:
    script = (PACKAGING / "linux" / "install-desktop-entry.sh").read_text()
    assert f"\nAPP_ID={APP_ID}\n" in script


def test_the_spec_reads_the_app_id_and_version_from_their_one_source() -> None:
    spec = (PACKAGING / "pyinstaller" / "sre-workshop.spec").read_text()
    assert 'ROOT / "ui" / "app.py"' in spec and "APP_ID" in spec
    assert "CFBundleIdentifier=APP_ID" in spec
    assert (
        "pyinstaller --noconfirm --clean packaging/pyinstaller/sre-workshop.spec"
        in (ROOT / "Makefile").read_text()
    )


# --- the icon ----------------------------------------------------------------------------------


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@pytest.mark.parametrize("size", PNG_SIZES)
def test_icon_png_has_its_pixel_size(size: int) -> None:
    assert png_size(ICONS / f"sre-workshop-{size}.png") == (size, size)


def test_icon_svg_source_is_a_square_svg() -> None:
    root = ET.parse(ICONS / "sre-workshop.svg").getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("viewBox") == "0 0 512 512"


def test_windows_ico_holds_the_small_and_large_sizes() -> None:
    data = (ICONS / "sre-workshop.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind) == (0, 1)
    sizes = {data[6 + 16 * index] or 256 for index in range(count)}
    assert {16, 32, 48, 256} <= sizes


def test_macos_icns_is_an_icon_family() -> None:
    data = (ICONS / "sre-workshop.icns").read_bytes()
    assert data[:4] == b"icns"
    assert struct.unpack(">I", data[4:8])[0] == len(data)
    assert b"ic10" in data  # the 1024 px (512@2x) image


# --- the spec collects every resource folder -----------------------------------------------------


def spec_constant(name: str) -> tuple[str, ...]:
    tree = ast.parse((PACKAGING / "pyinstaller" / "sre-workshop.spec").read_text())
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id == name for target in node.targets
        ):
            value = ast.literal_eval(node.value)
            assert isinstance(value, tuple)
            return value
    raise AssertionError(f"{name} is not in the spec")


def test_the_spec_lists_every_resource_folder() -> None:
    required, optional = (
        spec_constant("RESOURCE_FOLDERS"),
        spec_constant("OPTIONAL_RESOURCE_FOLDERS"),
    )
    listed = {*required, *optional}
    present = {path.name for path in (ROOT / "resources").iterdir() if path.is_dir()}
    assert present <= listed, f"add {sorted(present - listed)} to the spec's RESOURCE_FOLDERS"


# --- the validators ------------------------------------------------------------------------------


def test_desktop_file_validates() -> None:
    validator = shutil.which("desktop-file-validate")
    if validator is None:
        pytest.skip("desktop-file-validate is not installed (Debian: desktop-file-utils)")
    result = subprocess.run([validator, str(DESKTOP_FILE)], capture_output=True, text=True)
    assert result.returncode == 0 and not (result.stdout + result.stderr).strip(), result


def test_metainfo_validates_strictly() -> None:
    validator = shutil.which("appstreamcli")
    if validator is None:
        pytest.skip("appstreamcli is not installed (Debian: appstream)")
    result = subprocess.run(
        [validator, "validate", "--no-net", "--strict", str(METAINFO_FILE)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


# --- the menu entry installer of the Linux build -------------------------------------------------


@pytest.fixture
def unpacked_build(tmp_path: Path) -> Path:
    """A folder laid out like dist/sre-workshop/, with a path that needs quoting."""
    folder = tmp_path / "Coach's apps" / "sre workshop"
    internal = folder / "_internal"
    shutil.copytree(ICONS, internal / "resources" / "icons")
    shutil.copy2(DESKTOP_FILE, internal)
    shutil.copy2(METAINFO_FILE, internal)
    shutil.copy2(PACKAGING / "linux" / "install-desktop-entry.sh", folder)
    program = folder / "sre-workshop"
    program.write_text("#!/bin/sh\n")
    program.chmod(0o755)
    return folder


def test_install_script_adds_and_removes_the_menu_entry(
    unpacked_build: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if shutil.which("sh") is None:
        pytest.skip("no POSIX shell")
    data_home = tmp_path / "share"
    monkeypatch.setenv("XDG_DATA_HOME", str(data_home))
    script = unpacked_build / "install-desktop-entry.sh"

    subprocess.run(["sh", str(script)], check=True, capture_output=True)

    installed = data_home / "applications" / f"{APP_ID}.desktop"
    entry = desktop_entry(installed)
    assert entry["Exec"] == f'"{unpacked_build}/sre-workshop"'
    assert "TryExec" not in entry
    assert entry["Icon"] == APP_ID
    for size in PNG_SIZES:
        icon = data_home / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        assert png_size(icon) == (size, size)
    assert (data_home / "icons/hicolor/scalable/apps" / f"{APP_ID}.svg").is_file()
    assert (data_home / "metainfo" / f"{APP_ID}.metainfo.xml").is_file()
    validator = shutil.which("desktop-file-validate")
    if validator is not None:
        result = subprocess.run([validator, str(installed)], capture_output=True, text=True)
        assert not (result.stdout + result.stderr).strip(), result

    subprocess.run(["sh", str(script), "--uninstall"], check=True, capture_output=True)

    assert not installed.exists()
    assert not list(data_home.rglob(f"{APP_ID}*"))
