//! Sorting more items than memory should hold: an external merge sort.
//!
//! A [`Sorter`] holds items until their estimated size passes its budget,
//! then sorts them and writes them to disk as a *run* (one JSON line per
//! item, in an anonymous temporary file of the system's temporary folder,
//! which the operating system removes when it is closed, whether the run
//! ends well, with an error, or by a signal). [`Sorter::sorted`] sorts
//! what is left in memory and returns a [`Sorted`], whose
//! [`Sorted::each`] merges the runs and that tail (a k-way merge over a
//! binary heap) as often as it is called.
//!
//! The sort is stable: items that compare equal come out in the order
//! they were pushed (each run is sorted stably, runs hold earlier items
//! than later runs, and the merge prefers the earlier run). So the output
//! is the same whatever the budget, which only decides how much is on
//! disk. Below the budget nothing is written and the sort is
//! `slice::sort_by`. Runs are merged in tiers, so that few are open at
//! once and each item is rewritten only a few times: [`MAX_RUNS`] runs of
//! one tier, the newest, are merged into one run of the next.

use std::cmp::Ordering;
use std::collections::BinaryHeap;
use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Read, Write};

use serde::de::DeserializeOwned;
use serde::Serialize;

/// How many runs of one tier are merged into one of the next.
pub const MAX_RUNS: usize = 64;

/// What a [`Sorter`] can sort and spill.
pub trait Spill: Serialize + DeserializeOwned {
    /// The sort order.
    fn order(&self, other: &Self) -> Ordering;

    /// An estimate of the memory the item holds, in bytes, its heap
    /// allocations included (see [`heap_bytes`]).
    fn bytes(&self) -> usize;
}

/// What a heap allocation of `len` bytes costs, as an allocator such as
/// glibc's rounds it and keeps its size beside it: nothing when empty
/// (an empty `String` allocates nothing).
pub fn heap_bytes(len: usize) -> usize {
    if len == 0 {
        0
    } else {
        len.next_multiple_of(16) + 16
    }
}

/// Collects items, spilling sorted runs to disk past its budget.
#[derive(Debug)]
pub struct Sorter<T> {
    budget: usize,
    held: Vec<T>,
    held_bytes: usize,
    /// The runs, in the order of their items, with their tiers (a run of
    /// tier `n` merges `MAX_RUNS` of tier `n - 1`), which never grow from
    /// the first run to the last.
    runs: Vec<(File, u32)>,
    len: usize,
    /// The first error writing a run: reported by [`Sorter::sorted`]; items
    /// pushed after it are dropped.
    error: Option<io::Error>,
}

impl<T: Spill> Sorter<T> {
    /// A sorter that holds up to about `budget` bytes of items in memory
    /// (`usize::MAX`: all of them, never writing to disk).
    pub fn new(budget: usize) -> Sorter<T> {
        Sorter {
            budget,
            held: Vec::new(),
            held_bytes: 0,
            runs: Vec::new(),
            len: 0,
            error: None,
        }
    }

    /// The budget it was made with.
    pub fn budget(&self) -> usize {
        self.budget
    }

    /// Adds an item (after all items pushed before it). A failure to
    /// write a run is kept for [`Sorter::sorted`].
    pub fn push(&mut self, item: T) {
        if self.error.is_some() {
            return;
        }
        self.len += 1;
        self.held_bytes = self.held_bytes.saturating_add(item.bytes());
        self.held.push(item);
        if self.held_bytes > self.budget {
            if let Err(err) = self.spill() {
                self.held.clear();
                self.error = Some(err);
            }
        }
    }

    /// Adds the items of `later` after all items pushed to this one.
    pub fn append(&mut self, later: Sorter<T>)
    where
        T: Clone,
    {
        if later.runs.is_empty() && later.error.is_none() {
            for item in later.held {
                self.push(item);
            }
            return;
        }
        // A sorter that spilled: its sorted order, not the order its items
        // were pushed in, which it no longer has. The sort is stable, so
        // items that compare equal are in pushed order in it, and the
        // outcome is the same.
        let result = later.sorted().and_then(|sorted| {
            sorted.each(|item| {
                self.push(item.clone());
                Ok(())
            })
        });
        if let Err(err) = result {
            self.error.get_or_insert(err);
        }
    }

    /// Sorts the items held and writes them as a run; then merges the
    /// last `MAX_RUNS` runs while they are of one tier.
    fn spill(&mut self) -> io::Result<()> {
        self.held.sort_by(T::order);
        let held = std::mem::take(&mut self.held);
        self.held_bytes = 0;
        let run = write_run(|write| held.iter().try_for_each(write))?;
        self.runs.push((run, 0));
        while let Some(&(_, tier)) = self.runs.last() {
            let same = self
                .runs
                .iter()
                .rev()
                .take_while(|(_, t)| *t == tier)
                .count();
            if same < MAX_RUNS {
                break;
            }
            let from = self.runs.len() - MAX_RUNS;
            let runs: Vec<File> = self.runs.drain(from..).map(|(file, _)| file).collect();
            let merged = write_run(|write| merge(&runs, &[], |item: &T| write(item)))?;
            self.runs.push((merged, tier + 1));
        }
        Ok(())
    }

    /// Every item, sorted; or the first error writing a run. Once there
    /// are runs, the items held are written as one more, so that what was
    /// sorted on disk holds no memory while it is read.
    pub fn sorted(mut self) -> io::Result<Sorted<T>> {
        if let Some(err) = self.error {
            return Err(err);
        }
        if !self.runs.is_empty() && !self.held.is_empty() {
            self.spill()?;
        }
        self.held.sort_by(T::order);
        Ok(Sorted {
            runs: self.runs.into_iter().map(|(file, _)| file).collect(),
            held_bytes: self.held_bytes,
            tail: self.held,
            len: self.len,
        })
    }
}

/// The items of a [`Sorter`], in order: runs on disk and a tail in memory.
#[derive(Debug)]
pub struct Sorted<T> {
    runs: Vec<File>,
    /// The estimated size of the tail.
    held_bytes: usize,
    tail: Vec<T>,
    len: usize,
}

impl<T: Spill> Sorted<T> {
    /// How many items there are.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The estimated memory its items in memory take, in bytes.
    pub fn held_bytes(&self) -> usize {
        self.held_bytes
    }

    /// Whether any items are on disk.
    pub fn spilled(&self) -> bool {
        !self.runs.is_empty()
    }

    /// Every item, in order, if none is on disk.
    pub fn in_memory(&self) -> Option<&[T]> {
        self.runs.is_empty().then_some(self.tail.as_slice())
    }

    /// Calls `f` with every item, in order, stopping at its first error
    /// or the first error reading a run back.
    pub fn each(&self, f: impl FnMut(&T) -> io::Result<()>) -> io::Result<()> {
        merge(&self.runs, &self.tail, f)
    }
}

/// Writes a run with what `fill` hands its writer: one JSON line per item.
fn write_run<T: Serialize>(
    fill: impl FnOnce(&mut dyn FnMut(&T) -> io::Result<()>) -> io::Result<()>,
) -> io::Result<File> {
    let file = tempfile::tempfile()?;
    let mut out = BufWriter::with_capacity(1 << 16, &file);
    fill(&mut |item: &T| {
        serde_json::to_writer(&mut out, item)?;
        out.write_all(b"\n")
    })?;
    out.flush()?;
    drop(out);
    Ok(file)
}

/// Reads a run from its start, whatever else reads it: positional reads,
/// so that a run can be merged again while it is read.
struct RunReader<'a> {
    file: &'a File,
    at: u64,
}

impl Read for RunReader<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        #[cfg(unix)]
        let n = std::os::unix::fs::FileExt::read_at(self.file, buf, self.at)?;
        #[cfg(windows)]
        let n = std::os::windows::fs::FileExt::seek_read(self.file, buf, self.at)?;
        self.at += n as u64;
        Ok(n)
    }
}

/// One run being merged: its reader and the item it is at.
struct Head<'a> {
    reader: BufReader<RunReader<'a>>,
    line: String,
}

impl Head<'_> {
    /// The run's next item, if any.
    fn next<T: DeserializeOwned>(&mut self) -> io::Result<Option<T>> {
        self.line.clear();
        if self.reader.read_line(&mut self.line)? == 0 {
            return Ok(None);
        }
        serde_json::from_str(&self.line).map(Some).map_err(|err| {
            io::Error::new(io::ErrorKind::InvalidData, format!("a spilled run: {err}"))
        })
    }
}

/// An item of the merge: read from a run, or borrowed from the tail (with
/// its index there).
enum Item<'a, T> {
    Read(T),
    Held(&'a T, usize),
}

impl<T> Item<'_, T> {
    fn get(&self) -> &T {
        match self {
            Item::Read(item) => item,
            Item::Held(item, _) => item,
        }
    }
}

/// An item in the merge's heap, from source `source` (run `source`, or
/// the tail after every run), ordered so that the heap's top is the least
/// item and, of two equal ones, the one of the earlier source.
struct Entry<'a, T> {
    item: Item<'a, T>,
    source: usize,
}

impl<T: Spill> Ord for Entry<'_, T> {
    fn cmp(&self, other: &Self) -> Ordering {
        other
            .item
            .get()
            .order(self.item.get())
            .then(other.source.cmp(&self.source))
    }
}

impl<T: Spill> PartialOrd for Entry<'_, T> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl<T: Spill> PartialEq for Entry<'_, T> {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl<T: Spill> Eq for Entry<'_, T> {}

/// Merges sorted `runs` and the sorted `tail` (items pushed after theirs)
/// into `f`, in order; stable.
fn merge<T: Spill>(
    runs: &[File],
    tail: &[T],
    mut f: impl FnMut(&T) -> io::Result<()>,
) -> io::Result<()> {
    if runs.is_empty() {
        return tail.iter().try_for_each(f);
    }
    let mut heads: Vec<Head> = runs
        .iter()
        .map(|file| Head {
            reader: BufReader::with_capacity(1 << 16, RunReader { file, at: 0 }),
            line: String::new(),
        })
        .collect();
    let mut heap = BinaryHeap::with_capacity(heads.len() + 1);
    for (source, head) in heads.iter_mut().enumerate() {
        if let Some(item) = head.next()? {
            let item = Item::Read(item);
            heap.push(Entry { item, source });
        }
    }
    if let Some(first) = tail.first() {
        let item = Item::Held(first, 0);
        heap.push(Entry {
            item,
            source: heads.len(),
        });
    }
    while let Some(mut top) = heap.peek_mut() {
        f(top.item.get())?;
        let next = match top.item {
            Item::Read(_) => heads[top.source].next()?.map(Item::Read),
            Item::Held(_, at) => tail.get(at + 1).map(|item| Item::Held(item, at + 1)),
        };
        match next {
            Some(item) => top.item = item,
            None => {
                std::collections::binary_heap::PeekMut::pop(top);
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    use super::*;

    /// A key to sort by and the order it was pushed in.
    #[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
    struct Item {
        key: u32,
        pushed: usize,
    }

    impl Spill for Item {
        fn order(&self, other: &Self) -> Ordering {
            self.key.cmp(&other.key)
        }

        fn bytes(&self) -> usize {
            std::mem::size_of::<Item>()
        }
    }

    fn items(n: usize) -> Vec<Item> {
        // Few keys, so many ties, in an order far from sorted.
        (0..n)
            .map(|pushed| Item {
                key: (pushed as u32).wrapping_mul(2_654_435_761) % 7,
                pushed,
            })
            .collect()
    }

    fn sorted(items: &[Item], budget: usize) -> (Vec<Item>, bool) {
        let mut sorter = Sorter::new(budget);
        for item in items {
            sorter.push(item.clone());
        }
        let sorted = sorter.sorted().unwrap();
        assert_eq!(sorted.len(), items.len());
        // Once spilled, all on disk.
        assert!(!sorted.spilled() || sorted.tail.is_empty());
        let mut out = Vec::new();
        // Twice: a sorted set is read as often as it is asked.
        for _ in 0..2 {
            out.clear();
            sorted
                .each(|item| {
                    out.push(item.clone());
                    Ok(())
                })
                .unwrap();
        }
        (out, sorted.spilled())
    }

    /// Whatever the budget (one run per item, more runs than are merged
    /// at once, a few runs, none), the order is that of a stable sort.
    #[test]
    fn the_order_is_a_stable_sort_whatever_the_budget() {
        let size = std::mem::size_of::<Item>();
        for n in [0, 1, 5, 300] {
            let items = items(n);
            let mut expected = items.clone();
            expected.sort_by_key(|item| item.key);
            for budget in [0, size, 10 * size, 100 * size, usize::MAX] {
                let (got, spilled) = sorted(&items, budget);
                assert_eq!(got, expected, "{n} items, budget {budget}");
                assert_eq!(
                    spilled,
                    n > 0 && n * size > budget,
                    "{n} items, budget {budget}"
                );
            }
        }
    }

    /// Appending a sorter, spilled or not, is pushing its items.
    #[test]
    fn appending_is_pushing() {
        let items = items(200);
        let size = std::mem::size_of::<Item>();
        let (expected, _) = sorted(&items, usize::MAX);
        for budget in [0, 7 * size, usize::MAX] {
            let mut first = Sorter::new(budget);
            let mut second = Sorter::new(budget);
            for item in &items[..120] {
                first.push(item.clone());
            }
            for item in &items[120..] {
                second.push(item.clone());
            }
            first.append(second);
            let mut got = Vec::new();
            let all = first.sorted().unwrap();
            all.each(|item| {
                got.push(item.clone());
                Ok(())
            })
            .unwrap();
            assert_eq!(got, expected, "budget {budget}");
        }
    }

    /// An error of the caller stops the merge and is returned.
    #[test]
    fn the_callers_error_stops_the_merge() {
        let mut sorter = Sorter::new(0);
        for item in items(10) {
            sorter.push(item);
        }
        let sorted = sorter.sorted().unwrap();
        let mut seen = 0;
        let err = sorted
            .each(|_| {
                seen += 1;
                if seen == 3 {
                    return Err(io::Error::other("stop"));
                }
                Ok(())
            })
            .unwrap_err();
        assert_eq!((seen, err.to_string().as_str()), (3, "stop"));
    }
}
