//! The parallel driver: runs work over many documents on a thread pool and
//! hands results back in input order.
//!
//! This module owns the parallelism policy. Inputs are processed in
//! batches of a few per thread: each batch runs in parallel (rayon,
//! order-preserving collect), then its results go to the sink in input
//! order before the next batch starts. Output is therefore identical for
//! any number of threads, and memory holds one batch of documents at a
//! time, not the whole corpus.

/// How many items each thread gets per batch.
const ITEMS_PER_THREAD: usize = 4;

/// Runs `work` on every item with `jobs` threads (0 = one per core) and
/// feeds the results to `sink` in item order.
///
/// ```
/// let mut out = Vec::new();
/// glossator::pipeline::for_each_ordered(&[1, 2, 3], 2, |n| n * 10, |r| out.push(r));
/// assert_eq!(out, [10, 20, 30]);
/// ```
pub fn for_each_ordered<T, R>(
    items: &[T],
    jobs: usize,
    work: impl Fn(&T) -> R + Sync,
    mut sink: impl FnMut(R),
) where
    T: Sync,
    R: Send,
{
    use rayon::prelude::*;

    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .build()
        .expect("a thread pool can be built");
    let batch = pool.current_num_threads() * ITEMS_PER_THREAD;
    for chunk in items.chunks(batch.max(1)) {
        let results: Vec<R> = pool.install(|| chunk.par_iter().map(&work).collect());
        results.into_iter().for_each(&mut sink);
    }
}
