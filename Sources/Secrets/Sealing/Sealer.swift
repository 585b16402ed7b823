import YAML

/// Turns Secrets into SealedSecrets exactly as kubeseal's `Seal` and `NewSealedSecret` do
/// (FORMAT.md §2–4), minus the kubeconfig: a namespace must come from the Secret or a flag.
public struct Sealer: Sendable {
    public var key: RSAPublicKey
    /// `--scope`; nil means the flag was not given (strict, with the Secret's annotations deciding).
    public var scope: SealingScope?
    /// `--namespace`: fills a missing namespace; a different one in the Secret is an error.
    public var namespace: String?
    /// `--name`: replaces `metadata.name`.
    public var name: String?
    public var allowEmptyData = false

    public init(key: RSAPublicKey, scope: SealingScope? = nil, namespace: String? = nil, name: String? = nil) {
        self.key = key
        self.scope = scope
        self.namespace = namespace
        self.name = name
    }

    /// Seals one Secret. `forcedName`/`forcedNamespace` are `--merge-into`'s: the target's identity.
    public func seal(_ secret: SecretInput, forcedName: String? = nil, forcedNamespace: String? = nil) throws(SealError) -> SealedSecret {
        if secret.hasNoValues && !allowEmptyData {
            throw SealError.input(origin: secret.origin, problem: "the Secret has no data or stringData; pass --allow-empty-data if an empty SealedSecret is intended")
        }
        var meta = secret.metadata
        if let name, !name.isEmpty { meta.name = name }
        if let forcedName { meta.name = forcedName }
        guard !meta.name.isEmpty else {
            throw SealError.input(origin: secret.origin, problem: "missing metadata.name (set it in the Secret or pass --name)")
        }
        if let forcedNamespace { meta.namespace = forcedNamespace }
        if let scope, scope != .strict { meta.annotations = scope.applied(to: meta.annotations) }
        let effective = SealingScope(annotations: meta.annotations)
        if effective != .clusterWide {
            if let ns = namespace, !ns.isEmpty, !meta.namespace.isEmpty, meta.namespace != ns, forcedNamespace == nil {
                throw SealError.input(origin: secret.origin, problem: "namespace mismatch: the Secret is in namespace \"\(meta.namespace)\" but --namespace \"\(ns)\" was given")
            }
            if meta.namespace.isEmpty, let ns = namespace { meta.namespace = ns }
            guard !meta.namespace.isEmpty else {
                throw SealError.input(origin: secret.origin, problem: "\(effective.rawValue) scope needs a namespace: set metadata.namespace or pass --namespace (kustos reads no kubeconfig)")
            }
        }
        meta.clearServerFields()
        meta.ownerReferences = []

        var templateMeta = meta
        for a in ObjectMeta.lastAppliedAnnotations { templateMeta.annotations[a] = nil }
        var template = SealedSecret.Template(metadata: templateMeta)
        template.type = secret.type
        template.immutable = secret.immutable

        let label = effective.label(namespace: meta.namespace, name: meta.name)
        var encrypted: [String: String] = [:]
        for (k, v) in secret.data {
            encrypted[k] = Base64.encode(try HybridEncryption.encrypt(v, label: label, key: key))
        }
        for (k, v) in secret.stringData {
            encrypted[k] = Base64.encode(try HybridEncryption.encrypt(Array(v.utf8), label: label, key: key))
        }

        var outer = ObjectMeta(name: meta.name, namespace: meta.namespace)
        outer.annotations = effective.applied(to: [:])
        return SealedSecret(metadata: outer, template: template, encryptedData: encrypted)
    }

    /// `--raw`: one value sealed under the label of `scope`, as bare base64.
    public static func sealRaw(_ value: [UInt8], scope: SealingScope, namespace: String, name: String,
                               key: RSAPublicKey) throws(SealError) -> String {
        Base64.encode(try HybridEncryption.encrypt(value, label: scope.label(namespace: namespace, name: name), key: key))
    }
}
