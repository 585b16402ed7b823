import Foundation
import Scan

public enum KustosCLI {
    public static func run(_ args: [String]) -> Int32 {
        if args.first == "scan" { return ScanCommand.run(Array(args.dropFirst())) }
        if args.first == "hook" { return HookCommand.run(Array(args.dropFirst())) }
        return 0
    }
}

extension CommandLine {
    public static func exitWith(_ code: Int32) -> Never { exit(code) }
}
