//! `codegen`: generate typed bindings for a Base44 app's backend functions.

mod cli;

#[cfg(feature = "mimalloc")]
#[global_allocator]
static GLOBAL: base44_codegen::allocator::MiMalloc = base44_codegen::allocator::MiMalloc;

fn main() {
    no_huge_pages();
    let code = cli::run();
    exit_now(code);
}

/// End the process without the allocator's clean-up at exit. mimalloc hands every free page
/// back to the system when the process ends (for libraries unloaded and loaded again), about
/// 180 calls on a large app; the system takes all of a process's memory back at once anyway.
/// Output is flushed first: nothing else is buffered (files are written whole, unbuffered).
fn exit_now(code: i32) -> ! {
    use std::io::Write;
    let _ = std::io::stdout().flush();
    let _ = std::io::stderr().flush();
    #[cfg(target_os = "linux")]
    // SAFETY: `_exit` ends the process; no Rust code runs after it, so no invariant is left
    // to hold. Standard output and error were flushed just above.
    unsafe {
        libc::_exit(code)
    }
    #[cfg(not(target_os = "linux"))]
    std::process::exit(code)
}

/// Transparent huge pages off for this process. The allocator asks for them, and each one
/// touched is a 2 MB page the kernel zeroes, and must first assemble when memory is
/// fragmented: right after another large process (a Node build, a compiler) a run took 92 ms
/// with them and 75 ms without, and half the memory. Only the binary does this: the library
/// also runs inside build scripts and the compiler, whose settings are not ours to change.
fn no_huge_pages() {
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE only sets a flag on this process; no memory is passed.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}
