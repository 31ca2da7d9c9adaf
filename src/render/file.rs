//! Writing one output file without losing data.
//!
//! [`write_file`] replaces a regular file whole or not at all: it writes a
//! temporary file beside it (`.glossator-XXXXXX`) and renames it over the
//! old one, so a reader never sees half a file and an interrupted run
//! leaves the old one intact. Around that:
//!
//! * a path that is a device, a FIFO or a socket (`/dev/null`, `/dev/stdout`,
//!   a named pipe) is written through, never replaced by a regular file;
//! * a symbolic link is followed, and its target replaced atomically, so
//!   the link stays a link (a link to a missing file is refused: creating
//!   files where a link points is not what anyone asked for);
//! * a new file gets the permissions the umask allows (`0666 & !umask`, as
//!   `>` in a shell gives), and a replaced one keeps its own;
//! * the temporary files being written are known, so that a signal handler
//!   can remove them with [`remove_temporary_files`] before the process
//!   dies.

use std::fs::Permissions;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

/// The temporary files being written now.
static TEMPORARY: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn temporary_files() -> MutexGuard<'static, Vec<PathBuf>> {
    // A panic while holding the lock leaves the list as good as before.
    TEMPORARY
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Writes the file at `path` with what `write` writes to it (see the
/// module documentation for devices, links and permissions).
///
/// ```
/// let dir = tempfile::tempdir()?;
/// let path = dir.path().join("glossary.md");
/// glossator::render::write_file(&path, |out| out.write_all(b"# Glossary\n"))?;
/// assert_eq!(std::fs::read(&path)?, b"# Glossary\n");
/// # Ok::<(), std::io::Error>(())
/// ```
pub fn write_file(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    // Links followed: `/dev/stdout` is a link to whatever stdout is.
    match std::fs::metadata(path) {
        Ok(metadata) if metadata.is_dir() => Err(io::Error::new(
            io::ErrorKind::IsADirectory,
            "is a folder, not a file",
        )),
        Ok(metadata) if !metadata.is_file() => write_through(path, write),
        Ok(metadata) => {
            let target = if is_link {
                std::fs::canonicalize(path)?
            } else {
                path.to_path_buf()
            };
            replace(&target, Some(metadata.permissions()), write)
        }
        Err(err) if err.kind() == io::ErrorKind::NotFound && is_link => Err(io::Error::new(
            io::ErrorKind::NotFound,
            "a symbolic link to a file that does not exist; not followed",
        )),
        Err(err) if err.kind() == io::ErrorKind::NotFound => replace(path, None, write),
        Err(err) => Err(err),
    }
}

/// Writes into an existing device, FIFO or socket.
fn write_through(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let file = std::fs::OpenOptions::new().write(true).open(path)?;
    let mut out = BufWriter::new(file);
    write(&mut out)?;
    out.flush()
}

/// Writes a temporary file beside `path` and renames it over `path`. The
/// temporary file gets `permissions` (those of the file it replaces) or,
/// for a new file, what the umask leaves of `0666`.
fn replace(
    path: &Path,
    permissions: Option<Permissions>,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let temp = {
        // Created and listed under one lock, so that a signal handler
        // cannot miss it.
        let mut temporary = temporary_files();
        let temp = new_temporary(dir)?;
        temporary.push(temp.path().to_path_buf());
        temp
    };
    let temp_path = temp.path().to_path_buf();
    let written = (|| {
        if let Some(permissions) = permissions {
            temp.as_file().set_permissions(permissions)?;
        }
        let mut out = BufWriter::new(temp.as_file());
        write(&mut out)?;
        out.flush()?;
        drop(out);
        temp.as_file().sync_all()?;
        temp.persist(path).map_err(|e| e.error)?;
        Ok(())
    })();
    temporary_files().retain(|p| *p != temp_path);
    written
}

#[cfg(unix)]
fn new_temporary(dir: &Path) -> io::Result<tempfile::NamedTempFile> {
    use std::os::unix::fs::PermissionsExt;
    // The kernel applies the umask to the mode a file is created with.
    tempfile::Builder::new()
        .prefix(".glossator-")
        .permissions(Permissions::from_mode(0o666))
        .tempfile_in(dir)
}

#[cfg(not(unix))]
fn new_temporary(dir: &Path) -> io::Result<tempfile::NamedTempFile> {
    tempfile::Builder::new()
        .prefix(".glossator-")
        .tempfile_in(dir)
}

/// Removes every temporary file being written, for a handler of SIGINT or
/// SIGTERM to call just before the process ends. No temporary file is
/// created after this returns (writers wait for good), so call it only on
/// the way out.
pub fn remove_temporary_files() {
    let temporary = temporary_files();
    for path in temporary.iter() {
        let _ = std::fs::remove_file(path);
    }
    // Keep the lock until the process ends.
    std::mem::forget(temporary);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write_bytes(path: &Path, bytes: &[u8]) -> io::Result<()> {
        write_file(path, |out| out.write_all(bytes))
    }

    #[test]
    fn a_file_is_replaced_whole_and_no_temporary_is_left() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.json");
        write_bytes(&path, b"old").unwrap();
        write_bytes(&path, b"new").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        assert!(!temporary_files().iter().any(|p| p.starts_with(dir.path())));
    }

    #[test]
    fn a_failed_write_leaves_the_old_file_and_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.json");
        write_bytes(&path, b"old").unwrap();
        let failed = write_file(&path, |out| {
            out.write_all(b"half")?;
            Err(io::Error::other("disk full"))
        });
        assert!(failed.is_err());
        assert_eq!(std::fs::read(&path).unwrap(), b"old");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn links_are_followed_and_stay_links() {
        let dir = tempfile::tempdir().unwrap();
        let (target, link) = (dir.path().join("target.md"), dir.path().join("link.md"));
        std::fs::write(&target, b"old").unwrap();
        std::os::unix::fs::symlink(&target, &link).unwrap();
        write_bytes(&link, b"new").unwrap();
        assert!(std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(std::fs::read(&target).unwrap(), b"new");
        let dangling = dir.path().join("dangling.md");
        std::os::unix::fs::symlink(dir.path().join("missing"), &dangling).unwrap();
        let err = write_bytes(&dangling, b"x").unwrap_err();
        assert!(err.to_string().contains("does not exist; not followed"));
        assert!(!dir.path().join("missing").exists());
    }

    #[cfg(unix)]
    #[test]
    fn devices_are_written_through() {
        write_bytes(Path::new("/dev/null"), b"nothing").unwrap();
        let metadata = std::fs::metadata("/dev/null").unwrap();
        assert!(!metadata.is_file(), "/dev/null is still a device");
    }

    #[cfg(unix)]
    #[test]
    fn a_replaced_file_keeps_its_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.json");
        std::fs::write(&path, b"old").unwrap();
        std::fs::set_permissions(&path, Permissions::from_mode(0o640)).unwrap();
        write_bytes(&path, b"new").unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o640);
    }

    #[test]
    fn the_temporary_files_are_known_while_written() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.json");
        write_file(&path, |out| {
            let listed = temporary_files().clone();
            let here: Vec<_> = listed
                .iter()
                .filter(|p| p.starts_with(dir.path()))
                .collect();
            assert_eq!(here.len(), 1, "{listed:?}");
            assert!(here[0].exists());
            out.write_all(b"x")
        })
        .unwrap();
    }
}
