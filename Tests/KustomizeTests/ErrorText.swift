@testable import Kustomize

/// The message of the error `body` throws, or nil when it succeeds.
func errorText(_ body: () throws -> Void) -> String? {
    do {
        try body()
        return nil
    } catch {
        return "\(error)"
    }
}
