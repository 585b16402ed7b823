/// `PATH:LINE:COL: RULE: message`, one finding a line, the value masked.
enum TextReporter {
    static func render(_ findings: [Finding]) -> String {
        var s = ""
        for f in findings {
            s += "\(f.path):\(f.line):\(f.column): \(f.rule.id): \(f.message)\n"
        }
        return s
    }
}
