import YAML

/// Field specs derived from a `crds:` file: OpenAPI definitions keyed by Go type
/// name. A type with `apiVersion`, `kind` and `metadata` properties is a resource
/// whose kind is the text after the type name's last `.`; the property extensions
/// `x-kubernetes-annotation`, `-label-selector`, `-identity` and
/// `-object-ref-api-version` + `-object-ref-kind` (+ `-object-ref-name-key`) add
/// annotation, label, name-prefix and name-reference field specs.
enum CRDConfig {
    static func load(_ text: String, origin: String) throws(KustomizeError) -> TransformerConfig {
        let root: Node?
        do {
            root = try Parser.parseFirst(text)
        } catch {
            throw .message("\(origin): \(error)")
        }
        guard let types = root?.mapping else { return TransformerConfig() }
        var defs: [String: Mapping] = [:]
        for e in types.entries {
            if let schema = e.value["Schema"]?.mapping { defs[e.key.value] = schema }
        }
        var config = TransformerConfig()
        for e in types.entries {
            guard let schema = defs[e.key.value], let props = schema["properties"]?.mapping,
                  props["apiVersion"] != nil, props["kind"] != nil, props["metadata"] != nil else { continue }
            let typeName = e.key.value
            let kind = typeName.split(separator: ".").last.map(String.init) ?? typeName
            var visiting: Set<String> = []
            walk(typeName, gvk: GVK(kind: kind), path: [], defs: defs, config: &config, visiting: &visiting)
        }
        return config
    }

    static func walk(_ typeName: String, gvk: GVK, path: [String], defs: [String: Mapping],
                     config: inout TransformerConfig, visiting: inout Set<String>) {
        guard let def = defs[typeName], let props = def["properties"]?.mapping, !visiting.contains(typeName) else { return }
        visiting.insert(typeName)
        defer { visiting.remove(typeName) }
        for p in props.entries {
            let here = path + [p.key.value]
            let prop = p.value
            if prop["x-kubernetes-annotation"] != nil {
                config.commonAnnotations.append(FieldSpec(gvk: gvk, path: here, create: false))
            }
            if prop["x-kubernetes-label-selector"] != nil {
                config.commonLabels.append(FieldSpec(gvk: gvk, path: here, create: false))
            }
            if prop["x-kubernetes-identity"] != nil {
                config.namePrefix.append(FieldSpec(gvk: gvk, path: here, create: false))
            }
            if let version = prop["x-kubernetes-object-ref-api-version"]?.string,
               let kind = prop["x-kubernetes-object-ref-kind"]?.string {
                let key = prop["x-kubernetes-object-ref-name-key"]?.string ?? "name"
                let referrer = FieldSpec(gvk: gvk, path: here + [key], create: false)
                let target = GVK(group: "", version: version, kind: kind)
                if let i = config.nameReference.firstIndex(where: { $0.gvk == target }) {
                    config.nameReference[i].fieldSpecs.append(referrer)
                } else {
                    config.nameReference.append(NameBackReference(gvk: target, fieldSpecs: [referrer]))
                }
            }
            if let ref = prop["$ref"]?.string {
                walk(ref, gvk: gvk, path: here, defs: defs, config: &config, visiting: &visiting)
            }
        }
    }
}
