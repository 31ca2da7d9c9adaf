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

use std::collections::VecDeque;
use std::sync::mpsc;

/// How many items per thread may be in flight (running or waiting for the
/// sink) at once.
const ITEMS_PER_THREAD: usize = 4;

/// Runs `work` on every item with `jobs` threads (0 = one per core) and
/// feeds the results to `sink`, on the calling thread, in item order.
///
/// Items are taken from the iterator only as the window has room, so an
/// unbounded stream (records on standard input) is processed in bounded
/// memory.
///
/// ```
/// let mut out = Vec::new();
/// glossator::pipeline::for_each_ordered(&[1, 2, 3], 2, |n| n * 10, |r| out.push(r));
/// assert_eq!(out, [10, 20, 30]);
/// ```
pub fn for_each_ordered<T, R>(
    items: impl IntoIterator<Item = T>,
    jobs: usize,
    work: impl Fn(T) -> R + Sync,
    mut sink: impl FnMut(R),
) where
    T: Send,
    R: Send,
{
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .build()
        .expect("a thread pool can be built");
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
                    // The receiver outlives every task: sending cannot fail.
                    let _ = done.send((index, work(item)));
                });
                waiting.push_back(None);
            }
            if waiting.is_empty() {
                break;
            }
            let (index, result) = results.recv().expect("every task sends its result");
            waiting[index - retired] = Some(result);
            while let Some(Some(_)) = waiting.front() {
                let result = waiting.pop_front().flatten().expect("checked ready");
                sink(result);
                retired += 1;
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_back_in_order_whatever_the_threads() {
        let items: Vec<u64> = (0..200).collect();
        // Uneven work, so that tasks finish out of order.
        let work = |&n: &u64| (0..(n * 7919) % 5000).fold(n, |a, b| a.rotate_left(5) ^ b);
        let expected: Vec<u64> = items.iter().map(work).collect();
        for jobs in [1, 2, 3, 8] {
            let mut got = Vec::new();
            for_each_ordered(&items, jobs, work, |r| got.push(r));
            assert_eq!(got, expected, "jobs = {jobs}");
        }
    }

    #[test]
    fn a_stream_is_read_only_as_the_window_has_room() {
        let read = std::sync::atomic::AtomicUsize::new(0);
        let stream = (0..1000usize).inspect(|_| {
            read.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        });
        let mut ahead = 0;
        for_each_ordered(
            stream,
            2,
            |n| n,
            |n| {
                ahead = ahead.max(read.load(std::sync::atomic::Ordering::SeqCst) - n);
            },
        );
        assert!(ahead <= 2 * ITEMS_PER_THREAD, "read {ahead} items ahead");
    }

    #[test]
    fn no_items_no_results() {
        let mut got: Vec<u8> = Vec::new();
        for_each_ordered(&[] as &[u8], 2, |&n| n, |r| got.push(r));
        assert!(got.is_empty());
    }
}
