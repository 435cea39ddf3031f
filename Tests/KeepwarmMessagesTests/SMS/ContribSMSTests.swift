import Foundation
import Testing
@testable import KeepwarmMessages

/// The scripts in contrib/ run for real: into a smstools3 spool folder, against a local HTTP gateway, and the STOP
/// handler against a stand-in `keepwarm` that records its arguments.
@Suite struct ContribSMSTests {
    static let contrib = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("contrib").path
    let env = ProcessInfo.processInfo.environment

    func script(_ name: String) -> String { Self.contrib + "/" + name }

    func files(_ dir: String) throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: dir).sorted() }

    // MARK: smstools3

    @Test func smstools3GetsAWholeSpoolFileForAGSMAndAUCS2Text() throws {
        let dir = TempDir()
        var env = env
        env["KEEPWARM_SMSTOOLS_OUTGOING"] = dir.path
        let gsm = "Your visit is Tue 24 Nov at 10:00. £5 off with [CODE] €\nRiverside\n"
        let first = try SMSPipe.run([script("sms-smstools3")], text: gsm, to: "+447700900123", attemptKey: "c1/reminder/2026-11-24", environment: env)
        guard case .sent(let name?) = first else { Issue.record("\(first)"); return }
        #expect(try files(dir.path) == [name])
        #expect(name.hasPrefix("keepwarm-"))
        #expect(FileManager.default.contents(atPath: dir.file(name)) == Data(("To: 447700900123\nAlphabet: UTF-8\n\n" + gsm).utf8))
        #expect(try FileManager.default.attributesOfItem(atPath: dir.file(name))[.posixPermissions] as? Int == 0o660)

        let ucs = "Hi Zoë 😀 see you soon"
        let second = try SMSPipe.run([script("sms-smstools3")], text: ucs, to: "+15145550100", attemptKey: "c2/reminder/2026-11-24", environment: env)
        guard case .sent(let other?) = second else { Issue.record("\(second)"); return }
        #expect(try files(dir.path) == [name, other].sorted())
        let bytes = try #require(FileManager.default.contents(atPath: dir.file(other)))
        let head = Data("To: 15145550100\nAlphabet: UCS2\n\n".utf8)
        #expect(bytes.prefix(head.count) == head)
        #expect(String(data: bytes.dropFirst(head.count), encoding: .utf16BigEndian) == ucs)
        #expect(bytes.dropFirst(head.count).count == ucs.utf16.count * 2)  // no byte-order mark
    }

    @Test func smstools3RunByHandTakesAnythingBeyondPlainASCIIAsUCS2() throws {
        let dir = TempDir()
        var env = env
        env["KEEPWARM_SMSTOOLS_OUTGOING"] = dir.path
        // keepwarm always says the alphabet; without it the script decides for itself.
        let argv = ["sh", "-c", "unset KEEPWARM_SMS_ALPHABET; exec \"$0\"", script("sms-smstools3")]
        guard case .sent(let plain?) = try SMSPipe.run(argv, text: "See you at 10:00", to: "+447700900123", attemptKey: "k", environment: env),
              case .sent(let pound?) = try SMSPipe.run(argv, text: "£5", to: "+447700900123", attemptKey: "k", environment: env) else {
            Issue.record("not sent")
            return
        }
        #expect(FileManager.default.contents(atPath: dir.file(plain)) == Data("To: 447700900123\nAlphabet: UTF-8\n\nSee you at 10:00".utf8))
        #expect(FileManager.default.contents(atPath: dir.file(pound)) == Data("To: 447700900123\nAlphabet: UCS2\n\n".utf8) + Data([0, 0xA3, 0, 0x35]))
    }

    @Test func smstools3SaysTryLaterWhenTheDiskIsFullAndLeavesNothingBehind() throws {
        let dir = TempDir()
        var env = env
        env["KEEPWARM_SMSTOOLS_OUTGOING"] = dir.path
        // A file-size limit of 0 stands in for a full disk: the write fails with EFBIG (SIGXFSZ is ignored).
        let full = ["sh", "-c", "ulimit -f 0; trap '' XFSZ; exec \"$0\"", script("sms-smstools3")]
        let r = try SMSPipe.run(full, text: "See you soon", to: "+447700900123", attemptKey: "k", environment: env)
        // (Its line on standard error is lost too: that file has the same limit. A real full tmpfs shows the line.)
        #expect(r == .tryAgainLater(reason: nil))
        #expect(try files(dir.path) == [])
        env["KEEPWARM_SMSTOOLS_OUTGOING"] = dir.file("missing")
        let missing = try SMSPipe.run([script("sms-smstools3")], text: "Hi", to: "+447700900123", attemptKey: "k", environment: env)
        #expect(missing == .failed(status: 1, reason: "sms-smstools3: the smstools3 outgoing folder \(dir.file("missing")) does not exist; install smstools or set KEEPWARM_SMSTOOLS_OUTGOING"))
    }

    // MARK: the STOP handler

    /// A folder with a stand-in `keepwarm` that writes each argument on a line of its own to `argv` and exits 0.
    func fakeKeepwarm(_ dir: TempDir) throws -> [String: String] {
        dir.write("bin/keepwarm", "#!/bin/sh\nfor a; do printf '[%s]\\n' \"$a\"; done >> \"$(dirname \"$0\")/../argv\"\nprintf 'user=%s\\n' \"$KEEPWARM_USER\" >> \"$(dirname \"$0\")/../argv\"\n")
        chmod(dir.file("bin/keepwarm"), 0o755)
        var env = env
        env["PATH"] = dir.file("bin") + ":" + (env["PATH"] ?? "/usr/bin:/bin")
        env["KEEPWARM_USER"] = nil
        return env
    }

    func handle(_ dir: TempDir, _ env: [String: String], from: String, body: [UInt8], alphabet: String = "ISO") throws -> MailPipeResult {
        let message = Data("From: \(from)\nFrom_TOA: 91 international\nSent: 26-12-06 12:00:00\nSubject: GSM1\nAlphabet: \(alphabet)\n\n".utf8) + body
        #expect(FileManager.default.createFile(atPath: dir.file("in/GSM1.abc"), contents: message))
        return try MailPipe.spawn([script("sms-stop-handler"), "RECEIVED", dir.file("in/GSM1.abc")], input: [], environment: env, timeout: 20,
                                  naming: "STOP handler", keepingOutput: false).result
    }

    func recorded(_ dir: TempDir) -> String {
        (try? String(contentsOfFile: dir.file("argv"), encoding: .utf8)) ?? ""
    }

    @Test func aStopTextRecordsTheWithdrawalWithTheNumberAsOneArgument() throws {
        let dir = TempDir()
        try FileManager.default.createDirectory(atPath: dir.file("in"), withIntermediateDirectories: true)
        let env = try fakeKeepwarm(dir)
        #expect(try handle(dir, env, from: "447700900123", body: Array("STOP".utf8)) == MailPipeResult(status: 0, firstErrorLine: nil))
        #expect(recorded(dir) == "[optout]\n[--phone]\n[+447700900123]\n[--channel]\n[sms]\nuser=STOP text\n")
        try FileManager.default.removeItem(atPath: dir.file("argv"))
        for word in ["  stop \r\n", "StopAll", "unsubscribe\n", "Cancel", "END", "quit\n\n"] {
            #expect(try handle(dir, env, from: "+353871234567", body: Array(word.utf8)).status == 0)
        }
        #expect(recorded(dir) == String(repeating: "[optout]\n[--phone]\n[+353871234567]\n[--channel]\n[sms]\nuser=STOP text\n", count: 6))
        // A UCS-2 message file holds its body in UTF-16, big-endian.
        try FileManager.default.removeItem(atPath: dir.file("argv"))
        #expect(try handle(dir, env, from: "447700900123", body: [0, 0x53, 0, 0x74, 0, 0x6F, 0, 0x70], alphabet: "UCS2").status == 0)
        #expect(recorded(dir) == "[optout]\n[--phone]\n[+447700900123]\n[--channel]\n[sms]\nuser=STOP text\n")
    }

    @Test func anyOtherTextOrEventIsLeftAloneAndAHostileSenderIsRefused() throws {
        let dir = TempDir()
        try FileManager.default.createDirectory(atPath: dir.file("in"), withIntermediateDirectories: true)
        let env = try fakeKeepwarm(dir)
        for body in ["Stop by for tea?", "S T O P", "STOP and also please call me about Tuesday", "", "STOPP"] {
            #expect(try handle(dir, env, from: "447700900123", body: Array(body.utf8)).status == 0, "\(body)")
        }
        let pwned = dir.file("pwned")
        for from in ["$(touch \(pwned))", "`touch \(pwned)`", "447700900123; touch \(pwned)", "44770 0900123", "12345", "4477009001234567"] {
            let r = try handle(dir, env, from: from, body: Array("STOP".utf8))
            #expect(r.status == 1, "\(from)")
            #expect(r.firstErrorLine?.hasPrefix("sms-stop-handler: the STOP text's sender") == true, "\(from)")
        }
        #expect(!FileManager.default.fileExists(atPath: pwned))
        // smsd calls the handler for sent and failed messages too.
        #expect(FileManager.default.createFile(atPath: dir.file("in/sent"), contents: Data("To: 447700900123\n\nSTOP".utf8)))
        let sent = try MailPipe.spawn([script("sms-stop-handler"), "SENT", dir.file("in/sent")], input: [], environment: env, timeout: 20,
                                      naming: "STOP handler", keepingOutput: false).result
        #expect(sent.status == 0)
        #expect(recorded(dir) == "")
    }

    // MARK: an HTTP gateway

    /// A gateway on 127.0.0.1: /ok answers 200 {"id":"abc"}, /busy 503, /bad 400 with an error, /slow nothing for 3 s;
    /// each request is appended to requests.jsonl (path, headers, body).
    final class Gateway {
        let process = Process()
        let port: Int
        let log: String

        init(_ dir: TempDir) throws {
            log = dir.file("requests.jsonl")
            dir.write("gateway.py", #"""
                import json, sys, time
                from http.server import BaseHTTPRequestHandler, HTTPServer

                class Handler(BaseHTTPRequestHandler):
                    def do_POST(self):
                        body = self.rfile.read(int(self.headers.get("Content-Length", "0"))).decode()
                        with open(sys.argv[1], "a") as f:
                            f.write(json.dumps({"path": self.path, "headers": dict(self.headers.items()), "body": body}) + "\n")
                        answers = {"/ok": (200, '{"status": "queued", "id": "abc"}'), "/busy": (503, '{"error": "try later"}'),
                                   "/bad": (400, '{"error": "unknown number", "text": "the message"}')}
                        if self.path == "/slow":
                            time.sleep(3)
                        code, answer = answers.get(self.path, (404, "{}"))
                        self.send_response(code)
                        self.send_header("Content-Type", "application/json")
                        self.end_headers()
                        self.wfile.write(answer.encode())
                    def log_message(self, *args):
                        pass

                server = HTTPServer(("127.0.0.1", 0), Handler)
                print(server.server_address[1], flush=True)
                server.serve_forever()
                """#)
            let out = Pipe()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", dir.file("gateway.py"), log]
            process.standardOutput = out
            try process.run()
            let line = String(decoding: out.fileHandleForReading.availableData, as: UTF8.self)
            port = Int(line.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        }

        // SIGKILL, not terminate(): the test runner's threads hold SIGTERM blocked, and the server inherits that.
        deinit {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }

        func requests() throws -> [[String: Any]] {
            try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").map {
                try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
            }
        }
    }

    @Test func theCurlScriptPostsTheTextWithTheTokenAndReadsEachAnswer() throws {
        let dir = TempDir()
        let gateway = try Gateway(dir)
        #expect(gateway.port > 0)
        var env = env
        env["KEEPWARM_SMS_GATEWAY_TOKEN"] = #"tok-"123\456"#
        let text = "Hi Zoë & co: 100% = +1 😀\nsee you\n"
        func send(_ path: String) throws -> SMSResult {
            env["KEEPWARM_SMS_GATEWAY_URL"] = "http://127.0.0.1:\(gateway.port)\(path)"
            return try SMSPipe.run([script("sms-http-curl")], text: text, to: "+447700900123", attemptKey: "c1/reminder/2026-11-24", environment: env)
        }
        #expect(try send("/ok") == .sent(providerID: "abc"))
        #expect(try send("/busy") == .tryAgainLater(reason: "sms-http-curl: the SMS gateway is busy or failing (HTTP 503: try later); try again later"))
        #expect(try send("/bad") == .failed(status: 1, reason: "sms-http-curl: the SMS gateway refused the text (HTTP 400: unknown number); check the token and the number"))

        // Once the request went, no answer in time is not "try later": the text may have gone, so a person looks.
        env["KEEPWARM_SMS_GATEWAY_TIMEOUT"] = "1"
        #expect(try send("/slow") == .failed(status: 1, reason: "sms-http-curl: the SMS gateway did not answer within 1 seconds; the text may have gone, so look in the gateway's log before sending it again"))

        let requests = try gateway.requests()
        #expect(requests.count == 4)
        let first = try #require(requests.first)
        let headers = try #require(first["headers"] as? [String: String])
        #expect(headers["Authorization"] == #"Bearer tok-"123\456"#)
        #expect(headers["Idempotency-Key"] == "c1/reminder/2026-11-24")
        #expect(headers["Content-Type"] == "application/x-www-form-urlencoded")
        var fields: [String: String] = [:]
        for pair in (first["body"] as? String ?? "").split(separator: "&") {
            let kv = pair.split(separator: "=", maxSplits: 1).map { String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "" }
            fields[kv[0]] = kv.count > 1 ? kv[1] : ""
        }
        #expect(fields == ["to": "+447700900123", "text": text, "reference": "c1/reminder/2026-11-24"])
    }

    @Test func theCurlScriptSaysTryLaterWhenNoGatewayListensAndRefusesWithoutItsSettings() throws {
        // A port that was just free: nothing listens there, so the connection is refused.
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        close(fd)
        var env = env
        env["KEEPWARM_SMS_GATEWAY_URL"] = "http://127.0.0.1:\(UInt16(bigEndian: address.sin_port))/ok"
        env["KEEPWARM_SMS_GATEWAY_TOKEN"] = "tok"
        let r = try SMSPipe.run([script("sms-http-curl")], text: "Hi", to: "+447700900123", attemptKey: "k", environment: env)
        guard case .tryAgainLater(let why?) = r else { Issue.record("\(r)"); return }
        #expect(why.hasPrefix("sms-http-curl: cannot reach the SMS gateway ("))
        env["KEEPWARM_SMS_GATEWAY_TOKEN"] = nil
        #expect(try SMSPipe.run([script("sms-http-curl")], text: "Hi", to: "+447700900123", attemptKey: "k", environment: env)
                == .failed(status: 1, reason: "sms-http-curl: KEEPWARM_SMS_GATEWAY_TOKEN is not set; set it to the API token the gateway gave you"))
    }
}
