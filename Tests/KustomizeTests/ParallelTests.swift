import Foundation
import Synchronization
import Testing
@testable import Kustomize
import YAML

@Suite struct ParallelTests {
    /// The cores counted without Foundation are the cores Foundation counts.
    @Test func availableCoresAsFoundationCountsThem() {
        #expect(Parallel.availableCores() == ProcessInfo.processInfo.activeProcessorCount)
    }

    @Test func cgroupQuotaRoundsUpAndIgnoresNoLimit() throws {
        let cases: [([String: String], Int?)] = [
            (["cpu.max": "max 100000\n"], nil),
            (["cpu.max": "150000 100000\n"], 2),
            (["cpu.max": "100000 100000\n"], 1),
            (["cpu.max": "50000 100000\n"], 1),
            (["cpu/cpu.cfs_quota_us": "-1\n", "cpu/cpu.cfs_period_us": "100000\n"], nil),
            (["cpu/cpu.cfs_quota_us": "300000\n", "cpu/cpu.cfs_period_us": "100000\n"], 3),
            (["cpu/cpu.cfs_quota_us": "250000\n"], nil),
            ([:], nil),
        ]
        for (files, want) in cases {
            let tree = try TempTree(text: files)
            defer { tree.remove() }
            #expect(Parallel.cgroupCPUQuota(root: tree.path) == want, "\(files)")
        }
    }

    @Test func chunksCoverEveryItemOnce() {
        for count in [0, 1, 7, 16, 1000, 1001] {
            for workers in 1...9 {
                let covered = (0..<workers).flatMap { Array(Parallel.chunk($0, of: workers, count: count)) }
                #expect(covered == Array(0..<count), "count \(count), workers \(workers)")
            }
        }
    }

    @Test func mapKeepsItemOrder() {
        let items = Array(0..<5000)
        #expect(Parallel.map(items, threshold: 2) { $0 * 2 } == items.map { $0 * 2 })
        #expect(Parallel.map(items, threshold: 2, eachAlone: true) { $0 * 2 } == items.map { $0 * 2 })
        #expect(Parallel.map([7], threshold: 2, eachAlone: true) { $0 + 1 } == [8])
        #expect(Parallel.map(workers: 5) { $0 } == [0, 1, 2, 3, 4])
    }

    final class Counter: Sendable {
        let value = Atomic<Int>(0)
    }

    /// Every iteration of every stage runs exactly once, stages back to back
    /// (workers still spinning) and after pauses (workers asleep).
    @Test func workerPoolRunsEveryIterationOnce() {
        let pool = WorkerPool.shared
        var generator = SystemRandomNumberGenerator()
        for round in 0..<600 {
            let n = Int.random(in: 0...40, using: &generator)
            let counts = (0..<n).map { _ in Counter() }
            pool.perform(iterations: n) { i in counts[i].value.wrappingAdd(1, ordering: .relaxed) }
            #expect(counts.allSatisfy { $0.value.load(ordering: .relaxed) == 1 }, "round \(round), \(n) iterations")
            if round % 100 == 99 { usleep(2_000) }  // longer than the spin: the workers sleep
        }
    }

    /// A stage started inside a stage, or from another thread while one runs,
    /// runs on its caller's thread; all of it completes.
    @Test func workerPoolNestedAndConcurrentStages() async {
        let total = Atomic<Int>(0)
        WorkerPool.shared.perform(iterations: 8) { _ in
            WorkerPool.shared.perform(iterations: 8) { _ in total.wrappingAdd(1, ordering: .relaxed) }
        }
        #expect(total.load(ordering: .relaxed) == 64)
        let sums = await withTaskGroup(of: Int.self) { group in
            for t in 0..<4 {
                group.addTask {
                    var sum = 0
                    for _ in 0..<50 {
                        let parts = Parallel.map(workers: 8) { w in (w + 1) * (t + 1) }
                        sum += parts.reduce(0, +)
                    }
                    return sum
                }
            }
            var all: [Int] = []
            for await s in group { all.append(s) }
            return all.sorted()
        }
        #expect(sums == (1...4).map { 50 * 36 * $0 })
    }

    func map(_ count: Int) throws -> ResourceMap {
        var map = ResourceMap()
        for i in 0..<count {
            let node = try #require(try Parser.parseFirst("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c\(i)}\n"))
            try map.append(Resource(node: node))
        }
        return map
    }

    /// Each resource is changed once, results come back in `indexes` order.
    @Test func updateEachChangesEveryGivenResource() throws {
        var m = try map(500)
        let indexes = Array(stride(from: 1, to: 500, by: 3))
        let names = try m.updateEach(at: indexes) { (r: inout Resource) throws(KustomizeError) -> String in
            r.node.set(["metadata", "labels", "seen"], .string("yes"))
            return r.name
        }
        #expect(names == indexes.map { "c\($0)" })
        for (i, r) in m.resources.enumerated() {
            #expect((r.node[["metadata", "labels", "seen"]] != nil) == indexes.contains(i))
        }
    }

    /// With failures in several parts, the error thrown is the one a loop would meet first.
    @Test func updateEachThrowsTheFirstErrorInOrder() throws {
        var m = try map(400)
        do {
            try m.updateEach { (r: inout Resource) throws(KustomizeError) in
                if r.name == "c137" || r.name == "c390" || r.name == "c201" { throw .message("failed at \(r.name)") }
            }
            Issue.record("expected an error")
        } catch {
            #expect("\(error)" == "failed at c137")
        }
    }
}
