"""The Debian package (docs/operations.md, "Debian package"), built with CPack from the build this
test runs in (the debug build's binary under `make test`, stripped), and inspected, never
installed: its contents against the list in docs/operations.md, lintian, systemd-analyze verify on
its unit, its conffile read by its binary, its control fields and maintainer scripts.

PACTUM_BUILD_DIR (the CMake build directory) and PACTUM_SOURCE_DIR come from ctest."""
import glob
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import unittest

BUILD = os.environ.get("PACTUM_BUILD_DIR", "build/debug")
SOURCE = os.environ.get("PACTUM_SOURCE_DIR", ".")
OPERATIONS = os.path.join(SOURCE, "docs", "operations.md")


def run(*args, check=True, **kw):
    p = subprocess.run(args, capture_output=True, text=True, timeout=600, **kw)
    if check and p.returncode != 0:
        raise AssertionError(f"{' '.join(args)} failed ({p.returncode}):\n{p.stdout}\n{p.stderr}")
    return p


def package_section():
    """docs/operations.md's "Debian package" section."""
    with open(OPERATIONS, encoding="utf-8") as f:
        text = f.read()
    start = text.index("\n## Debian package\n")
    end = text.index("\n## ", start + 1)
    return text[start:end]


class DebianPackage(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="pactum-package-")
        run("cpack", "--config", os.path.join(BUILD, "CPackConfig.cmake"), "-B", cls.tmp)
        debs = glob.glob(os.path.join(cls.tmp, "*.deb"))
        assert len(debs) == 1, debs
        cls.deb = debs[0]
        cls.root = os.path.join(cls.tmp, "root")
        cls.control = os.path.join(cls.tmp, "control")
        run("dpkg-deb", "--extract", cls.deb, cls.root)
        run("dpkg-deb", "--control", cls.deb, cls.control)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def test_the_name_says_the_version(self):
        self.assertRegex(os.path.basename(self.deb), r"^pactum_\d+\.\d+\.\d+-\d+_[a-z0-9]+\.deb$")

    def test_it_holds_exactly_what_operations_md_lists(self):
        block = re.search(r"What the package installs.*?```\n(.*?)```", package_section(), re.S)
        self.assertIsNotNone(block, "docs/operations.md: the list of what the package installs")
        documented = sorted(tuple(line.split()) for line in block.group(1).splitlines() if line)
        listed = []
        for line in run("dpkg-deb", "--contents", self.deb).stdout.splitlines():
            mode, owner, _size, _date, _time, path = line.split(None, 5)
            if not mode.startswith("d"):
                listed.append((mode, owner, path[1:] if path.startswith("./") else path))
        self.assertEqual(documented, sorted(listed))

    def test_lintian_finds_no_errors_and_every_warning_is_explained(self):
        # As root lintian only warns that it is root; it needs a home it can write (~/.cache).
        p = run("lintian", "--no-cfg", "--fail-on", "error", "--display-level", ">=warning", self.deb,
                check=False,
                env={**os.environ, "HOME": self.tmp})
        tags = [line.split() for line in p.stdout.splitlines() if re.match(r"^[EW]: ", line)]
        errors = [t for t in tags if t[0] == "E:"]
        self.assertEqual(errors, [], p.stdout + p.stderr)
        self.assertEqual(p.returncode, 0, p.stdout + p.stderr)  # 1: lintian failed, 2: an error
        explained = package_section()
        for t in tags:
            self.assertIn(f"`{t[2]}`", explained, f"lintian's warning {t[2]} is not explained in "
                          "docs/operations.md (\"Debian package\")")

    def test_systemd_analyze_verify_finds_nothing_wrong_with_the_unit(self):
        unit = os.path.join(self.root, "lib", "systemd", "system", "pactum.service")
        with open(unit, encoding="utf-8") as f:
            text = f.read()
        self.assertIn("ExecStart=/usr/bin/pactum serve --config /etc/pactum/pactum.yaml\n", text)
        for line in ["Type=notify", "User=pactum", "StateDirectory=pactum", "ProtectSystem=strict",
                     "NoNewPrivileges=yes", "Restart=on-failure", "ExecReload=/bin/kill -HUP $MAINPID"]:
            self.assertIn(line + "\n", text)
        # The package is not installed here: verify a copy whose ExecStart names the packaged
        # binary where it was unpacked (verify checks that it is executable), and whose
        # Documentation= man page is looked up in the package.
        copy_dir = os.path.join(self.tmp, "unit")
        os.makedirs(copy_dir, exist_ok=True)
        copy = os.path.join(copy_dir, "pactum.service")
        with open(copy, "w", encoding="utf-8") as f:
            f.write(text.replace("/usr/bin/pactum", os.path.join(self.root, "usr", "bin", "pactum")))
        p = run("systemd-analyze", "verify", copy, check=False,
                env={**os.environ, "MANPATH": os.path.join(self.root, "usr", "share", "man")})
        self.assertEqual((p.returncode, p.stdout, p.stderr), (0, "", ""))

    def test_the_conffile_is_marked_and_read_by_the_packaged_binary(self):
        with open(os.path.join(self.control, "conffiles")) as f:
            self.assertEqual(f.read().split(), ["/etc/pactum/pactum.yaml"])
        # The shipped settings start the packaged binary (data and listen moved for the test).
        binary = os.path.join(self.root, "usr", "bin", "pactum")
        config = os.path.join(self.root, "etc", "pactum", "pactum.yaml")
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        proc = subprocess.Popen([binary, "serve", "--config", config, "--listen", f"127.0.0.1:{port}",
                                 "--data", os.path.join(self.tmp, "data")],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            line = proc.stdout.readline()
            self.assertEqual(line, f"Pactum is serving on http://127.0.0.1:{port}\n")
        finally:
            proc.send_signal(signal.SIGTERM)
            _, err = proc.communicate(timeout=30)
        self.assertEqual(proc.returncode, 0, err)
        self.assertIn('"level":"info"', err, "log_level: info from the file")

    def test_the_control_fields_and_the_maintainer_scripts(self):
        fields = run("dpkg-deb", "--field", self.deb, "Package", "Depends", "Maintainer").stdout
        self.assertIn("Package: pactum\n", fields)
        depends = re.search(r"^Depends: (.*)$", fields, re.M).group(1)
        for needed in ["adduser", "tzdata", "libsystemd0", "libsqlite3-0"]:
            self.assertIn(needed, depends)
        for script in ["postinst", "prerm", "postrm"]:
            path = os.path.join(self.control, script)
            self.assertEqual(oct(os.stat(path).st_mode & 0o777), "0o755", script)
            run("sh", "-n", path)
        with open(os.path.join(self.control, "postinst")) as f:
            postinst = f.read()
        self.assertIn("adduser --system --group --home /var/lib/pactum", postinst)
        with open(os.path.join(self.control, "postrm")) as f:
            postrm = f.read()
        # The data directory and the user go on purge only.
        purge = postrm[postrm.index('if [ "$1" = "purge" ]'):]
        self.assertIn("rm -rf /var/lib/pactum", purge)
        self.assertIn("deluser --quiet --system pactum", purge)
        self.assertEqual(postrm.count("/var/lib/pactum"), purge.count("/var/lib/pactum"))


if __name__ == "__main__":
    unittest.main()
