/// A regular expression as kustomize uses Go's `regexp` in selectors: either an
/// unanchored search or, for resource selectors, anchored as `^(?:…)$`.
/// A pattern without metacharacters is compared as plain text.
struct GoRegex {
    let pattern: String
    let anchored: Bool
    private let regex: Regex<AnyRegexOutput>?

    init(_ pattern: String, anchored: Bool = false) throws(KustomizeError) {
        self.pattern = pattern
        self.anchored = anchored
        if !pattern.utf8.contains(where: SimplePattern.isMetacharacter) {
            regex = nil
            return
        }
        do {
            regex = try Regex(anchored ? "^(?:" + pattern + ")$" : pattern)
        } catch {
            throw .message("error parsing regexp: invalid regular expression: `\(pattern)`")
        }
    }

    /// True when the pattern occurs in `text` (anchored: when it matches all of `text`).
    func matches(_ text: String) -> Bool {
        guard let regex else { return anchored ? text == pattern : (pattern.isEmpty || text.contains(pattern)) }
        return (try? regex.firstMatch(in: text)) != nil
    }
}
