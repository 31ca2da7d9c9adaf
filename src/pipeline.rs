//! The parallel driver: runs work over many documents on a thread pool and
//! hands results back in input order.
//!
//! This module owns the parallelism policy. The calling thread keeps a
//! window of a few items per worker in flight: each item is a task on the
//! pool, its result comes back over a channel, and the caller feeds results
//! to the sink in item order as soon as the next one in line is ready,
//! starting another item for each one it retires. Workers never wait for a
//! whole batch to finish (an earlier version ran fixed batches, and a long
//! document at the end of a batch left the other cores idle), output is
//! identical for any number of threads, and memory holds the window's
//! documents and results, not the whole corpus.
//!
//! A run stops early, and says why with [`Stopped`], when the sink fails
//! (output closed: no item is started after that) or the work panics on an
//! item (a bug: the panic is caught on the worker and the run ends with it,
//! rather than waiting forever for a result that will never come).

use std::any::Any;
use std::collections::VecDeque;
use std::fmt;
use std::io;
use std::num::NonZeroUsize;
use std::panic::{self, AssertUnwindSafe};
use std::sync::mpsc;

/// How many items per thread may be in flight (running or waiting for the
/// sink) at once.
const ITEMS_PER_THREAD: usize = 4;

/// The most threads per core a run may use (see [`max_jobs`]).
const MAX_THREADS_PER_CORE: usize = 4;

/// The number of cores this process may use (1 if that is unknown).
pub fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, NonZeroUsize::get)
}

/// The most worker threads worth asking for: four per core. The work is
/// reading and annotating, so threads past the cores only wait for one;
/// thousands of them took minutes to start and stop.
pub fn max_jobs() -> usize {
    cores() * MAX_THREADS_PER_CORE
}

/// Makes a pool of `jobs` threads (0 = one per core). Unlike rayon's
/// default, 0 does not read `RAYON_NUM_THREADS`: the thread count is the
/// caller's to choose and bound.
pub fn thread_pool(jobs: usize) -> Result<rayon::ThreadPool, rayon::ThreadPoolBuildError> {
    let threads = if jobs == 0 { cores() } else { jobs };
    rayon::ThreadPoolBuilder::new().num_threads(threads).build()
}

/// Why [`for_each_ordered`] stopped before the last item.
#[derive(Debug)]
pub enum Stopped<E> {
    /// The sink failed with this error; no item was started after it.
    Sink(E),
    /// The work panicked on the item at this index (a bug); the items
    /// before it went to the sink, none after it.
    Panicked {
        /// The index of the item in `items`.
        item: usize,
        /// The panic's message.
        message: String,
    },
    /// The thread pool could not be made (the system refused threads).
    ThreadPool(rayon::ThreadPoolBuildError),
}

impl<E: fmt::Display> fmt::Display for Stopped<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Stopped::Sink(err) => err.fmt(f),
            Stopped::Panicked { item, message } => {
                write!(f, "internal error on item {item}: {message}")
            }
            Stopped::ThreadPool(err) => write!(f, "could not start worker threads: {err}"),
        }
    }
}

impl<E: fmt::Debug + fmt::Display> std::error::Error for Stopped<E> {}

impl From<Stopped<io::Error>> for io::Error {
    /// The sink's own error, or why the run stopped otherwise, for a run
    /// that writes.
    fn from(stopped: Stopped<io::Error>) -> io::Error {
        match stopped {
            Stopped::Sink(err) => err,
            other => io::Error::other(other.to_string()),
        }
    }
}

/// Runs `work` on every item with `jobs` threads (0 = one per core) and
/// feeds the results to `sink`, on the calling thread, in item order. The
/// first error of `sink`, or a panic of `work`, stops the run: no more
/// items are started, the ones running are finished and dropped.
///
/// Items are taken from the iterator only as the window has room, so an
/// unbounded stream (records on standard input) is processed in bounded
/// memory.
///
/// ```
/// let mut out = Vec::new();
/// let sink = |r| -> Result<(), ()> { Ok(out.push(r)) };
/// glossator::pipeline::for_each_ordered(&[1, 2, 3], 2, |n| n * 10, sink).unwrap();
/// assert_eq!(out, [10, 20, 30]);
/// ```
pub fn for_each_ordered<T, R, E>(
    items: impl IntoIterator<Item = T>,
    jobs: usize,
    work: impl Fn(T) -> R + Sync,
    mut sink: impl FnMut(R) -> Result<(), E>,
) -> Result<(), Stopped<E>>
where
    T: Send,
    R: Send,
{
    let pool = thread_pool(jobs).map_err(Stopped::ThreadPool)?;
    let window = (pool.current_num_threads() * ITEMS_PER_THREAD).max(1);
    let work = &work;
    let mut items = items.into_iter().fuse();
    pool.in_place_scope(|scope| {
        let (done, results) = mpsc::channel();
        // Results of the items in flight, in order; None until ready.
        let mut waiting: VecDeque<Option<R>> = VecDeque::new();
        // The index of the first item in `waiting`.
        let mut retired = 0;
        loop {
            while waiting.len() < window {
                let Some(item) = items.next() else { break };
                let (done, index) = (done.clone(), retired + waiting.len());
                scope.spawn(move |_| {
                    let result = panic::catch_unwind(AssertUnwindSafe(|| work(item)));
                    // The receiver is gone only when the run has stopped.
                    let _ = done.send((index, result));
                });
                waiting.push_back(None);
            }
            if waiting.is_empty() {
                return Ok(());
            }
            // Every task sends once, panic or not, and the tasks of the
            // items in `waiting` have not all sent yet: this returns.
            let Ok((index, result)) = results.recv() else {
                unreachable!("the caller holds a sender")
            };
            match result {
                Ok(result) => waiting[index - retired] = Some(result),
                Err(payload) => {
                    let message = panic_message(payload.as_ref());
                    return Err(Stopped::Panicked {
                        item: index,
                        message,
                    });
                }
            }
            while let Some(Some(_)) = waiting.front() {
                if let Some(Some(result)) = waiting.pop_front() {
                    retired += 1;
                    sink(result).map_err(Stopped::Sink)?;
                }
            }
        }
    })
}

/// The message a panic was raised with.
pub fn panic_message(payload: &(dyn Any + Send)) -> String {
    if let Some(message) = payload.downcast_ref::<&str>() {
        message.to_string()
    } else if let Some(message) = payload.downcast_ref::<String>() {
        message.clone()
    } else {
        "a panic without a message".to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// Collects the results of a run.
    fn collect<T: Send, R: Send>(
        items: impl IntoIterator<Item = T>,
        jobs: usize,
        work: impl Fn(T) -> R + Sync,
    ) -> (Vec<R>, Result<(), Stopped<()>>) {
        let mut got = Vec::new();
        let outcome = for_each_ordered(items, jobs, work, |r| {
            got.push(r);
            Ok(())
        });
        (got, outcome)
    }

    #[test]
    fn results_come_back_in_order_whatever_the_threads() {
        let items: Vec<u64> = (0..200).collect();
        // Uneven work, so that tasks finish out of order.
        let work = |&n: &u64| (0..(n * 7919) % 5000).fold(n, |a, b| a.rotate_left(5) ^ b);
        let expected: Vec<u64> = items.iter().map(work).collect();
        for jobs in [1, 2, 3, 8] {
            let (got, outcome) = collect(&items, jobs, work);
            assert!(outcome.is_ok());
            assert_eq!(got, expected, "jobs = {jobs}");
        }
    }

    #[test]
    fn a_stream_is_read_only_as_the_window_has_room() {
        let read = AtomicUsize::new(0);
        let stream = (0..1000usize).inspect(|_| {
            read.fetch_add(1, Ordering::SeqCst);
        });
        let mut ahead = 0;
        let outcome = for_each_ordered(
            stream,
            2,
            |n| n,
            |n| -> Result<(), ()> {
                ahead = ahead.max(read.load(Ordering::SeqCst) - n);
                Ok(())
            },
        );
        assert!(outcome.is_ok());
        assert!(ahead <= 2 * ITEMS_PER_THREAD, "read {ahead} items ahead");
    }

    #[test]
    fn no_items_no_results() {
        let (got, outcome) = collect(&[] as &[u8], 2, |&n| n);
        assert!(got.is_empty() && outcome.is_ok());
    }

    #[test]
    fn a_panicking_item_ends_the_run_with_an_error() {
        let items: Vec<usize> = (0..100).collect();
        for jobs in [1, 2, 4] {
            let work = |&n: &usize| {
                assert!(n != 37, "item {n} is bad");
                n
            };
            let (got, outcome) = collect(&items, jobs, work);
            match outcome {
                Err(Stopped::Panicked { item, message }) => {
                    assert_eq!(item, 37);
                    assert_eq!(message, "item 37 is bad");
                }
                other => panic!("jobs = {jobs}: {other:?}"),
            }
            assert_eq!(got, (0..got.len()).collect::<Vec<_>>(), "in order");
            assert!(got.len() <= 37, "nothing after the panic");
        }
    }

    #[test]
    fn a_failing_sink_stops_starting_items() {
        let items: Vec<usize> = (0..10_000).collect();
        let started = AtomicUsize::new(0);
        let work = |&n: &usize| {
            started.fetch_add(1, Ordering::Relaxed);
            n
        };
        let outcome = for_each_ordered(&items, 2, work, |n| if n == 5 { Err(n) } else { Ok(()) });
        assert!(matches!(outcome, Err(Stopped::Sink(5))));
        let window = 2 * ITEMS_PER_THREAD;
        assert!(started.load(Ordering::Relaxed) <= 6 + window);
    }

    #[test]
    fn zero_jobs_is_one_thread_per_core() {
        let pool = thread_pool(0).unwrap();
        assert_eq!(pool.current_num_threads(), cores());
        assert!(max_jobs() >= cores());
    }
}
