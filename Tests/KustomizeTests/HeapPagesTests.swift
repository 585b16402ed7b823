#if os(Linux)
import Foundation
import Testing
@testable import Kustomize

/// The huge-page advice reaches the heaps it is meant for: the kernel marks an
/// advised mapping `hg` in `/proc/self/smaps`.
@Suite struct HeapPagesTests {
    /// The VmFlags of the mapping holding `address`.
    static func flags(at address: Int) -> [Substring] {
        guard let smaps = Paths.readText("/proc/self/smaps") else { return [] }
        var inside = false
        for line in smaps.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            if let range = fields.first, range.contains("-"), !range.hasSuffix(":") {
                let bounds = range.split(separator: "-").compactMap { Int($0, radix: 16) }
                inside = bounds.count == 2 && bounds[0] <= address && address < bounds[1]
            } else if inside, fields.first == "VmFlags:" {
                return Array(fields.dropFirst())
            }
        }
        return []
    }

    /// Off the main thread (where tests run) the main heap is left alone: a
    /// large block there would come from the thread's own heap or a mapping.
    /// (On the main thread, as `kustos build` calls it, `strace -e madvise`
    /// shows the ~112 MiB range advised.)
    @Test(.enabled(if: HeapPages.enabled)) func mainHeapOnlyFromMainThread() async {
        let advised = await withCheckedContinuation { (done: CheckedContinuation<Int, Never>) in
            Thread {
                HeapPages.adviseMainHeap()
                done.resume(returning: HeapPages.advisedMainHeap.load(ordering: .relaxed))
            }.start()
        }
        #expect(advised == 0)
    }

    @Test(.enabled(if: HeapPages.enabled)) func threadHeapIsAdvised() async {
        let flags = await withCheckedContinuation { (done: CheckedContinuation<[Substring], Never>) in
            let thread = Thread {
                HeapPages.adviseThreadHeap()
                let block = malloc(64)!
                defer { free(block) }
                done.resume(returning: Self.flags(at: Int(bitPattern: block)))
            }
            thread.start()
        }
        #expect(flags.contains("hg"))
    }
}
#endif
