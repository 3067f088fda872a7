"""A throwaway PostgreSQL server for the tests: Debian's `postgresql` package (installed by `.ci/run`), a data
folder of its own in a fresh temporary folder, reached only through a Unix socket in that folder (no TCP port),
trust authentication for its one user, stopped and removed at the end.

PostgreSQL refuses to run as root: as root the server runs as the `postgres` user the package made (else
`nobody`), which owns the folder; the tests, as root, still reach its socket.
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

#: Where Debian installs each major version's programs (not on PATH: /usr/lib/postgresql/<version>/bin).
DEBIAN_BINARIES = "/usr/lib/postgresql/*/bin"


def binaries() -> Path | None:
    """The folder of `initdb` and `pg_ctl`: Debian's newest version, else whatever PATH has; None if neither."""
    debian = sorted(Path("/").glob(DEBIAN_BINARIES.lstrip("/")), key=lambda p: int(p.parent.name)
                    if p.parent.name.isdigit() else 0)
    for folder in reversed(debian):
        if (folder / "initdb").is_file() and (folder / "pg_ctl").is_file():
            return folder
    initdb = shutil.which("initdb")
    return Path(initdb).resolve().parent if initdb and shutil.which("pg_ctl") else None


def server_user() -> str | None:
    """The user the server runs as: None (this one) unless this is root, then `postgres`, else `nobody`."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
            return name
        except KeyError:
            continue
    raise RuntimeError("running as root, and neither a postgres nor a nobody user to run PostgreSQL as")


@dataclass
class Server:
    folder: Path  # the data folder (data/), the socket, the server's log
    user: str  # the database superuser: the name of the system user the server runs as
    bin: Path
    run_as: str | None

    def url(self, database: str) -> str:
        """The SQLAlchemy URL of one database (psycopg 3), through the server's Unix socket."""
        return f"postgresql+psycopg://{self.user}@/{database}?host={self.folder}"

    def create_database(self, name: str) -> str:
        """Make an empty database; return its URL."""
        import psycopg

        with psycopg.connect(host=str(self.folder), user=self.user, dbname="postgres", autocommit=True) as db:
            db.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def query(self, database: str, sql: str) -> list[tuple]:
        """The rows of one query, straight from the server (not through nbgrader)."""
        import psycopg

        with psycopg.connect(host=str(self.folder), user=self.user, dbname=database) as db:
            return db.execute(sql).fetchall()

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.folder / "data"), "-m", "immediate", "-w", "stop", check=False)
        shutil.rmtree(self.folder, ignore_errors=True)

    def _run(self, program: str, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        command = [str(self.bin / program), *args]
        if self.run_as:
            command = ["runuser", "-u", self.run_as, "--", *command]
        proc = subprocess.run(command, capture_output=True, text=True, cwd=self.folder)
        if check and proc.returncode != 0:
            log = self.folder / "server.log"
            tail = log.read_text()[-2000:] if log.is_file() else ""
            raise RuntimeError(f"{program} exited {proc.returncode}: {proc.stdout}{proc.stderr}{tail}")
        return proc


def start() -> Server:
    """Start a fresh server (initdb, then pg_ctl start, waiting until it accepts connections)."""
    bin = binaries()
    if bin is None:
        raise FileNotFoundError("PostgreSQL is not installed (Debian: apt-get install -y postgresql)")
    run_as = server_user()
    # a short path: a Unix socket's path is limited to about 100 characters
    folder = Path(tempfile.mkdtemp(prefix="mlmath-pg-", dir="/tmp"))
    # open to every user, as a socket under /tmp or /var/run/postgresql is: only the sandbox (a private /tmp,
    # no network) keeps a student's code from it, so a test can tell that the sandbox does (data/ stays 0700)
    folder.chmod(0o755)
    if run_as:
        entry = pwd.getpwnam(run_as)
        os.chown(folder, entry.pw_uid, entry.pw_gid)
    user = run_as or pwd.getpwuid(os.geteuid()).pw_name
    server = Server(folder, user, bin, run_as)
    try:
        server._run("initdb", "-D", str(folder / "data"), "-U", user, "--auth=trust", "--no-sync",
                    "--encoding=UTF8", "--locale=C")
        options = f"-c listen_addresses='' -c unix_socket_directories='{folder}' -c fsync=off"
        server._run("pg_ctl", "-D", str(folder / "data"), "-l", str(folder / "server.log"), "-o", options,
                    "-w", "-t", "60", "start")
    except BaseException:
        server.stop()
        raise
    return server
