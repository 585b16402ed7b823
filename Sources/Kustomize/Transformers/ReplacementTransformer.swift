import YAML

/// `replacements:` and the builtin ReplacementTransformer. Entries are
/// replacement nodes or `{path: file}` (a file holding one replacement or a list).
/// Each replacement copies one value (a source field, or `sourceValue`) into the
/// fields of every selected target, in order.
public struct ReplacementTransformer: Transformer {
    public var replacements: [Node]
    public init(replacements: [Node]) { self.replacements = replacements }

    public func transform(_ resources: inout ResourceMap, context: BuildContext) throws(KustomizeError) {
        let list = try Self.load(replacements, loader: context.loader)
        for r in list {
            guard r.source != nil || r.sourceValue != nil, let targets = r.targets else {
                throw .message("replacements must specify a source and at least one target")
            }
            let value = try r.value(in: resources)
            for t in targets { try t.apply(value, to: &resources) }
        }
    }

    /// Decodes the entries, reading `{path: file}` entries through `loader`.
    static func load(_ entries: [Node], loader: Loader) throws(KustomizeError) -> [Replacement] {
        var out: [Replacement] = []
        for entry in entries {
            guard let m = entry.mapping else { throw .message("replacements entries must be mappings") }
            let path = m["path"]?.string ?? ""
            if path.isEmpty {
                out.append(try Replacement(entry))
                continue
            }
            if m["source"] != nil || !(m["targets"]?.sequence ?? []).isEmpty {
                throw .message("cannot specify both path and inline replacement")
            }
            let text = try loader.readText(path)
            let node: Node?
            do throws(YAMLError) { node = try Parser.parseFirst(text) } catch { throw .message("\(error)") }
            switch node {
            case .sequence(let items)?: out += try items.map { (n: Node) throws(KustomizeError) in try Replacement(n) }
            case .mapping?: if let node { out.append(try Replacement(node)) }
            default:
                throw .message("unsupported replacement type encountered within replacement path: \(node.map(Self.kindName) ?? "invalid")")
            }
        }
        return out
    }

    static func kindName(_ n: Node) -> String {
        switch n {
        case .scalar(let s): return s.isNull ? "invalid" : (s.isString ? "string" : "float64")
        case .mapping: return "map"
        case .sequence: return "slice"
        }
    }
}

/// `delimiter`, `index` and `create` of a replacement source or target.
struct FieldOptions {
    var delimiter = ""
    var index = 0
    var create = false

    init?(_ node: Node?) throws(KustomizeError) {
        guard let m = node?.mapping else { return nil }
        delimiter = m["delimiter"]?.string ?? ""
        if let i = m["index"]?.string {
            guard let v = FieldPath.goAtoi(i) else {
                throw .message("json: cannot unmarshal string into Go struct field FieldOptions.index of type int")
            }
            index = v
        }
        create = m["create"]?.scalar.map { Resolver.resolve11($0) == .bool(true) || $0.value == "true" } ?? false
    }

    var description: String {
        if delimiter.isEmpty && !create { return "" }
        return "\(delimiter)(\(index)), create=\(create)"
    }
}

/// Which resources a replacement reads or writes: exact ids for a source,
/// anchored regular expressions plus label and annotation selectors for targets.
struct ResourceSelector {
    var gvk = GVK()
    var name = ""
    var namespace = ""
    var labelSelector = ""
    var annotationSelector = ""

    init(_ m: Mapping) {
        gvk = GVK(group: m["group"]?.string ?? "", version: m["version"]?.string ?? "", kind: m["kind"]?.string ?? "")
        name = m["name"]?.string ?? ""
        namespace = m["namespace"]?.string ?? ""
        labelSelector = m["labelSelector"]?.string ?? ""
        annotationSelector = m["annotationSelector"]?.string ?? ""
    }

    var id: ResId { ResId(gvk: gvk, name: name, namespace: namespace) }
    var idIsEmpty: Bool { gvk == GVK() && name.isEmpty && namespace.isEmpty }

    /// kustomize's `ResId.IsSelectedBy`: exact parts, effective namespaces.
    func selectsExactly(_ id: ResId) -> Bool {
        (name.isEmpty || name == id.name)
            && (namespace.isEmpty || ReferralTable.effective(self.id) == ReferralTable.effective(id))
            && id.gvk.isSelected(by: gvk)
    }

    func matchesLabelsAndAnnotations(_ r: Resource) throws(KustomizeError) -> Bool {
        let annotations = try LabelSelector(annotationSelector)
        let labels = try LabelSelector(labelSelector)
        return annotations.matches(r.annotations()) && labels.matches(r.labels())
    }
}

/// The anchored regular expressions of a target `select` or `reject`.
struct SelectorRegex {
    var selector: ResourceSelector
    var group, version, kind, name, namespace: GoRegex

    init(_ s: ResourceSelector) throws(KustomizeError) {
        selector = s
        group = try GoRegex(s.gvk.group, anchored: true)
        version = try GoRegex(s.gvk.version, anchored: true)
        kind = try GoRegex(s.gvk.kind, anchored: true)
        name = try GoRegex(s.name, anchored: true)
        namespace = try GoRegex(s.namespace, anchored: true)
    }

    func selects(_ id: ResId) -> Bool {
        (selector.gvk.group.isEmpty || group.matches(id.gvk.group))
            && (selector.gvk.version.isEmpty || version.matches(id.gvk.version))
            && (selector.gvk.kind.isEmpty || kind.matches(id.gvk.kind))
            && (selector.name.isEmpty || name.matches(id.name))
            && (selector.namespace.isEmpty || namespace.matches(id.namespace))
    }
}

/// One replacement: where the value comes from and where it goes.
struct Replacement {
    var source: Source?
    var sourceValue: String?
    var targets: [Target]?

    struct Source {
        var selector: ResourceSelector
        var fieldPath: String
        var options: FieldOptions?

        var description: String {
            var parts = ["\(selector.id)"]
            if !fieldPath.isEmpty { parts.append(fieldPath) }
            if let o = options?.description, !o.isEmpty { parts.append(o) }
            return parts.joined(separator: ":")
        }
    }

    init(_ node: Node) throws(KustomizeError) {
        guard let m = node.mapping else { throw .message("a replacement must be a mapping") }
        if let s = m["source"]?.mapping {
            source = Source(selector: ResourceSelector(s), fieldPath: s["fieldPath"]?.string ?? "",
                            options: try FieldOptions(s["options"]))
        }
        if let v = m["sourceValue"], !v.isNull { sourceValue = v.scalar?.value }
        if let t = m["targets"], !t.isNull {
            var list: [Target] = []
            for item in t.sequence ?? [] { list.append(try Target(item)) }
            targets = list
        }
    }

    /// The value to copy: `sourceValue`, or the source field of the one matching resource.
    func value(in map: ResourceMap) throws(KustomizeError) -> Node {
        if let sourceValue {
            if source != nil { throw .message("value and resource selectors are mutually exclusive") }
            return .scalar(Scalar(sourceValue))
        }
        guard let source else { throw .message("replacements must specify a source and at least one target") }
        var match: Resource?
        for r in map.resources where ResourceIds.all(r).contains(where: { source.selector.selectsExactly($0) }) {
            if match != nil { throw .message("multiple matches for selector \(source.description)") }
            match = r
        }
        guard let match else { throw .message("nothing selected by \(source.description)") }
        let fieldPath = source.fieldPath.isEmpty ? "metadata.name" : source.fieldPath
        let found: Node?
        do throws(KustomizeError) {
            found = try FieldPath.lookup(match.node, FieldPath.split(fieldPath))
        } catch {
            throw error.wrapped("error looking up replacement source: ")
        }
        guard let found, !Self.isNilOrEmpty(found) else {
            throw .message("fieldPath `\(fieldPath)` is missing for replacement source \(source.selector.id)")
        }
        guard let o = source.options, !o.delimiter.isEmpty else { return found }
        guard case .scalar(var sc) = found else {
            throw .message("delimiter option can only be used with scalar nodes")
        }
        let parts = sc.value.goSplit(o.delimiter)
        guard o.index >= 0 && o.index < parts.count else {
            throw .message("options.index \(o.index) is out of bounds for value \(sc.value)")
        }
        sc.value = parts[o.index]
        return .scalar(sc)
    }

    static func isNilOrEmpty(_ n: Node) -> Bool {
        switch n {
        case .scalar(let s): return s.tag == "!!null" || (s.isNull && s.style == .plain)
        case .mapping(let m): return m.isEmpty
        case .sequence(let items): return items.isEmpty
        }
    }

    /// One `targets` entry.
    struct Target {
        var select: ResourceSelector?
        var reject: [ResourceSelector] = []
        var fieldPaths: [String] = []
        var options: FieldOptions?

        init(_ node: Node) throws(KustomizeError) {
            guard let m = node.mapping else { throw .message("a replacement target must be a mapping") }
            if let s = m["select"]?.mapping { select = ResourceSelector(s) }
            for r in m["reject"]?.sequence ?? [] { if let rm = r.mapping { reject.append(ResourceSelector(rm)) } }
            fieldPaths = (m["fieldPaths"]?.sequence ?? []).compactMap { $0.scalar?.value }
            options = try FieldOptions(m["options"])
        }

        func apply(_ value: Node, to map: inout ResourceMap) throws(KustomizeError) {
            guard let select else { throw .message("target must specify resources to select") }
            let paths = fieldPaths.isEmpty ? ["metadata.name"] : fieldPaths
            let selectRegex = try SelectorRegex(select)
            let rejectRegex = try reject.map { (s: ResourceSelector) throws(KustomizeError) in try SelectorRegex(s) }
            for i in map.resources.indices {
                guard try selectsByLabelsAndAnnotations(map.resources[i]) else { continue }
                let ids = ResourceIds.all(map.resources[i])
                if rejectRegex.contains(where: { rx in !rx.selector.idIsEmpty && ids.contains(where: rx.selects) }) {
                    continue
                }
                guard ids.contains(where: selectRegex.selects) else { continue }
                var node = map.resources[i].node
                map.resources[i].node = .null  // keep `node` uniquely referenced
                for path in paths { try copy(value, into: &node, path: path) }
                map.resources[i].node = node
            }
        }

        func selectsByLabelsAndAnnotations(_ r: Resource) throws(KustomizeError) -> Bool {
            guard let select, try select.matchesLabelsAndAnnotations(r) else { return false }
            for rej in reject where !(rej.labelSelector.isEmpty && rej.annotationSelector.isEmpty) {
                if try rej.matchesLabelsAndAnnotations(r) { return false }
            }
            return true
        }

        /// kustomize's `copyValueToTarget` for one field path.
        func copy(_ value: Node, into node: inout Node, path: String) throws(KustomizeError) {
            let create: CreateKind? = options?.create == true ? CreateKind(of: value) : nil
            if (try? setInStructuredData(value, into: &node, path: path, create: create)) == true { return }
            let fail = create != nil ? "unable to find or create field \"\(path)\" in replacement target"
                : "unable to find field \"\(path)\" in replacement target"
            var setError: KustomizeError?
            let count: Int
            do throws(KustomizeError) {
                count = try PathMatcher(create: create).apply(&node, FieldPath.split(path)[...]) { (t: inout Node) in
                    if setError != nil { return }
                    do throws(KustomizeError) { try set(value, into: &t) } catch { setError = error }
                }
            } catch {
                throw error.wrapped(fail + ": ")
            }
            if let setError { throw setError }
            if count == 0 { throw .message(fail) }
        }

        /// A path that continues past a scalar holding YAML/JSON text edits inside that text.
        func setInStructuredData(_ value: Node, into node: inout Node, path: String,
                                 create: CreateKind?) throws(KustomizeError) -> Bool {
            let parts = FieldPath.split(path)
            guard parts.count >= 2 else { return false }
            for i in 1..<parts.count {
                guard let steps = try? FieldPath.resolve(node, Array(parts[..<i])),
                      case .scalar(let s)? = FieldPath.get(node, steps) else { continue }
                guard var parsed = try? StructuredScalar.parse(s.value) else { continue }
                let count = try PathMatcher(create: create).apply(&parsed, parts[i...]) { (t: inout Node) in
                    if case .scalar(let ts) = t, case .scalar(let vs) = value {
                        t = .scalar(Self.retext(ts, vs.value))
                    } else {
                        t = value
                    }
                }
                if count == 0 { return false }
                var updated = s
                updated.value = try StructuredScalar.serialize(parsed, like: s.value)
                FieldPath.set(&node, steps[...], .scalar(updated))
                return true
            }
            return false
        }

        /// kustomize's `setFieldValue`: delimiter splicing, then text-only for scalars.
        func set(_ value: Node, into target: inout Node) throws(KustomizeError) {
            var value = value
            if let o = options, !o.delimiter.isEmpty {
                guard case .scalar(let ts) = target else {
                    throw .message("delimiter option can only be used with scalar nodes")
                }
                var parts = ts.value.goSplit(o.delimiter)
                let v = value.scalar?.value ?? ""
                if o.index < 0 {
                    parts.insert(v, at: 0)
                } else if o.index >= parts.count {
                    parts.append(v)
                } else {
                    parts[o.index] = v
                }
                let joined = parts.joined(separator: o.delimiter)
                if case .scalar(var vs) = value { vs.value = joined; value = .scalar(vs) } else { value = .scalar(Scalar(joined)) }
            }
            if case .scalar(let ts) = target {
                target = .scalar(Self.retext(ts, value.scalar?.value ?? ""))
            } else {
                target = value
            }
        }

        /// The target scalar with new text, keeping its type: a string stays a string.
        static func retext(_ target: Scalar, _ text: String) -> Scalar {
            var s = target
            s.value = text
            if target.tag == nil, target.style == .plain, target.isString, !s.isString { s.tag = "!!str" }
            return s
        }
    }
}

/// A resource's current id followed by its previous ids, as kustomize's `MakeResIds`
/// builds them (current group/version, previous kind and name, stored namespace).
enum ResourceIds {
    static func all(_ r: Resource) -> [ResId] {
        let id = r.id
        return [id] + r.previousIds.map { p in
            ResId(gvk: GVK(group: id.gvk.group, version: id.gvk.version, kind: p.gvk.kind), name: p.name,
                  namespace: ReferralTable.stored(p))
        }
    }
}

extension String {
    /// Go's `strings.Split` (an empty separator is not used here).
    func goSplit(_ separator: String) -> [String] {
        guard !separator.isEmpty else { return [self] }
        var out: [String] = []
        var rest = self[...]
        while let r = rest.range(of: separator) {
            out.append(String(rest[..<r.lowerBound]))
            rest = rest[r.upperBound...]
        }
        out.append(String(rest))
        return out
    }
}
