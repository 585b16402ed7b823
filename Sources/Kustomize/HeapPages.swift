#if os(Linux)
import CGlibc
import Glibc
import Foundation
import Synchronization

/// Asks the kernel for transparent huge pages (2 MiB) for the malloc heaps a
/// build allocates its nodes in, where the kernel gives them on request
/// (`/sys/kernel/mm/transparent_hugepage/enabled` set to `madvise`, the default
/// of most distributions).
///
/// Why: a 100-service build touches ~20 MiB of fresh heap, ~2,400 page faults of
/// 4 KiB (over half of them in malloc writing chunk headers into new pages); on
/// huge pages ~1,400 are left, and the build is ~1.4 ms faster (3–4%). It is what
/// glibc's `glibc.malloc.hugetlb=1` tunable does, which a program can only set
/// through its environment.
///
/// Only advice: if a heap is not laid out as expected or the kernel declines,
/// nothing changes but the speed.
enum HeapPages {
    /// glibc reserves each thread's own heap as a block of this size, aligned to it.
    static let threadHeapSize = 64 << 20

    /// The main thread's heap: grown now to at least 48 MiB more (address space
    /// only: pages are given when first touched) and advised as one range. Memory
    /// is not given back to the system during the run (a build is short), and
    /// blocks up to 1 MiB come from the heap rather than mappings of their own.
    static func adviseMainHeap() {
        // Other threads allocate from heaps of their own (unless they share this one).
        guard Thread.isMainThread, advisedMainHeap.load(ordering: .relaxed) == 0 else { return }
        if threadsShareMainHeap { _ = mallopt(M_ARENA_MAX, 1) }
        guard enabled, addressSpaceLimit == nil else { return }
        _ = mallopt(M_TRIM_THRESHOLD, 256 << 20)
        // The block comes from the heap (a higher mapping threshold for it alone).
        _ = mallopt(M_MMAP_THRESHOLD, 64 << 20)
        let before = Int(bitPattern: sbrk(0))
        let block = malloc(48 << 20)
        let after = Int(bitPattern: sbrk(0))
        if let block {
            _ = malloc_usable_size(block)  // the optimiser removes an unused malloc
            free(block)
        }
        _ = mallopt(M_MMAP_THRESHOLD, 1 << 20)
        guard block != nil, after > before else { return }
        let start = (before + 4095) & ~4095
        if madvise(UnsafeMutableRawPointer(bitPattern: start), after - start, MADV_HUGEPAGE) == 0 {
            advisedMainHeap.store(start, ordering: .relaxed)
        }
    }

    /// Where the advised range of the main heap starts (0: not advised).
    static let advisedMainHeap = Atomic<Int>(0)

    /// The calling thread's own heap (a worker's), advised whole.
    static func adviseThreadHeap() {
        guard enabled, !threadsShareMainHeap, let block = malloc(64) else { return }
        let base = Int(bitPattern: block) & ~(threadHeapSize - 1)
        free(block)
        _ = madvise(UnsafeMutableRawPointer(bitPattern: base), threadHeapSize, MADV_HUGEPAGE)
    }

    /// The address-space limit (`ulimit -v`) in bytes, nil when there is none.
    /// Under a limit the main heap is not grown ahead: glibc grows it by more than
    /// asked (112 MiB for the 48 MiB block), room the threads' heaps may need.
    static let addressSpaceLimit: UInt64? = {
        var limit = rlimit()
        guard getrlimit(__rlimit_resource_t(RLIMIT_AS.rawValue), &limit) == 0,
              limit.rlim_cur != rlim_t.max else { return nil }  // RLIM_INFINITY
        return UInt64(limit.rlim_cur)
    }()

    /// True under an address-space limit below 1 GiB: each thread's heap is a 64 MiB
    /// reservation (glibc first tries 128 MiB to align it), and where those do not
    /// fit, a thread without a heap of its own maps every block it allocates
    /// separately and soon runs out. All threads share the main heap instead.
    static let threadsShareMainHeap = (addressSpaceLimit ?? .max) < 1 << 30

    /// True when the kernel gives huge pages on request.
    static let enabled = Paths.readText("/sys/kernel/mm/transparent_hugepage/enabled")?.contains("[madvise]") ?? false
}
#else
enum HeapPages {
    static func adviseMainHeap() {}
    static func adviseThreadHeap() {}
}
#endif
