import YAML

/// The identity the controller derives a SealedSecret's OAEP label from (FORMAT.md §2):
/// its own top-level name, namespace and scope annotations.
public struct SealedSecretIdentity: Sendable, Equatable {
    public var name: String
    public var namespace: String
    public var scope: SealingScope

    public init(name: String, namespace: String, scope: SealingScope) {
        self.name = name
        self.namespace = namespace
        self.scope = scope
    }

    /// Nil for anything that is not a `SealedSecret` object.
    public init?(_ node: Node) {
        guard node["kind"]?.string == SealedSecret.kind,
              (node["apiVersion"]?.string ?? "").hasPrefix("bitnami.com/") else { return nil }
        let meta = node["metadata"]
        name = meta?["name"]?.string ?? ""
        namespace = meta?["namespace"]?.string ?? ""
        scope = SealingScope(metadata: meta)
    }

    var display: String { namespace.isEmpty ? name : "\(namespace)/\(name)" }
}

/// The warning for one SealedSecret whose identity the build changed in a way the controller
/// cannot follow, or nil when it will still decrypt: a strict one renamed or moved, a
/// namespace-wide one moved, or any change of its scope annotations. A namespace added to a
/// SealedSecret that had none is not reported, since that is how overlays place base objects.
public func sealedSecretScopeWarning(file: String, before: SealedSecretIdentity, after: SealedSecretIdentity) -> String? {
    var changes: [String] = []
    if before.scope == .strict && after.name != before.name {
        changes.append("its name from \"\(before.name)\" to \"\(after.name)\"")
    }
    if before.scope != .clusterWide && !before.namespace.isEmpty && after.namespace != before.namespace {
        changes.append("its namespace from \"\(before.namespace)\" to \"\(after.namespace)\"")
    }
    if after.scope != before.scope {
        changes.append("its scope annotations from \(before.scope.rawValue) to \(after.scope.rawValue)")
    }
    guard !changes.isEmpty else { return nil }
    let sealedAs: String
    switch before.scope {
    case .strict: sealedAs = before.namespace.isEmpty ? "name \"\(before.name)\"" : "\(before.namespace)/\(before.name)"
    case .namespaceWide: sealedAs = "namespace \"\(before.namespace)\""
    case .clusterWide: sealedAs = "any name and namespace"
    }
    return "warning: \(file): SealedSecret \(before.display) (\(before.scope.rawValue) scope): the build changed "
        + changes.joined(separator: " and ")
        + "; its values are sealed for \(sealedAs), so the sealed-secrets controller cannot decrypt them."
        + " Reseal it for the new identity, or seal it with a wider --scope."
}

/// Warnings for every SealedSecret of a build. `before` holds the objects as loaded from their
/// files, `after` the build's output; both may contain any kinds, only SealedSecrets are looked
/// at. Objects are paired by their ciphertexts, which are unique per sealing and which no
/// transformer rewrites, so renames, namespace changes and reordering do not break the pairing.
public func sealedSecretScopeWarnings(before: [(file: String, node: Node)], after: [Node]) -> [String] {
    var remaining: [(identity: SealedSecretIdentity, ciphertexts: Set<Ciphertext>)] = []
    for node in after {
        if let id = SealedSecretIdentity(node) { remaining.append((id, ciphertexts(node))) }
    }
    var warnings: [String] = []
    for (file, node) in before {
        guard let id = SealedSecretIdentity(node) else { continue }
        let mine = ciphertexts(node)
        guard !mine.isEmpty,
              let i = remaining.firstIndex(where: { !$0.ciphertexts.isDisjoint(with: mine) }) else { continue }
        let match = remaining.remove(at: i)
        if let w = sealedSecretScopeWarning(file: file, before: id, after: match.identity) { warnings.append(w) }
    }
    return warnings
}

private func ciphertexts(_ node: Node) -> Set<Ciphertext> {
    let entries = node["spec"]?["encryptedData"]?.mapping?.entries ?? []
    var out = Set<Ciphertext>(minimumCapacity: entries.count)
    for e in entries {
        if let v = e.value.string, !v.isEmpty { out.insert(Ciphertext(text: v)) }
    }
    return out
}

/// A ciphertext compared whole but hashed by its first 64 bytes: ciphertexts are
/// hundreds of bytes of base64 that differ from their start (random session keys),
/// and hashing all of them was most of the pairing's time.
struct Ciphertext: Hashable {
    let text: String

    func hash(into hasher: inout Hasher) {
        text.withBytes { hasher.combine(bytes: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: $0.prefix(64)))) }
    }

    static func == (a: Ciphertext, b: Ciphertext) -> Bool { a.text.bytesEqual(b.text) }
}
