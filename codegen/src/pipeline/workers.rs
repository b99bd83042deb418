//! A small worker pool with a time budget per task.
//!
//! swc's parser can take exponential time on some malformed TypeScript (fuzzing found a
//! 133-byte file that never finishes). A generator that runs inside every build must not hang
//! it, and a parser call cannot be interrupted, so a task that overruns its budget is given up:
//! its result is reported as a timeout, a fresh worker takes its place, and the stuck thread
//! is left to end with the process.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// Stack for worker threads. Parsing, cloning and dropping deeply nested (but still accepted)
/// ASTs recurse; real files need little, but the depth limit must hold for hostile ones too.
/// Only touched pages are committed, so a large reservation costs nothing.
pub(crate) const WORKER_STACK: usize = 256 * 1024 * 1024;

/// How often the coordinator looks for overrunning tasks.
const TICK: Duration = Duration::from_millis(50);

/// What happened to one task.
pub enum TaskResult<R> {
    /// It finished.
    Done(R),
    /// It ran longer than the budget and was abandoned.
    TimedOut,
}

struct Shared<T, R> {
    items: Vec<T>,
    next: AtomicUsize,
    /// Who runs what, and what is settled (finished or given up). A task is settled exactly
    /// once, under this lock: by its worker or by the coordinator's timeout.
    state: Mutex<State<R>>,
    /// Signalled when the last task is settled, so the coordinator sleeps until then (or
    /// its next look for overruns) instead of waking for every result.
    all_settled: Condvar,
}

struct State<R> {
    /// Per worker slot: the task it is running and since when.
    running: Vec<Option<(usize, Instant)>>,
    /// One slot per item, filled by the worker that finished it.
    results: Vec<Option<R>>,
    settled: usize,
}

impl<T, R> Shared<T, R> {
    fn state(&self) -> MutexGuard<'_, State<R>> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Run `work` over `items` on `threads` workers; results come back in item order.
pub fn run_all<T, R, F>(
    items: Vec<T>,
    threads: usize,
    budget: Duration,
    work: F,
) -> Vec<TaskResult<R>>
where
    T: Send + Sync + 'static,
    R: Send + 'static,
    F: Fn(&T) -> R + Send + Sync + 'static,
{
    let total = items.len();
    if total == 0 {
        return Vec::new();
    }
    let threads = threads.clamp(1, total);
    let shared = Arc::new(Shared {
        items,
        next: AtomicUsize::new(0),
        state: Mutex::new(State {
            running: Vec::new(),
            results: (0..total).map(|_| None).collect(),
            settled: 0,
        }),
        all_settled: Condvar::new(),
    });
    let work = Arc::new(work);
    let spawn = |shared: &Arc<Shared<T, R>>| {
        let slot = {
            let mut state = shared.state();
            state.running.push(None);
            state.running.len() - 1
        };
        let (shared, work) = (Arc::clone(shared), Arc::clone(&work));
        let spawned = std::thread::Builder::new()
            .name(format!("base44-codegen-{slot}"))
            .stack_size(WORKER_STACK)
            .spawn(move || worker(slot, &shared, &*work));
        spawned.is_ok()
    };
    let mut alive = (0..threads).filter(|_| spawn(&shared)).count();
    if alive == 0 {
        // No threads at all (resource limits): do the work here, without a budget.
        let done: Vec<R> = shared.items.iter().map(|item| work(item)).collect();
        return done.into_iter().map(TaskResult::Done).collect();
    }
    let mut state = shared.state();
    while state.settled < total && alive > 0 {
        state = shared
            .all_settled
            .wait_timeout(state, TICK)
            .map_or_else(|e| e.into_inner().0, |(guard, _)| guard);
        let mut overdue = 0;
        for slot in state.running.iter_mut() {
            if slot.is_some_and(|(_, since)| since.elapsed() > budget) {
                // Forget the slot: its thread is stuck for good, its task is given up.
                *slot = None;
                overdue += 1;
            }
        }
        state.settled += overdue;
        if overdue > 0 {
            drop(state);
            for _ in 0..overdue {
                alive = alive.saturating_sub(1);
                if spawn(&shared) {
                    alive += 1;
                }
            }
            state = shared.state();
        }
    }
    // Taken out under the lock: threads given up on still hold `shared`.
    std::mem::take(&mut state.results)
        .into_iter()
        .map(|r| r.map_or(TaskResult::TimedOut, TaskResult::Done))
        .collect()
}

fn worker<T, R>(slot: usize, shared: &Shared<T, R>, work: &dyn Fn(&T) -> R) {
    loop {
        let i = shared.next.fetch_add(1, Ordering::SeqCst);
        let Some(item) = shared.items.get(i) else {
            return;
        };
        shared.state().running[slot] = Some((i, Instant::now()));
        let r = work(item);
        let mut state = shared.state();
        if state.running[slot].is_none() {
            // The coordinator gave up on this task and replaced this worker; stop quietly.
            return;
        }
        state.running[slot] = None;
        state.results[i] = Some(r);
        state.settled += 1;
        if state.settled == state.results.len() {
            shared.all_settled.notify_one();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_in_order_and_overruns_time_out() {
        let items: Vec<u64> = (0..20).collect();
        let results = run_all(items, 2, Duration::from_millis(300), |&n| {
            if n == 7 {
                // A task that never ends (bounded here so the test process can exit).
                std::thread::sleep(Duration::from_secs(5));
            }
            n * 2
        });
        assert_eq!(results.len(), 20);
        for (i, r) in results.iter().enumerate() {
            match r {
                TaskResult::Done(v) => assert_eq!(*v, i as u64 * 2),
                TaskResult::TimedOut => assert_eq!(i, 7),
            }
        }
        assert!(matches!(results[7], TaskResult::TimedOut));
    }
}
