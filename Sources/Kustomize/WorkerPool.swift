import Foundation
import Synchronization

/// The threads that run parallel stages beside the calling thread: one per core
/// but the caller's, started once, kept spinning for a short while after each
/// stage before they sleep.
///
/// Why not `DispatchQueue.concurrentPerform`: a build is some sixty short
/// parallel stages (0.05 to 10 ms) between short one-core stretches, most gaps
/// under 0.2 ms. Dispatch's workers sleep between stages, and on a virtual
/// machine a sleeping core can take from 10 µs to over 1 ms to wake: measured
/// at 100 services, the other core joined stages ~7 ms late in total, and ten
/// stages ended before it came. A worker still spinning when the next stage
/// starts joins it at once; after 2 ms without one it sleeps. (With 0.3 ms, the
/// worker, started while the build reads its root kustomization, was often
/// asleep when the first stages came, and joined them late or not at all. In
/// interleaved A/B runs of 150 and 50 rounds, 2 ms took 10 services from 9.3 to
/// 8.9 ms (first quartile 8.4 -> 7.9) and 100 services from 33.7 to 32.4 ms (31.8
/// -> 31.1), for about the same CPU time; shorter A/B runs earlier showed more,
/// within the noise.)
///
/// One thread per other core, as the work needs: on a machine whose cores are
/// busy with other processes, dispatch (which may run a stage on more threads
/// than cores) takes a larger share than this pool does.
final class WorkerPool: @unchecked Sendable {
    /// One pool per process, with `Parallel.cores - 1` threads.
    static let shared = WorkerPool(threads: Parallel.cores - 1)

    /// How long a worker waits for the next stage, spinning (yielding to any
    /// other thread that wants its core), before it sleeps.
    static let spinNanoseconds: UInt64 = 2_000_000

    /// One stage: `iterations` calls of `body`, each index taken once by whichever
    /// thread claims it first.
    final class Job: @unchecked Sendable {
        let iterations: Int
        let body: (Int) -> Void
        let next = Atomic<Int>(0)
        let done = Atomic<Int>(0)

        init(iterations: Int, body: @escaping (Int) -> Void) {
            self.iterations = iterations
            self.body = body
        }

        /// Runs iterations until none is left to claim.
        func work() {
            while true {
                let i = next.wrappingAdd(1, ordering: .relaxed).oldValue
                if i >= iterations { return }
                body(i)
                done.wrappingAdd(1, ordering: .releasing)
            }
        }
    }

    let threads: Int
    /// The stage being run, published under `lock`; its number tells a worker
    /// that a new one started.
    private var job: Job?
    private let stage = Atomic<Int>(0)
    /// Workers holding a reference to the current job.
    private let holding = Atomic<Int>(0)
    /// True while a stage runs: a stage started inside one (by its body) runs on
    /// its caller's thread alone.
    private let running = Atomic<Bool>(false)
    private let lock = NSCondition()

    private init(threads: Int) {
        self.threads = max(threads, 0)
        for _ in 0..<self.threads {
            let thread = Thread { [unowned self] in self.workerLoop() }
            thread.stackSize = 8 << 20
            thread.start()
        }
    }

    /// `body(i)` for every `i` in `0..<iterations`, on this thread and the pool's;
    /// returns when all are done. Nested stages run on the calling thread.
    func perform(iterations: Int, _ body: (Int) -> Void) {
        guard iterations > 1, threads > 0,
              running.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged else {
            for i in 0..<iterations { body(i) }
            return
        }
        withoutActuallyEscaping(body) { body in
            let job = Job(iterations: iterations, body: body)
            lock.lock()
            self.job = job
            stage.wrappingAdd(1, ordering: .releasing)
            lock.broadcast()
            lock.unlock()
            job.work()
            // Every claimed iteration finished, and no worker still holds the job
            // (its body must not outlive this call).
            lock.lock()
            self.job = nil
            lock.unlock()
            while job.done.load(ordering: .acquiring) < iterations || holding.load(ordering: .acquiring) > 0 {
                sched_yield()
            }
        }
        running.store(false, ordering: .releasing)
    }

    private func workerLoop() {
        HeapPages.adviseThreadHeap()
        var seen = 0
        while true {
            // Spin for the next stage for a while (stages come in quick
            // succession), then sleep until one starts.
            let start = DispatchTime.now().uptimeNanoseconds
            while stage.load(ordering: .acquiring) == seen {
                if DispatchTime.now().uptimeNanoseconds - start > Self.spinNanoseconds { break }
                sched_yield()
            }
            if joinStage(&seen) {
                // The job was let go of when `joinStage` returned.
                holding.wrappingSubtract(1, ordering: .releasing)
            }
        }
    }

    /// Waits for a stage after `seen` and works on it; true when it held the job.
    private func joinStage(_ seen: inout Int) -> Bool {
        lock.lock()
        while stage.load(ordering: .acquiring) == seen { lock.wait() }
        seen = stage.load(ordering: .acquiring)
        let current = job
        if current != nil { holding.wrappingAdd(1, ordering: .relaxed) }
        lock.unlock()
        guard let current else { return false }
        current.work()
        return true
    }
}
