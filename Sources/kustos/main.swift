import CLI
import Foundation

// glibc's allocator grows each thread's heap a page at a time (one mprotect per
// step) and gives freed tops back at once; a build allocates some 100 MB in a
// fraction of a second and exits. Growing in large steps and keeping what was
// freed took the allocator's system calls from ~6,700 to ~20 at 1000 services.
@_silgen_name("mallopt") func mallopt(_ param: Int32, _ value: Int32) -> Int32
_ = mallopt(-2, 64 << 20)  // M_TOP_PAD
_ = mallopt(-1, 256 << 20)  // M_TRIM_THRESHOLD

exit(KustosCLI.run(Array(CommandLine.arguments.dropFirst())))
