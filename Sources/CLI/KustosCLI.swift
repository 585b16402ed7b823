import Foundation
import Secrets

public enum KustosCLI {
    public static func run(_ args: [String]) -> Int32 {
        if args.first == "seal" { return SealCommand.run(Array(args.dropFirst())) }
        return 0
    }
}

extension CommandLine {
    public static func exitWith(_ code: Int32) -> Never { exit(code) }
}
