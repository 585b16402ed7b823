import CGlibc
import Foundation

/// Work split over the machine's cores where the items are independent: parsing
/// files, transforming resources one at a time, emitting documents.
public enum Parallel {
    /// Cores used (at most 8: beyond that the sequential stages dominate).
    public static let cores = min(availableCores(), 8)

    /// The cores this process may use, counted as Foundation's
    /// `activeProcessorCount` counts them on Linux: the CPUs of the affinity mask,
    /// fewer under a cgroup CPU quota (a container allowed 1.5 CPUs gets 2). Read
    /// here with four system calls: Foundation's reading of the same files cost
    /// ~0.4M instructions, a sixth of a one-resource build.
    static func availableCores() -> Int {
        var count = Int(kustos_affinity_cpu_count())
        if count <= 0 { count = max(sysconf(Int32(_SC_NPROCESSORS_ONLN)), 1) }
        if let quota = cgroupCPUQuota() { count = min(count, quota) }
        return max(count, 1)
    }

    /// Whole CPUs a cgroup quota allows (rounded up), nil without a quota:
    /// cgroup v2 `cpu.max` ("max 100000" or "150000 100000"), else v1's
    /// `cpu.cfs_quota_us` (-1 without a quota) and `cpu.cfs_period_us`.
    static func cgroupCPUQuota(root: String = "/sys/fs/cgroup") -> Int? {
        if let max = readNumbers(root + "/cpu.max") {
            return max.count == 2 ? quotaCPUs(quota: max[0], period: max[1]) : nil
        }
        guard let quota = readNumbers(root + "/cpu/cpu.cfs_quota_us")?.first,
              let period = readNumbers(root + "/cpu/cpu.cfs_period_us")?.first else { return nil }
        return quotaCPUs(quota: quota, period: period)
    }

    private static func quotaCPUs(quota: Int, period: Int) -> Int? {
        quota > 0 && period > 0 ? (quota + period - 1) / period : nil
    }

    /// The whitespace-separated decimal numbers of a small file (a word that is
    /// not one, such as `max`, is left out); nil when it cannot be read.
    static func readNumbers(_ path: String) -> [Int]? {
        let fd = open(path, O_RDONLY)
        if fd < 0 { return nil }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 128)
        let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if n < 0 { return nil }
        return buffer[..<n].split(whereSeparator: { $0 == 0x20 || $0 == 0x0A || $0 == 0x09 })
            .compactMap { Int(String(decoding: $0, as: UTF8.self)) }
    }

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

    /// The `w`-th of `workers` contiguous, nearly equal parts of `0..<count`.
    public static func chunk(_ w: Int, of workers: Int, count: Int) -> Range<Int> {
        let size = (count + workers - 1) / max(workers, 1)
        return min(count, w * size)..<min(count, (w + 1) * size)
    }
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

    /// The same for heavy work per resource, a patch (merging a workload takes
    /// ~30 µs, a stage on the spinning pool a few).
    static let heavyParallelThreshold = 4

    /// Calls `body` on the resource at each of `indexes` (no repeats), on all cores
    /// when there are many, and returns the results in `indexes` order. `body` may
    /// change only the resource it is given and read only what no other call
    /// changes. The error thrown is the one a sequential loop would have met first.
    /// `threshold`: the count from which the resources go to all cores (lower for
    /// heavy work per resource, such as a strategic merge).
    @discardableResult
    mutating func updateEach<T>(at indexes: [Int], threshold: Int = parallelThreshold,
                                _ body: (inout Resource) throws(KustomizeError) -> T) throws(KustomizeError) -> [T] {
        try updateEachIndexed(at: indexes, threshold: threshold) { (_, r: inout Resource) throws(KustomizeError) -> T in try body(&r) }
    }

    /// `updateEach(at:)` whose `body` also gets the resource's index.
    @discardableResult
    mutating func updateEachIndexed<T>(at indexes: [Int], threshold: Int = parallelThreshold,
                                       _ body: (Int, inout Resource) throws(KustomizeError) -> T) throws(KustomizeError) -> [T] {
        let workers = Parallel.workers(for: indexes.count, threshold: threshold)
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
