import Testing
@testable import Kustomize
import YAML

@Suite struct ParallelTests {
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
        #expect(Parallel.map(workers: 5) { $0 } == [0, 1, 2, 3, 4])
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
