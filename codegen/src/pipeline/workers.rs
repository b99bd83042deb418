//! A small worker pool with a time budget per task.
//!
//! swc's parser can take exponential time on some malformed TypeScript (fuzzing found a
//! 133-byte file that never finishes). A generator that runs inside every build must not hang
//! it, and a parser call cannot be interrupted, so a task that overruns its budget is given up:
//! its result is reported as a timeout, a fresh worker takes its place, and the stuck thread
//! is left to end with the process.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
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

struct Shared<T> {
    items: Vec<T>,
    next: AtomicUsize,
    /// Per worker slot: the task it is running and since when.
    running: Mutex<Vec<Option<(usize, Instant)>>>,
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
    let mut results: Vec<Option<TaskResult<R>>> = (0..total).map(|_| None).collect();
    if total == 0 {
        return Vec::new();
    }
    let threads = threads.clamp(1, total);
    let shared = Arc::new(Shared {
        items,
        next: AtomicUsize::new(0),
        running: Mutex::new(Vec::new()),
    });
    let work = Arc::new(work);
    let (tx, rx) = mpsc::channel::<(usize, R)>();
    let spawn = |shared: &Arc<Shared<T>>| {
        let slot = {
            let mut running = shared.running.lock().unwrap_or_else(|e| e.into_inner());
            running.push(None);
            running.len() - 1
        };
        let (shared, work, tx) = (Arc::clone(shared), Arc::clone(&work), tx.clone());
        let spawned = std::thread::Builder::new()
            .name(format!("base44-codegen-{slot}"))
            .stack_size(WORKER_STACK)
            .spawn(move || worker(slot, &shared, &*work, &tx));
        spawned.is_ok()
    };
    let mut alive = (0..threads).filter(|_| spawn(&shared)).count();
    if alive == 0 {
        // No threads at all (resource limits): do the work here, without a budget.
        for (i, item) in shared.items.iter().enumerate() {
            results[i] = Some(TaskResult::Done(work(item)));
        }
    }
    let mut pending = if alive == 0 { 0 } else { total };
    while pending > 0 {
        match rx.recv_timeout(TICK) {
            Ok((i, r)) => {
                if results[i].is_none() {
                    results[i] = Some(TaskResult::Done(r));
                    pending -= 1;
                }
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {}
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
        }
        let overdue: Vec<usize> = {
            let mut running = shared.running.lock().unwrap_or_else(|e| e.into_inner());
            running
                .iter_mut()
                .filter_map(|slot| match *slot {
                    Some((i, since)) if since.elapsed() > budget => {
                        // Forget the slot: its thread is stuck for good.
                        *slot = None;
                        Some(i)
                    }
                    _ => None,
                })
                .collect()
        };
        for i in overdue {
            if results[i].is_none() {
                results[i] = Some(TaskResult::TimedOut);
                pending -= 1;
            }
            alive = alive.saturating_sub(1);
            if spawn(&shared) {
                alive += 1;
            }
        }
        if alive == 0 {
            break;
        }
    }
    results
        .into_iter()
        .map(|r| r.unwrap_or(TaskResult::TimedOut))
        .collect()
}

fn worker<T, R>(
    slot: usize,
    shared: &Shared<T>,
    work: &dyn Fn(&T) -> R,
    tx: &mpsc::Sender<(usize, R)>,
) {
    loop {
        let i = shared.next.fetch_add(1, Ordering::SeqCst);
        let Some(item) = shared.items.get(i) else {
            return;
        };
        set_running(shared, slot, Some((i, Instant::now())));
        let r = work(item);
        let abandoned = {
            let running = shared.running.lock().unwrap_or_else(|e| e.into_inner());
            running.get(slot).is_some_and(|s| s.is_none())
        };
        if abandoned {
            // The coordinator gave up on this task and replaced this worker; stop quietly.
            return;
        }
        set_running(shared, slot, None);
        if tx.send((i, r)).is_err() {
            return;
        }
    }
}

fn set_running<T>(shared: &Shared<T>, slot: usize, value: Option<(usize, Instant)>) {
    let mut running = shared.running.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(s) = running.get_mut(slot) {
        *s = value;
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
