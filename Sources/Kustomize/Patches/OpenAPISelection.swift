import Foundation
import YAML

/// The schema strategic merge patches use during one build, chosen by the
/// kustomization field `openapi: {version | path}` (TRANSFORMERS.md §10.7).
/// kustomize keeps this in a process global: the top-level kustomization sets it
/// (or resets it to the built-in one), and when it has no `openapi` the first
/// base or component that has one sets it for the rest of the build. Here one
/// instance is shared by everything in a build, like `Warnings`.
public final class OpenAPISelection: @unchecked Sendable {
    private let lock = NSLock()
    private var custom: PatchSchema?
    private var isSet = false

    public init() {}

    /// The schema in force now.
    public var schema: PatchSchema {
        lock.lock()
        defer { lock.unlock() }
        return custom ?? .builtin
    }

    /// kustomize's `openapi.SetSchema`: a later call only changes the schema
    /// when `reset` is true (the top-level kustomization) or nothing is set yet.
    /// When resources were already loaded, kyaml has flagged its built-in schema
    /// for use and adds it on top of a custom one (`afterResources`).
    public func apply(_ field: Node?, loader: Loader, reset: Bool, afterResources: Bool = false) throws(KustomizeError) {
        let m = field?.mapping ?? Mapping()
        let path = m["path"]?.string
        let version = m["version"]?.string
        // The file is loaded (and can fail) before kustomize looks at the current setting.
        var document: Node?
        if let path {
            let text = try loader.readText(path)
            do {
                document = try Parser.parseFirst(text) ?? .mapping(Mapping())
            } catch {
                throw .message("invalid OpenAPI schema \(path): \(error)")
            }
        }
        lock.lock()
        let alreadySet = isSet
        lock.unlock()
        if alreadySet && !reset { return }
        if let document {
            if version != nil { throw .message("builtin version and custom schema provided, cannot use both") }
            let compiled = try PatchSchema(openAPIDocument: document, base: afterResources ? .builtin : nil)
            set(compiled, isSet: true)
            return
        }
        guard let version, !version.isEmpty else {
            if reset { set(nil, isSet: false) }
            return
        }
        guard version == "v1.21.2" else { throw .message("the specified OpenAPI version is not built in") }
        set(nil, isSet: true)
    }

    private func set(_ schema: PatchSchema?, isSet: Bool) {
        lock.lock()
        defer { lock.unlock() }
        custom = schema
        self.isSet = isSet
    }
}
