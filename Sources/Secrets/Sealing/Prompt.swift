#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where `--prompt` reads secret values from.
public protocol SecretReader {
    /// One line typed without echo; the prompt goes to the terminal, never the value.
    mutating func readSecret(prompt: String) throws(SealError) -> String
    /// A line for the person at the terminal (retry hints); never contains a value.
    mutating func notice(_ text: String)
}

/// The no-echo line editor behind the terminal prompt, separate from termios so it can be tested.
public struct HiddenLineEditor: Sendable {
    public enum Step: Equatable, Sendable { case more, done, cancelled }
    public private(set) var bytes: [UInt8] = []

    public init() {}

    /// Feeds one byte typed in raw mode: Enter finishes, Ctrl-C cancels, Ctrl-D cancels an
    /// empty line, Backspace deletes one character, Ctrl-U clears, other control bytes are ignored.
    public mutating func feed(_ c: UInt8) -> Step {
        switch c {
        case 10, 13: return .done
        case 3: return .cancelled
        case 4: return bytes.isEmpty ? .cancelled : .more
        case 127, 8:
            while let last = bytes.popLast(), last & 0xC0 == 0x80 {}
            return .more
        case 21:
            wipe()
            return .more
        case 0..<32 where c != 9:
            return .more
        default:
            bytes.append(c)
            return .more
        }
    }

    public mutating func wipe() {
        for i in bytes.indices { bytes[i] = 0 }
        bytes.removeAll()
    }

    public var text: String { String(decoding: bytes, as: UTF8.self) }
}

/// Reads values from the controlling terminal on standard input with echo and signals off
/// (termios); the previous terminal settings are restored on every path out.
public struct TerminalSecretReader: SecretReader {
    let fd: Int32
    let promptFD: Int32

    /// Nil when standard input is not a terminal.
    public init?(fd: Int32 = 0, promptFD: Int32 = 2) {
        guard isatty(fd) == 1 else { return nil }
        self.fd = fd
        self.promptFD = promptFD
    }

    public mutating func readSecret(prompt: String) throws(SealError) -> String {
        write(prompt)
        var saved = termios()
        guard tcgetattr(fd, &saved) == 0 else { throw SealError.terminal("cannot read the terminal settings") }
        var raw = saved
        raw.c_lflag &= ~tcflag_t(ECHO | ICANON | ISIG)
        withUnsafeMutableBytes(of: &raw.c_cc) { cc in
            cc[Int(VMIN)] = 1
            cc[Int(VTIME)] = 0
        }
        guard tcsetattr(fd, TCSAFLUSH, &raw) == 0 else { throw SealError.terminal("cannot turn off terminal echo") }
        defer {
            _ = tcsetattr(fd, TCSAFLUSH, &saved)
            write("\n")
        }
        var editor = HiddenLineEditor()
        var c: UInt8 = 0
        while true {
            let n = read(fd, &c, 1)
            if n < 0 && errno == EINTR { continue }
            let step = n == 1 ? editor.feed(c) : .cancelled
            switch step {
            case .more: continue
            case .done:
                let text = editor.text
                editor.wipe()
                return text
            case .cancelled:
                editor.wipe()
                throw SealError.terminal("cancelled at the prompt; nothing was written")
            }
        }
    }

    public mutating func notice(_ text: String) { write(text + "\n") }

    func write(_ s: String) {
        let bytes = Array(s.utf8)
        _ = bytes.withUnsafeBytes { buf in
            #if canImport(Glibc)
            Glibc.write(promptFD, buf.baseAddress, buf.count)
            #else
            Darwin.write(promptFD, buf.baseAddress, buf.count)
            #endif
        }
    }
}

/// Asks for each value, with confirmation unless disabled; an empty value or a mismatch is
/// asked again, up to three times.
public enum ValuePrompt {
    public static func ask<R: SecretReader>(key: String, secretName: String, confirm: Bool, reader: inout R) throws(SealError) -> String {
        for _ in 0..<3 {
            let value = try reader.readSecret(prompt: "Value for \(key) (\(secretName)): ")
            if value.isEmpty {
                reader.notice("The value is empty; type it again (Ctrl-C cancels).")
                continue
            }
            if !confirm { return value }
            let again = try reader.readSecret(prompt: "Repeat the value for \(key): ")
            if again == value { return value }
            reader.notice("The two entries differ; type the value again.")
        }
        throw SealError.terminal("no value for \(key) after three attempts (values were empty or did not match)")
    }
}
