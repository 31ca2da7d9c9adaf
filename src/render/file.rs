//! Writing output files without losing data.
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
//!
//! [`Files`] writes many files the same way, but syncs them to disk
//! together before it renames them (on Linux, one `syncfs` per file system
//! instead of one `fsync` per file, each file's write-back started as soon
//! as it is closed).

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
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Writes the file at `path` with what `write` writes to it (see the
/// module documentation for devices, links and permissions), synced before
/// it replaces the old one.
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
    let mut files = Files::default();
    files.sync_each = true;
    files.write(path, write)?;
    match files.finish().into_iter().next() {
        Some(failed) => Err(failed.error),
        None => Ok(()),
    }
}

/// Files a commit of [`Files`] lost, and why (the error names the file, or
/// says how many there were).
#[derive(Debug)]
pub struct Failed {
    /// How many files were not written.
    pub files: usize,
    /// The first error met.
    pub error: io::Error,
}

/// Files written as a set, made durable together: each is written to a
/// temporary file beside it, as [`write_file`] does, and renamed over the
/// old file only once it is on disk, so a file is still replaced whole or
/// not at all, after a crash too. On Linux the files are synced together,
/// by one `syncfs` per file system (one `fsync` per file made a build of
/// 10,000 small notes seven times slower on disk than on tmpfs);
/// elsewhere each file is synced as it is written.
///
/// The files are committed (synced and renamed) [`Files::COMMIT_EVERY`]
/// at a time, so that few temporary files wait, and at [`Files::finish`],
/// which also syncs the folders the renames changed. Dropped unfinished,
/// the files waiting are committed too, errors ignored, as if each had
/// been written on its own.
pub struct Files {
    /// Written and closed, not yet renamed: (temporary file, its target).
    pending: Vec<(tempfile::TempPath, PathBuf)>,
    /// The folders written in, each opened before its first file was
    /// written (so that syncing it reports any write-back error since).
    folders: Vec<Folder>,
    /// Sync each file as it is written, rather than all at a commit?
    sync_each: bool,
    /// What the commits so far lost, for the next one to return.
    failed: Vec<Failed>,
}

/// A folder that files are written in.
struct Folder {
    path: PathBuf,
    /// Open where a folder can be opened as a file (Unix).
    file: Option<std::fs::File>,
    /// Has a file been renamed in it since it was last synced?
    renamed: bool,
}

impl Default for Files {
    fn default() -> Files {
        Files {
            pending: Vec::new(),
            folders: Vec::new(),
            sync_each: !cfg!(target_os = "linux"),
            failed: Vec::new(),
        }
    }
}

impl Files {
    /// The files written between two commits, at most.
    pub const COMMIT_EVERY: usize = 1024;

    /// Writes the file at `path` with what `write` writes to it, as
    /// [`write_file`], except that a regular file is renamed into place at
    /// the next commit. An error here is this file's and names no path
    /// (the caller knows it); what commits lose, [`Files::commit`] and
    /// [`Files::finish`] return.
    pub fn write(
        &mut self,
        path: &Path,
        write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
    ) -> io::Result<()> {
        let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
        // Links followed: `/dev/stdout` is a link to whatever stdout is.
        let (target, permissions) = match std::fs::metadata(path) {
            Ok(metadata) if metadata.is_dir() => {
                return Err(io::Error::new(
                    io::ErrorKind::IsADirectory,
                    "is a folder, not a file",
                ))
            }
            Ok(metadata) if !metadata.is_file() => return write_through(path, write),
            Ok(metadata) if is_link => (std::fs::canonicalize(path)?, Some(metadata.permissions())),
            Ok(metadata) => (path.to_path_buf(), Some(metadata.permissions())),
            Err(err) if err.kind() == io::ErrorKind::NotFound && is_link => {
                return Err(io::Error::new(
                    io::ErrorKind::NotFound,
                    "a symbolic link to a file that does not exist; not followed",
                ))
            }
            Err(err) if err.kind() == io::ErrorKind::NotFound => (path.to_path_buf(), None),
            Err(err) => return Err(err),
        };
        let dir = folder_of(&target);
        if !self.folders.iter().any(|f| f.path == dir) {
            let file = if cfg!(unix) {
                Some(std::fs::File::open(dir)?)
            } else {
                None
            };
            self.folders.push(Folder {
                path: dir.to_path_buf(),
                file,
                renamed: false,
            });
        }
        let temp = write_temporary(&target, permissions, self.sync_each, write)?;
        self.pending.push((temp, target));
        if self.pending.len() >= Files::COMMIT_EVERY {
            let failed = self.commit();
            self.failed.extend(failed);
        }
        Ok(())
    }

    /// Takes over the files `other` wrote and has not committed, to be
    /// committed with this set's (one sync for both), and what its commits
    /// lost: for files written on several threads, a set on each.
    pub fn absorb(&mut self, mut other: Files) {
        self.pending.append(&mut other.pending);
        for folder in std::mem::take(&mut other.folders) {
            if !self.folders.iter().any(|f| f.path == folder.path) {
                self.folders.push(folder);
            }
        }
        self.failed.append(&mut other.failed);
        if self.pending.len() >= Files::COMMIT_EVERY {
            let failed = self.commit();
            self.failed.extend(failed);
        }
    }

    /// Syncs the files waiting (unless each was synced as it was written)
    /// and renames each over its target. Returns what failed since the
    /// last return: a file whose rename failed, or all the files of a
    /// commit whose sync failed (none of them renamed).
    pub fn commit(&mut self) -> Vec<Failed> {
        let mut failed = std::mem::take(&mut self.failed);
        let pending = std::mem::take(&mut self.pending);
        if pending.is_empty() {
            return failed;
        }
        let temps: Vec<PathBuf> = pending.iter().map(|(temp, _)| temp.to_path_buf()).collect();
        #[cfg(target_os = "linux")]
        if !self.sync_each {
            if let Err(err) = self.sync_file_systems() {
                drop(pending);
                forget_temporary(&temps);
                failed.push(Failed {
                    files: temps.len(),
                    error: io::Error::new(
                        err.kind(),
                        format!("{} files not written: syncing them: {err}", temps.len()),
                    ),
                });
                return failed;
            }
        }
        for (temp, target) in pending {
            match temp.persist(&target) {
                Ok(()) => {
                    let dir = folder_of(&target);
                    if let Some(folder) = self.folders.iter_mut().find(|f| f.path == dir) {
                        folder.renamed = true;
                    }
                }
                Err(err) => failed.push(Failed {
                    files: 1,
                    error: io::Error::new(
                        err.error.kind(),
                        format!("{}: {}", target.display(), err.error),
                    ),
                }),
            }
        }
        forget_temporary(&temps);
        failed
    }

    /// One `syncfs` per file system that a folder written in is on.
    #[cfg(target_os = "linux")]
    fn sync_file_systems(&self) -> io::Result<()> {
        use std::os::unix::fs::MetadataExt;
        let mut synced: Vec<u64> = Vec::new();
        for file in self.folders.iter().filter_map(|f| f.file.as_ref()) {
            let device = file.metadata()?.dev();
            if !synced.contains(&device) {
                rustix::fs::syncfs(file)?;
                synced.push(device);
            }
        }
        Ok(())
    }

    /// Commits the files waiting and syncs the folders where files were
    /// renamed, so the renames last too. Returns what failed, as
    /// [`Files::commit`] (a folder that failed to sync, as no file).
    pub fn finish(&mut self) -> Vec<Failed> {
        let mut failed = self.commit();
        for folder in &mut self.folders {
            let Some(file) = folder.file.as_ref().filter(|_| folder.renamed) else {
                continue;
            };
            match file.sync_all() {
                Ok(()) => folder.renamed = false,
                Err(err) => failed.push(Failed {
                    files: 0,
                    error: io::Error::new(
                        err.kind(),
                        format!("{}: syncing the folder: {err}", folder.path.display()),
                    ),
                }),
            }
        }
        failed
    }
}

impl Drop for Files {
    fn drop(&mut self) {
        let _ = self.finish();
    }
}

/// The folder `path` is in (`.` for a bare file name).
fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
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

/// Starts writing `file` back to disk, without waiting for it: the
/// `syncfs` of [`Files::commit`] then waits only for what is left. Without
/// it, Linux writes nothing back for thirty seconds or until a tenth of
/// memory is dirty, so the one sync at the end of a build wrote all of its
/// 320 MB while nothing else ran (0.25 s of a 3 s build on dense notes).
///
/// `POSIX_FADV_DONTNEED` is how to ask for it (`sync_file_range` is not in
/// rustix): Linux starts the write-back of the file's dirty pages and drops
/// those already clean from its cache. Its failure is ignored: the sync
/// still writes everything.
#[cfg(target_os = "linux")]
fn start_write_back(file: &std::fs::File) {
    let _ = rustix::fs::fadvise(file, 0, None, rustix::fs::Advice::DontNeed);
}

/// Elsewhere each file is synced as it is written.
#[cfg(not(target_os = "linux"))]
fn start_write_back(_: &std::fs::File) {}

/// Writes a temporary file beside `path`, closed, synced if `sync`, and
/// listed as temporary until it is renamed or removed. It gets
/// `permissions` (those of the file it will replace) or, for a new file,
/// what the umask leaves of `0666`.
fn write_temporary(
    path: &Path,
    permissions: Option<Permissions>,
    sync: bool,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<tempfile::TempPath> {
    let temp = {
        // Created and listed under one lock, so that a signal handler
        // cannot miss it.
        let mut temporary = temporary_files();
        let temp = new_temporary(folder_of(path))?;
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
        if sync {
            temp.as_file().sync_all()?;
        } else {
            start_write_back(temp.as_file());
        }
        Ok(())
    })();
    match written {
        Ok(()) => Ok(temp.into_temp_path()),
        Err(err) => {
            drop(temp);
            forget_temporary(&[temp_path]);
            Err(err)
        }
    }
}

/// No longer lists `paths` as temporary files (renamed, or removed).
fn forget_temporary(paths: &[PathBuf]) {
    let paths: std::collections::HashSet<&PathBuf> = paths.iter().collect();
    temporary_files().retain(|p| !paths.contains(p));
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

    #[test]
    fn files_absorbed_from_another_set_are_committed_with_its_own() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("sub");
        std::fs::create_dir(&sub).unwrap();
        let (mine, theirs) = (dir.path().join("a.md"), sub.join("b.md"));
        let mut files = Files::default();
        files.write(&mine, |out| out.write_all(b"a")).unwrap();
        let mut other = Files::default();
        other.write(&theirs, |out| out.write_all(b"b")).unwrap();
        files.absorb(other);
        // Absorbed, not committed by the other set's drop.
        assert!(!theirs.exists());
        assert!(files.finish().is_empty());
        assert_eq!(std::fs::read(&mine).unwrap(), b"a");
        assert_eq!(std::fs::read(&theirs).unwrap(), b"b");
        assert!(!temporary_files().iter().any(|p| p.starts_with(dir.path())));
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
    fn files_are_renamed_into_place_together_when_committed() {
        let dir = tempfile::tempdir().unwrap();
        let path = |i: usize| dir.path().join(format!("{i}.json"));
        std::fs::write(path(0), b"old").unwrap();
        let mut files = Files::default();
        for i in 0..3 {
            files.write(&path(i), |out| out.write_all(b"new")).unwrap();
        }
        // Written, not yet in place: the old file is whole, the new absent.
        assert_eq!(std::fs::read(path(0)).unwrap(), b"old");
        assert!(!path(1).exists());
        assert_eq!(
            temporary_files()
                .iter()
                .filter(|p| p.starts_with(dir.path()))
                .count(),
            3
        );
        let failed = files.finish();
        assert!(failed.is_empty(), "{failed:?}");
        for i in 0..3 {
            assert_eq!(std::fs::read(path(i)).unwrap(), b"new");
        }
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 3);
        assert!(!temporary_files().iter().any(|p| p.starts_with(dir.path())));
    }

    #[test]
    fn files_are_committed_a_batch_at_a_time_and_when_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let path = |i: usize| dir.path().join(format!("{i}.html"));
        let mut files = Files::default();
        for i in 0..=Files::COMMIT_EVERY {
            files.write(&path(i), |out| out.write_all(b"x")).unwrap();
        }
        assert!(
            path(Files::COMMIT_EVERY - 1).exists(),
            "a full batch is committed"
        );
        assert!(!path(Files::COMMIT_EVERY).exists());
        let failed = files.write(&path(0), |out| {
            out.write_all(b"half")?;
            Err(io::Error::other("disk full"))
        });
        assert!(failed.is_err());
        drop(files);
        assert!(
            path(Files::COMMIT_EVERY).exists(),
            "dropped, the rest is committed"
        );
        assert_eq!(
            std::fs::read(path(0)).unwrap(),
            b"x",
            "the failed write left it"
        );
        let count = std::fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(count, Files::COMMIT_EVERY + 1, "no temporary file is left");
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
