import YAML

/// `--merge-into`: seals new values for an existing SealedSecret and copies only them in,
/// like kubeseal's `SealMergingInto` (FORMAT.md §7). Every other byte of the target's
/// ciphertexts is kept, because untouched entries are copied as text, never re-sealed.
public enum MergeInto {
    /// The scope to seal with. kubeseal ignores the target's scope, which silently produces
    /// values the controller cannot open; kustos uses the target's scope unless the flag or the
    /// Secret's own annotations choose one, and refuses a choice that differs from the target's.
    public static func sealingScope(flag: SealingScope?, secretAnnotations: [String: String],
                                    target: SealingScope) -> SealingScope? {
        if flag != nil { return flag }
        let chosen = secretAnnotations[SealingScope.clusterWideAnnotation] != nil
            || secretAnnotations[SealingScope.namespaceWideAnnotation] != nil
        return chosen ? nil : (target == .strict ? nil : target)
    }

    /// Seals `secrets` for `target` and merges them in: new `encryptedData` entries replace
    /// those with the same key; template labels, annotations and data are merged the same way.
    public static func merge(_ secrets: [SecretInput], into target: SealedSecret, sealer: Sealer,
                             targetPath: String) throws(SealError) -> SealedSecret {
        var result = target
        let targetScope = target.scope
        for secret in secrets {
            var s = sealer
            s.scope = sealingScope(flag: sealer.scope, secretAnnotations: secret.metadata.annotations, target: targetScope)
            let update = try s.seal(secret, forcedName: target.metadata.name, forcedNamespace: target.metadata.namespace)
            let newScope = SealingScope(annotations: update.template.metadata.annotations)
            guard newScope == targetScope else {
                throw SealError.mergeTarget(path: targetPath, problem: "it is \(targetScope.rawValue)-scoped but the new values would be sealed \(newScope.rawValue); the controller could not decrypt them (drop --scope or the Secret's scope annotation)")
            }
            apply(update, to: &result)
        }
        return result
    }

    /// The copy step alone.
    public static func apply(_ update: SealedSecret, to target: inout SealedSecret) {
        for (k, v) in update.encryptedData { target.encryptedData[k] = v }
        for (k, v) in update.template.metadata.labels { target.template.metadata.labels[k] = v }
        for (k, v) in update.template.metadata.annotations { target.template.metadata.annotations[k] = v }
        for (k, v) in update.template.data { target.template.data[k] = v }
    }
}
