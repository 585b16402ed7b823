import Testing
@testable import YAML

/// A scalar keeps line, column and tag number in seven packed bytes beside its
/// style; these check that every field reads back what was stored, independently
/// of the others, and the sizes the packing exists for.
@Suite struct ScalarPackingTests {
    @Test func nodesAndEntriesAreSmall() {
        #expect(MemoryLayout<Scalar>.size == 24)
        #expect(MemoryLayout<Node>.size == 24)
        #expect(MemoryLayout<Node?>.size == 24)
        #expect(MemoryLayout<Entry>.stride == 48)
    }

    @Test(arguments: [(0, 0), (1, 1), (3, 17), (255, 256), (65_536, 4_095), (1_000_000, 70_000),
                      (Scalar.maxLine, Scalar.maxColumn)])
    func markReadsBack(line: Int, column: Int) {
        let s = Scalar("v", style: .folded, tag: "!custom", mark: Mark(line: line, column: column))
        #expect(s.mark == Mark(line: line, column: column))
        #expect(s.tag == "!custom")
        #expect(s.style == .folded)
    }

    @Test func positionsPastTheRangeReadAsItsEnd() {
        let s = Scalar("v", tag: "!!str", mark: Mark(line: Scalar.maxLine + 5, column: Scalar.maxColumn + 1))
        #expect(s.mark == Mark(line: Scalar.maxLine, column: Scalar.maxColumn))
        #expect(s.tag == "!!str")
        #expect(Scalar("v", mark: Mark(line: -3, column: -1)).mark == .none)
    }

    @Test func everyTagNumberReadsBackBesideAnyMark() {
        var s = Scalar("v", style: .doubleQuoted, mark: Mark(line: Scalar.maxLine, column: Scalar.maxColumn))
        #expect(!s.isTagged)
        for n in [1, 2, 15, 16, 17, 255, 256, 1_000, 4_094, UInt32(Tags.limit)] {
            s.tagNumber = UInt32(n)
            #expect(s.tagNumber == UInt32(n))
            #expect(s.isTagged)
            #expect(s.mark == Mark(line: Scalar.maxLine, column: Scalar.maxColumn))
            #expect(s.style == .doubleQuoted)
        }
        s.mark = Mark(line: 7, column: 9)
        #expect(s.tagNumber == UInt32(Tags.limit))
        #expect(s.mark == Mark(line: 7, column: 9))
        s.tagNumber = 0
        #expect(!s.isTagged)
        #expect(s.tag == nil)
        #expect(s.mark == Mark(line: 7, column: 9))
    }

    @Test func standardTagsAreNumberedFirst() {
        for tag in ["!!str", "!!int", "!!null", "!!merge"] {
            #expect(Tags.number(tag) <= 10)
            #expect(Tags.numberIfRoom(tag) == Tags.number(tag))
        }
        #expect(Tags.number("!!str") == Tags.str)
        #expect(Tags.number("!!null") == Tags.null)
    }

    /// `isNull` compares tag numbers: a tagged scalar is null exactly when its tag is `!!null`.
    @Test func taggedNullsByNumber() throws {
        let doc = try #require(try Parser.parseFirst("a: !!null x\nb: !!str null\nc: !other ~\nd: ~\ne: !!null\n"))
        #expect(doc["a"]?.scalar?.isNull == true)
        #expect(doc["b"]?.scalar?.isNull == false)
        #expect(doc["c"]?.scalar?.isNull == false)
        #expect(doc["d"]?.scalar?.isNull == true)
        #expect(doc["e"]?.scalar?.isNull == true)
        #expect(Scalar("null", tag: "!!str").isNull == false)
        #expect(Scalar("v", tag: "!!null").isNull == true)
    }

    /// The parser numbers a tag with `numberIfRoom` and reports a tag the table
    /// has no room for instead of numbering it; known tags keep their numbers.
    @Test func aFullTableNumbersOnlyKnownTags() {
        var table = Tags.Table(limit: 12)
        #expect(table.texts.count == 10)
        #expect(table.number("!!str") == 1)
        #expect(table.number("!a") == 11)
        #expect(table.number("!b") == 12)
        #expect(table.number("!c") == nil)
        #expect(table.number("!a") == 11)
        #expect(table.number("!!null") == 5)
        #expect(table.texts.count == 12)
    }

    @Test func parsedScalarsKeepPositionAndTag() throws {
        let node = try #require(try Parser.parseFirst("a:\n  b:   !thing x\n  c: !!int 3\n"))
        let b = try #require(node["a"]?["b"]?.scalar)
        #expect(b.mark == Mark(line: 2, column: 8))  // where the tag starts, as libyaml marks it
        #expect(b.tag == "!thing")
        let c = try #require(node["a"]?["c"]?.scalar)
        #expect(c.mark == Mark(line: 3, column: 6))
        #expect(c.tag == "!!int")
    }
}
