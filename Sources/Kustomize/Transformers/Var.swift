import YAML

/// One `vars:` entry: a name, the object it reads (`objref`) and the field
/// (`fieldref.fieldpath`, default `metadata.name`).
public struct Var: Sendable, Equatable {
    public var name: String
    /// The object's group/version/kind as written (`apiVersion` is split on first use).
    public var apiVersion: String
    public var gvk: GVK
    public var objectName: String
    public var namespace: String
    public var fieldPath: String

    public init(_ node: Node) throws(KustomizeError) {
        guard let m = node.mapping else { throw .message("invalid Kustomization: vars entries must be mappings") }
        name = m["name"]?.string ?? ""
        let ref = m["objref"]?.mapping ?? Mapping()
        apiVersion = ref["apiVersion"]?.string ?? ""
        gvk = GVK(group: ref["group"]?.string ?? "", version: ref["version"]?.string ?? "", kind: ref["kind"]?.string ?? "")
        objectName = ref["name"]?.string ?? ""
        namespace = ref["namespace"]?.string ?? ""
        fieldPath = m["fieldref"]?["fieldpath"]?.string ?? ""
    }

    /// kustomize's `Target.GVK()`: `apiVersion`, when given, sets group and version.
    var objectGVK: GVK {
        guard !apiVersion.isEmpty else { return gvk }
        let parts = apiVersion.split(atByte: UInt8(ascii: "/"))
        var g = gvk
        if parts.count == 2 { g.group = String(parts[0]); g.version = String(parts[1]) }
        if parts.count == 1 { g.version = apiVersion }
        return g
    }

    /// `Defaulting()`: the default field path and the split apiVersion.
    var defaulted: Var {
        var v = self
        if v.fieldPath.isEmpty { v.fieldPath = "metadata.name" }
        v.gvk = objectGVK
        return v
    }

    /// Go's `%v` of the var: `{NAME Kind.version.group {fieldpath}}`.
    var goDescription: String { "{\(name) \(gvk) {\(fieldPath)}}" }

    /// The resources this var designates by any of their ids.
    func matches(_ r: Resource) -> Bool {
        let target = ResId(gvk: objectGVK, name: objectName, namespace: namespace)
        let exactNamespace = !namespace.isEmpty || target.gvk.isClusterScoped
        return ResourceIds.all(r).contains { id in
            guard id.gvk == target.gvk, id.name == target.name else { return false }
            return !exactNamespace || ReferralTable.effective(id) == ReferralTable.effective(target)
        }
    }

    /// kustomize's `MergeVars`: each var of a kustomization, after its transformers,
    /// tags the one resource it designates; names must be unique across the build.
    static func merge(_ nodes: [Node], into set: inout [Var], resources map: inout ResourceMap) throws(KustomizeError) {
        if nodes.isEmpty { return }
        let incoming = try nodes.map { (n: Node) throws(KustomizeError) in try Var(n) }
        let list = "[" + incoming.map(\.goDescription).joined(separator: " ") + "]"
        do throws(KustomizeError) {
            for v in incoming {
                let matched = map.resources.indices.filter { v.matches(map.resources[$0]) }
                if matched.count > 1 {
                    var shown = v
                    shown.gvk = v.objectGVK
                    throw .message("found \(matched.count) resId matches for var \(shown.goDescription) (unable to disambiguate)")
                }
                if let i = matched.first { map.resources[i].refVarNames.append(v.name) }
            }
            try absorb(incoming, into: &set)
        } catch {
            throw error.wrapped("merging vars \(list): ")
        }
    }

    /// Adds vars to the build's set, refusing a name seen before.
    static func absorb(_ incoming: [Var], into set: inout [Var]) throws(KustomizeError) {
        var names = Set(set.map(\.name))
        for v in incoming {
            guard names.insert(v.name).inserted else { throw .message("var '\(v.name)' already encountered") }
            set.append(v.defaulted)
        }
    }
}
