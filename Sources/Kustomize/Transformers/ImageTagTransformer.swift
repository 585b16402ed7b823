import YAML

/// The `images:` entries of one kustomization and the builtin ImageTagTransformer
/// (TRANSFORMERS.md §7). Each entry, in order, runs two passes per resource (CRDs
/// excepted): every `image` in any list named `containers`/`initContainers` at any
/// depth, then the field specs (never creating). `name` is an anchored regular
/// expression, as in kustomize.
///
/// Entries are applied as kustomize applies them one after the other, but only
/// the first entry walks every resource: it records the image values each
/// resource holds, and a later entry only walks the resources holding a value its
/// name matches (an entry leaves a resource without a match untouched), then
/// records that resource's values again.
public struct ImageTagTransformer: Transformer {
    /// The entries `{name, newName, newTag, digest, tagSuffix}`, in order.
    public let images: [Node]
    public let fieldSpecs: FieldSpecSet
    /// Kustomization entries reject unknown fields; plugin configs ignore them.
    public var strict = true

    public init(image: Node, fieldSpecs: [FieldSpec]) {
        self.init(images: [image], fieldSpecs: fieldSpecs)
    }

    public init(images: [Node], fieldSpecs: [FieldSpec]) {
        self.images = images
        self.fieldSpecs = FieldSpecSet(fieldSpecs)
    }

    public func transform(_ resources: inout ResourceMap, context: BuildContext) throws(KustomizeError) {
        guard let first = images.first else { return }
        let specs = FieldSpecCache(fieldSpecs, for: resources.resources)
        let rule = try ImageRule(first, strict: strict)
        // The first entry walks every resource, each alone: on all cores when there are many.
        let seen = try resources.updateEach { (r: inout Resource) throws(KustomizeError) in
            try Self.apply(rule, to: &r, specs)
        }
        // A field spec that rewrites `kind` or `apiVersion` changes which specs
        // select a resource: then every entry walks every resource, in turn.
        if fieldSpecs.specs.contains(where: { $0.path.first == "kind" || $0.path.first == "apiVersion" }) {
            for image in images.dropFirst() {
                let rule = try ImageRule(image, strict: strict)
                for i in resources.resources.indices { _ = try Self.apply(rule, to: &resources.resources[i], specs) }
            }
            return
        }
        // Otherwise later entries can only fail to decode (the walk of every
        // resource already passed with the first entry).
        // Each entry is decoded alone (on all cores when there are many); the first
        // failing one in order is reported.
        let strict = self.strict
        let decoded = Parallel.map(Array(images.dropFirst()), threshold: 64) { image -> Result<ImageRule, KustomizeError> in
            do throws(KustomizeError) { return .success(try ImageRule(image, strict: strict)) } catch { return .failure(error) }
        }
        var rules: [ImageRule] = []
        rules.reserveCapacity(decoded.count)
        for d in decoded { rules.append(try d.get()) }
        if rules.isEmpty { return }
        // An entry changes only the resources holding a value it matches. Each
        // resource takes, in order, the entries matching its values at the time
        // (on all cores: resources are independent).
        let index = ImageRuleIndex(rules)
        let holders = seen.indices.filter { !(seen[$0]?.isEmpty ?? true) }
        try resources.updateEachIndexed(at: holders) { (i, r: inout Resource) throws(KustomizeError) in
            var values = seen[i] ?? []
            var last = -1
            // Rewriting images changes no structure: where the containers' images
            // are is found once, not by a walk of the whole object per entry.
            var slots: [ImageSlot]? = nil
            while let next = index.firstMatch(after: last, values) {
                if slots == nil { slots = Self.containerImageSlots(r.node) }
                values = try Self.apply(rules[next], to: &r, specs, containerImages: slots) ?? []
                last = next
            }
        }
    }

    /// One entry on one resource: both passes. Returns the non-null image values
    /// seen (after rewriting), or nil for a skipped CRD.
    static func apply(_ rule: ImageRule, to r: inout Resource, _ specs: FieldSpecCache,
                      containerImages slots: [ImageSlot]? = nil) throws(KustomizeError) -> Set<String>? {
        let gvk = r.gvk
        if gvk.kind == "CustomResourceDefinition" { return nil }
        let id = r.id(gvk: gvk)
        var values: Set<String> = []
        let update = { (n: inout Node) throws(FieldSpecError) -> Bool in
            guard case .scalar(let s) = n else { throw .wrongNodeKind(expected: "ScalarNode", actual: n) }
            if s.isNull { return false }
            guard let new = rule.rewrite(s.value) else {
                values.insert(s.value)
                return false
            }
            n = .string(new)
            values.insert(new)
            return true
        }
        do throws(FieldSpecError) {
            for slot in slots ?? containerImageSlots(r.node) {
                switch slot {
                case .notAMapping(let item):
                    throw .wrongNodeKind(expected: "MappingNode", actual: item)
                case .image(let path):
                    guard var image = r.node.descendant(atIndexes: path[...]) else { continue }
                    if try update(&image) { r.node.replaceDescendant(atIndexes: path[...], with: image) }
                }
            }
        } catch {
            throw .message("\(error)")
        }
        for spec in specs.matching(gvk) {
            do throws(FieldSpecError) {
                // Read first: the values a spec reaches are mostly rewritten already
                // (by the pass above) to what they are; then nothing is written.
                var changes = false
                var seen: [String] = []
                let pure = try FieldSpecWalker.read(spec, in: r.node) { (n: Node) throws(FieldSpecError) in
                    guard case .scalar(let s) = n else { throw .wrongNodeKind(expected: "ScalarNode", actual: n) }
                    if s.isNull { return }
                    let new = rule.rewrite(s.value)
                    if let new, s != Scalar.string(new) { changes = true }
                    seen.append(new ?? s.value)
                }
                if pure && !changes {
                    values.formUnion(seen)
                    continue
                }
                try FieldSpecWalker.apply(spec, to: &r.node, create: nil) { (n: inout Node) throws(FieldSpecError) in
                    _ = try update(&n)
                }
            } catch {
                throw .message(error.message(spec, id))
            }
        }
        return values
    }

    /// What the hard-coded pass visits, in its order: the `image` of each element
    /// of every `containers` or `initContainers` list, at any depth, in document
    /// order (a list's own elements after everything nested in them), or an
    /// element that is no mapping (an error when the pass reaches it). Rewriting
    /// images changes no structure: the slots of an object stay valid.
    enum ImageSlot {
        /// The entry and item indexes leading to an `image` value.
        case image([Int])
        case notAMapping(Node)
    }

    static func containerImageSlots(_ node: Node) -> [ImageSlot] {
        var walk = SlotWalk()
        walk.visit(node)
        return walk.slots
    }

    /// The walk behind `containerImageSlots`: nodes are borrowed and collections
    /// read in place (a whole-object walk of every resource, without reference
    /// counting per node).
    struct SlotWalk {
        var slots: [ImageSlot] = []
        var path: [Int] = []

        mutating func visit(_ node: borrowing Node) {
            switch node {
            case .mapping(let m):
                mapping(m)
            case .sequence(let items):
                items.withUnsafeBufferPointer { items in
                    for j in items.indices {
                        path.append(j)
                        visit(items[j])
                        path.removeLast()
                    }
                }
            case .scalar:
                break
            }
        }

        mutating func mapping(_ m: borrowing Mapping) {
            m.entries.withUnsafeBufferPointer { entries in
                for k in entries.indices {
                    if case .scalar = entries[k].value { continue }  // holds no list
                    path.append(k)
                    visit(entries[k].value)
                    let key = entries[k].key.value
                    if key.bytesEqual("containers") || key.bytesEqual("initContainers"),
                       case .sequence(let items) = entries[k].value {
                        containers(items)
                    }
                    path.removeLast()
                }
            }
        }

        mutating func containers(_ items: borrowing [Node]) {
            items.withUnsafeBufferPointer { items in
                for j in items.indices {
                    guard case .mapping(let container) = items[j] else {
                        if !items[j].isNull { slots.append(.notAMapping(items[j])) }
                        continue
                    }
                    if let at = container.index(of: "image") { slots.append(.image(path + [j, at])) }
                }
            }
        }
    }
}

/// Image entries filed by where their name can end in a value: the byte length
/// and last byte of the name (a literal name with `.` wildcards matches a prefix
/// of exactly its length, ending at the end, a `:` or a `@`). Other names (regular
/// expressions, a trailing `.`, non-ASCII) are tried on every value, as is every
/// non-ASCII value.
struct ImageRuleIndex {
    let rules: [ImageRule]
    private var byEnd: [Int: [Int]] = [:]
    private var everywhere: [Int] = []

    init(_ rules: [ImageRule]) {
        self.rules = rules
        for (k, rule) in rules.enumerated() {
            if let ascii = rule.matcher.asciiLiteral, let last = ascii.last, last != UInt8(ascii: ".") {
                byEnd[Self.endKey(length: ascii.count, last: last), default: []].append(k)
            } else {
                everywhere.append(k)
            }
        }
    }

    private static func endKey(length: Int, last: UInt8) -> Int { length << 8 | Int(last) }

    /// The first entry after `k` whose name matches one of `values`.
    func firstMatch(after k: Int, _ values: Set<String>) -> Int? {
        var best: Int? = nil
        func consider(_ candidates: [Int], _ value: String) {
            // Candidates are ascending: the first one after `k` that matches.
            var lo = 0, hi = candidates.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if candidates[mid] <= k { lo = mid + 1 } else { hi = mid }
            }
            for c in candidates[lo...] {
                if let b = best, c >= b { return }
                if rules[c].matcher.matches(value) {
                    best = c
                    return
                }
            }
        }
        for value in values {
            consider(everywhere, value)
            let bytes = Array(value.utf8)
            if bytes.contains(where: { $0 >= 0x80 }) {
                consider(Array(rules.indices), value)
                continue
            }
            for end in bytes.indices where bytes[end] == UInt8(ascii: ":") || bytes[end] == UInt8(ascii: "@") {
                if end > 0, let c = byEnd[Self.endKey(length: end, last: bytes[end - 1])] { consider(c, value) }
            }
            if let last = bytes.last, let c = byEnd[Self.endKey(length: bytes.count, last: last)] { consider(c, value) }
        }
        return best
    }
}

/// One decoded `images:` entry: which images it matches and how it rewrites them.
struct ImageRule {
    var name = ""
    var newName = ""
    var newTag = ""
    var digest = ""
    var tagSuffix = ""
    let matcher: ImageNameMatcher

    init(_ node: Node, strict: Bool) throws(KustomizeError) {
        let f = try EntryFields(node, known: ["name", "newName", "newTag", "digest", "tagSuffix"],
                                goPath: "Image.images", strict: strict)
        name = try f.string("name")
        newName = try f.string("newName")
        newTag = try f.string("newTag")
        digest = try f.string("digest")
        tagSuffix = try f.string("tagSuffix")
        matcher = try ImageNameMatcher(name)
    }

    /// The new image, or nil when `image` does not match.
    func rewrite(_ image: String) -> String? {
        guard matcher.matches(image) else { return nil }
        var (name, tag, digest) = Self.split(image)
        if !newName.isEmpty { name = newName }
        if !newTag.isEmpty && !self.digest.isEmpty {
            tag = newTag
            digest = self.digest
        } else if !newTag.isEmpty {
            tag = newTag
            digest = ""
        } else if !self.digest.isEmpty {
            tag = ""
            digest = self.digest
        } else if !tagSuffix.isEmpty {
            tag += tagSuffix
            digest = ""
        }
        if !tag.isEmpty { name += ":" + tag }
        if !digest.isEmpty { name += "@" + digest }
        return name
    }

    /// Splits into name, tag and digest; `:` and `@` are searched from the first
    /// `/` on, so a registry port stays in the name.
    static func split(_ image: String) -> (name: String, tag: String, digest: String) {
        let b = Array(image.utf8)
        let slash = b.firstIndex(of: UInt8(ascii: "/")) ?? 0
        let at = b[slash...].firstIndex(of: UInt8(ascii: "@"))
        let colon = b[slash...].firstIndex(of: UInt8(ascii: ":"))
        func text(_ s: ArraySlice<UInt8>) -> String { String(decoding: s, as: UTF8.self) }
        switch (colon, at) {
        case (nil, nil):
            return (image, "", "")
        case (let c, let a?) where c == nil || a < c!:
            return (text(b[..<a]), "", text(b[(a + 1)...]))
        case (let c?, let a?):
            return (text(b[..<c]), text(b[(c + 1)..<a]), text(b[(a + 1)...]))
        case (let c?, nil):
            return (text(b[..<c]), text(b[(c + 1)...]), "")
        default:
            return (image, "", "")
        }
    }
}

/// `^name(:[a-zA-Z0-9_.{}-]*)?(@sha256:[a-zA-Z0-9_.{}-]*)?$` with `name` taken as
/// a regular expression. Names whose only metacharacter is `.` (nearly all) are
/// matched directly; others go through `Regex`.
struct ImageNameMatcher {
    /// The name's characters; `.` matches any character.
    let literal: [Unicode.Scalar]?
    /// The literal as bytes when it is ASCII (the common case), for a tight loop.
    let asciiLiteral: [UInt8]?
    let regex: Regex<AnyRegexOutput>?

    /// A name is a regular expression when it has a metacharacter other than `.`
    /// (which the literal comparison treats as any character).
    static func isMetacharacter(_ c: UInt8) -> Bool {
        c != UInt8(ascii: ".") && SimplePattern.isMetacharacter(c)
    }

    init(_ name: String) throws(KustomizeError) {
        if name.utf8.contains(where: Self.isMetacharacter) {
            literal = nil
            asciiLiteral = nil
            do {
                regex = try Regex("^" + name + "(:[a-zA-Z0-9_.{}-]*)?(@sha256:[a-zA-Z0-9_.{}-]*)?$")
            } catch {
                throw .message("invalid image name pattern \"\(name)\": \(error)")
            }
        } else {
            literal = Array(name.unicodeScalars)
            asciiLiteral = name.utf8.allSatisfy { $0 < 0x80 } ? Array(name.utf8) : nil
            regex = nil
        }
    }

    func matches(_ image: String) -> Bool {
        guard let literal else {
            guard let regex else { return false }
            return (try? regex.wholeMatch(in: image)) != nil
        }
        // This runs for every image value an entry is checked against: walk the
        // UTF-8 bytes in place. `.` consumes one whole scalar (not a newline).
        return image.withBytes { s -> Bool in
            var i = 0
            if let ascii = asciiLiteral {
                // Fast path: compare bytes; a wildcard over a non-ASCII byte takes the general loop.
                guard s.count >= ascii.count else { return false }
                var general = false
                for k in 0..<ascii.count {
                    let a = ascii[k], c = s[k]
                    if a == UInt8(ascii: ".") {
                        if c == 0x0A { return false }
                        if c >= 0x80 { general = true; break }
                    } else if a != c {
                        return false
                    }
                }
                if !general { return Self.matchesSuffix(s, from: ascii.count) }
            }
            for a in literal {
                guard i < s.count else { return false }
                let c = s[i]
                if a == "." {
                    if c == 0x0A { return false }
                    i += Self.scalarLength(c)
                } else {
                    let width = a.utf8.count
                    guard i + width <= s.count, zip(a.utf8, s[i..<(i + width)]).allSatisfy({ $0 == $1 }) else {
                        return false
                    }
                    i += width
                }
            }
            return Self.matchesSuffix(s, from: i)
        }
    }

    /// `(:[a-zA-Z0-9_.{}-]*)?(@sha256:[a-zA-Z0-9_.{}-]*)?$` from byte `start` on.
    static func matchesSuffix(_ s: UnsafeBufferPointer<UInt8>, from start: Int) -> Bool {
        var i = start
        if i < s.count && s[i] == UInt8(ascii: ":") {
            i += 1
            while i < s.count && isTagByte(s[i]) { i += 1 }
        }
        if i < s.count && s[i...].starts(with: digestPrefix) {
            i += digestPrefix.count
            while i < s.count && isTagByte(s[i]) { i += 1 }
        }
        return i == s.count
    }

    /// The length of the UTF-8 sequence a lead byte starts (1 for a stray continuation byte).
    static func scalarLength(_ lead: UInt8) -> Int {
        switch lead {
        case 0xF0...: return 4
        case 0xE0...: return 3
        case 0xC0...: return 2
        default: return 1
        }
    }

    static let digestPrefix = Array("@sha256:".utf8)

    static func isTagByte(_ c: UInt8) -> Bool {
        switch c {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "{"),
             UInt8(ascii: "}"), UInt8(ascii: "-"): return true
        default: return false
        }
    }
}

extension Node {
    /// The node reached by entry indexes (in mappings) and item indexes (in sequences).
    func descendant(atIndexes path: ArraySlice<Int>) -> Node? {
        guard let i = path.first else { return self }
        switch self {
        case .mapping(let m): return m.entries.indices.contains(i) ? m.entries[i].value.descendant(atIndexes: path.dropFirst()) : nil
        case .sequence(let s): return s.indices.contains(i) ? s[i].descendant(atIndexes: path.dropFirst()) : nil
        case .scalar: return nil
        }
    }

    /// Replaces the node `descendant(atIndexes:)` finds, changing the path in place.
    mutating func replaceDescendant(atIndexes path: ArraySlice<Int>, with value: Node) {
        guard let i = path.first else {
            self = value
            return
        }
        switch self {
        case .mapping(var m) where m.entries.indices.contains(i):
            self = .null  // `m` is now the only reference
            m.entries[i].value.replaceDescendant(atIndexes: path.dropFirst(), with: value)
            self = .mapping(m)
        case .sequence(var s) where s.indices.contains(i):
            self = .null
            s[i].replaceDescendant(atIndexes: path.dropFirst(), with: value)
            self = .sequence(s)
        default:
            break
        }
    }
}
