//! Work spread over the machine's cores, for the jobs that grow with a large catalogue: reading
//! and parsing its files, and ranking its paths in every variation of the answers. Below a
//! size a thread costs more than it saves, so small jobs stay on the calling thread.

use std::cell::Cell;
use std::ops::Range;

thread_local! {
    /// Whether this thread is one of several that share a job already, so that what it is
    /// given is not split again: the cores are taken.
    static ONE_OF_SEVERAL: Cell<bool> = const { Cell::new(false) };
}

/// Marks this thread as one of several working at once (a stream's scoring workers), so that
/// `in_ranges` keeps its work on it.
pub fn one_of_several() {
    ONE_OF_SEVERAL.set(true);
}

/// `work` run on consecutive parts of `0..len`, one part a core, and its results in the parts'
/// order; one part, on this thread, unless `worth_splitting`, or with one core, or on a thread
/// that is already one of several.
pub fn in_ranges<R: Send>(
    len: usize,
    worth_splitting: bool,
    work: impl Fn(Range<usize>) -> R + Sync,
) -> Vec<R> {
    let cores = if worth_splitting && len > 1 && !ONE_OF_SEVERAL.get() {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    } else {
        1
    };
    if cores == 1 {
        return vec![work(0..len)];
    }
    let (work, part) = (&work, len.div_ceil(cores));
    std::thread::scope(|scope| {
        let parts: Vec<_> = (0..len)
            .step_by(part)
            .map(|start| {
                let range = start..(start + part).min(len);
                let on_its_own = range.clone();
                let thread = std::thread::Builder::new().spawn_scoped(scope, move || {
                    one_of_several();
                    work(on_its_own)
                });
                (range, thread.ok())
            })
            .collect();
        parts
            .into_iter()
            .map(|(range, thread)| match thread {
                Some(thread) => thread
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
                // No thread to be had (the system's limit on them reached): done here instead.
                None => work(range),
            })
            .collect()
    })
}

/// `work` applied to each item, the results in the items' order (`in_ranges`).
pub fn map_in_order<T: Sync, R: Send>(
    items: &[T],
    worth_splitting: bool,
    work: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    in_ranges(items.len(), worth_splitting, |range| {
        items[range].iter().map(&work).collect::<Vec<_>>()
    })
    .into_iter()
    .flatten()
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_keep_the_items_order_whether_split_or_not() {
        let items: Vec<u32> = (0..1000).collect();
        let doubled: Vec<u32> = items.iter().map(|n| n * 2).collect();
        assert_eq!(map_in_order(&items, true, |n| n * 2), doubled);
        assert_eq!(map_in_order(&items, false, |n| n * 2), doubled);
        assert_eq!(
            map_in_order(&[] as &[u32], true, |n| n * 2),
            Vec::<u32>::new()
        );
    }

    #[test]
    fn work_is_split_once_at_most_into_ranges_that_cover_it() {
        assert_eq!(in_ranges(100, false, |range| range), vec![0..100]);
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let parts = in_ranges(100, true, |range| {
            // A part is not split again.
            assert_eq!(
                in_ranges(range.len(), true, |inner| inner.len()),
                vec![range.len()]
            );
            range
        });
        assert_eq!(parts.len(), cores.min(100));
        assert_eq!(parts.first().map(|range| range.start), Some(0));
        assert_eq!(parts.last().map(|range| range.end), Some(100));
        assert!(parts.windows(2).all(|pair| pair[0].end == pair[1].start));
    }
}
