import Dispatch
import Foundation

/// Work split over the machine's cores where the items are independent: parsing
/// files, transforming resources one at a time, emitting documents.
public enum Parallel {
    /// Cores used (at most 8: beyond that the sequential stages dominate).
    public static let cores = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8))

    /// Parts to split `count` independent items into: from `threshold` items on,
    /// a few per core (threads take the next part as they finish one, so a core
    /// slowed by other work does not hold the rest back), else one.
    public static func workers(for count: Int, threshold: Int) -> Int {
        count >= threshold && cores > 1 ? min(cores * 4, count) : 1
    }

    /// `body(w)` for every worker `w` in `0..<workers`, concurrently; the results in
    /// worker order. The caller promises that the calls share nothing they change.
    public static func map<T>(workers: Int, _ body: (Int) -> T) -> [T] {
        if workers <= 1 { return workers == 1 ? [body(0)] : [] }
        let slots = Slots<T>(count: workers)
        WorkerPool.shared.perform(iterations: workers) { w in slots[w] = body(w) }
        return (0..<workers).map { slots[$0]! }
    }

    /// `transform` of every item, on all cores from `threshold` items on; the results in item order.
    /// Each worker writes its results straight into the result array (no parts to join).
    /// `eachAlone`: every item is a part of its own (for few, heavy items, such as
    /// the directories of a walk level, so that the cores finish together).
    public static func map<T, U>(_ items: [T], threshold: Int, eachAlone: Bool = false,
                                 _ transform: (T) -> U) -> [U] {
        var workers = workers(for: items.count, threshold: threshold)
        if eachAlone && workers > 1 { workers = items.count }
        if workers == 1 { return items.map(transform) }
        return Array(unsafeUninitializedCapacity: items.count) { buffer, initialized in
            let results = buffer.baseAddress!
            WorkerPool.shared.perform(iterations: workers) { w in
                for i in chunk(w, of: workers, count: items.count) {
                    (results + i).initialize(to: transform(items[i]))
                }
            }
            initialized = items.count
        }
    }

    /// Lets go of `value` on another thread (it must hold the last references to
    /// what it holds): freeing a large structure there overlaps with the work that follows.
    static func releaseElsewhere<T>(_ value: consuming T) {
        let handed = Unchecked(consume value)
        inBackground { withExtendedLifetime(handed) {} }
    }

    /// Runs `work` on another thread now, without waiting for it.
    static func inBackground(_ work: @escaping @Sendable () -> Void) {
        DispatchQueue.global().async(execute: work)
    }

    /// The `w`-th of `workers` contiguous, nearly equal parts of `0..<count`.
    public static func chunk(_ w: Int, of workers: Int, count: Int) -> Range<Int> {
        let size = (count + workers - 1) / max(workers, 1)
        return min(count, w * size)..<min(count, (w + 1) * size)
    }
}

/// A value handed to concurrent workers on the caller's promise that they use it safely.
struct Unchecked<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}

/// Write-once result slots shared by the threads of one parallel stage: each
/// index is written by exactly one worker and read after all of them finished.
public final class Slots<T>: @unchecked Sendable {
    private let buffer: UnsafeMutableBufferPointer<T?>

    public init(count: Int) {
        buffer = .allocate(capacity: count)
        buffer.initialize(repeating: nil)
    }

    deinit {
        buffer.deinitialize()
        buffer.deallocate()
    }

    public subscript(i: Int) -> T? {
        get { buffer[i] }
        set { buffer[i] = newValue }
    }
}

extension ResourceMap {
    /// Resources at least this many are transformed on all cores.
    static let parallelThreshold = 16

    /// Calls `body` on the resource at each of `indexes` (no repeats), on all cores
    /// when there are many, and returns the results in `indexes` order. `body` may
    /// change only the resource it is given and read only what no other call
    /// changes. The error thrown is the one a sequential loop would have met first.
    @discardableResult
    mutating func updateEach<T>(at indexes: [Int],
                                _ body: (inout Resource) throws(KustomizeError) -> T) throws(KustomizeError) -> [T] {
        try updateEachIndexed(at: indexes) { (_, r: inout Resource) throws(KustomizeError) -> T in try body(&r) }
    }

    /// `updateEach(at:)` whose `body` also gets the resource's index.
    @discardableResult
    mutating func updateEachIndexed<T>(at indexes: [Int],
                                       _ body: (Int, inout Resource) throws(KustomizeError) -> T) throws(KustomizeError) -> [T] {
        let workers = Parallel.workers(for: indexes.count, threshold: Self.parallelThreshold)
        if workers == 1 {
            var out: [T] = []
            out.reserveCapacity(indexes.count)
            for i in indexes { out.append(try body(i, &resources[i])) }
            return out
        }
        let parts = resources.withUnsafeMutableBufferPointer { buffer in
            Parallel.map(workers: workers) { w -> Result<[T], KustomizeError> in
                let range = Parallel.chunk(w, of: workers, count: indexes.count)
                var out: [T] = []
                out.reserveCapacity(range.count)
                for p in range {
                    do throws(KustomizeError) {
                        out.append(try body(indexes[p], &buffer[indexes[p]]))
                    } catch {
                        return .failure(error)
                    }
                }
                return .success(out)
            }
        }
        // Chunks are in `indexes` order: the first failing chunk holds the first error.
        var out: [T] = []
        out.reserveCapacity(indexes.count)
        for part in parts {
            switch part {
            case .success(let values): out += values
            case .failure(let error): throw error
            }
        }
        return out
    }

    /// `updateEach(at:)` over every resource.
    @discardableResult
    mutating func updateEach<T>(_ body: (inout Resource) throws(KustomizeError) -> T) throws(KustomizeError) -> [T] {
        try updateEach(at: Array(resources.indices), body)
    }
}
