/// Converts between the simulation's local wall-clock keys and instants, using each day's offset from UTC at noon
/// (daylight-saving changes happen at night, outside the hours anything is scheduled).
struct DemoClock {
    private let calendar: PracticeCalendar
    private let firstDay: Int
    private let offsets: [Int64]

    init(calendar: PracticeCalendar, firstDay: Int, lastDay: Int) {
        self.calendar = calendar
        self.firstDay = firstDay
        offsets = (firstDay...max(firstDay, lastDay)).map { day in
            Int64(day) * 86400 + 12 * 3600 - calendar.instant(day: day, minute: 12 * 60).seconds
        }
    }

    static func key(_ day: Int, minute: Int) -> Int64 { Int64(day) * 86400 + Int64(minute) * 60 }
    static func day(of key: Int64) -> Int { Int(key.floorDiv(86400)) }

    func instant(_ key: Int64) -> Instant {
        let day = DemoClock.day(of: key)
        let i = day - firstDay
        if i >= 0 && i < offsets.count { return Instant(seconds: key - offsets[i]) }
        let minute = Int(key - Int64(day) * 86400) / 60
        return Instant(ms: calendar.instant(day: day, minute: minute).ms + (key % 60) * 1000)
    }
}

/// How a client tends to come: the mix is what makes the retention panes interesting.
enum DemoPattern: UInt8 {
    case oneOff, twoAndDone, course, weekly, fortnightly, monthly

    var isRegular: Bool { self == .weekly || self == .fortnightly || self == .monthly }
}

/// One client's behaviour and where they are in it.
struct SimClient {
    var practitioner: Int32
    var lastDay: Int32 = -1
    var liveAppt: Int32 = -1
    /// Bumped at every attended session, so tasks scheduled after an earlier one can tell they are stale.
    var stamp: Int32 = 0
    var snoozedUntil: Int32 = 0
    var planned: Int16
    var attended: Int16 = 0
    var interval: Int16
    var closeAfter: Int16
    var minutes: Int16
    var pattern: DemoPattern
    var slot: Int8
    var units: Int8
    /// Percent chance of booking the next session at checkout.
    var checkout: UInt8
    var contact: Bool
    var hasCadence: Bool
    var active = true
    var snoozedOnce = false
    var contacted = false
    var referredLater = false
    var failures: UInt8 = 0

    static func make(_ r: inout DemoRandom, practitioner: Int32) -> SimClient {
        let roll = r.unit()
        let pattern: DemoPattern = roll < 0.24 ? .oneOff : roll < 0.42 ? .twoAndDone : roll < 0.6 ? .course
            : roll < 0.7 ? .weekly : roll < 0.85 ? .fortnightly : .monthly
        let planned, interval, checkout: Int
        switch pattern {
        case .oneOff: (planned, interval, checkout) = (1, 28, 0)
        case .twoAndDone: (planned, interval, checkout) = (2, r.pick([7, 14, 21]), 45)
        case .course: (planned, interval, checkout) = (r.int(3...6), r.pick([7, 7, 14]), 75)
        case .weekly: (planned, interval, checkout) = (r.int(6...30), 7, 88)
        case .fortnightly: (planned, interval, checkout) = (r.int(5...26), 14, 80)
        case .monthly: (planned, interval, checkout) = (r.int(4...24), 28, 65)
        }
        let m = r.unit()
        let minutes = m < 0.55 ? 60 : m < 0.75 ? 45 : m < 0.85 ? 30 : 90
        return SimClient(practitioner: practitioner, planned: Int16(planned), interval: Int16(interval),
                         closeAfter: Int16(r.int(70...100)), minutes: Int16(minutes), pattern: pattern,
                         slot: Int8(r.int(0...13)), units: Int8(minutes <= 30 ? 1 : minutes <= 60 ? 2 : 3),
                         checkout: UInt8(checkout), contact: r.chance(0.9), hasCadence: pattern.isRegular && r.chance(0.35))
    }
}

/// One appointment: where it sits in the diary and what is planned to become of it.
struct SimAppointment {
    enum Plan: UInt8 { case attend, noShow }

    var client: Int32
    var day: Int32
    var practitioner: Int16
    var slot: Int8
    var units: Int8
    var minutes: Int16
    var status = AppointmentStatus.booked
    var plan = Plan.attend
    /// Bumped when the appointment moves, so tasks planned for its old time do nothing.
    var version: UInt8 = 0
}

/// The practitioners, when each joins, and who is on the desk.
struct DemoStaff {
    let count: Int
    let names: [String]
    let handles: [String]
    let joinDay: [Int]
    private(set) var added: [Bool]
    /// They join in order, so the first `addedCount` are the ones in the log.
    private(set) var addedCount = 0

    init(count: Int, startDay: Int, endDay: Int) {
        self.count = count
        var names: [String] = [], handles: [String] = [], joins: [Int] = []
        let firsts = DemoContent.firstNames, lasts = DemoContent.lastNames
        var taken: Set<String> = []
        var next = 0
        for k in 0..<count {
            if k < DemoContent.practitioners.count {
                let name = DemoContent.practitioners[k]
                names.append(name)
                handles.append(String(name.prefix { $0 != " " }).lowercased())
            } else {
                // Practitioners' names must differ, so combinations that repeat an earlier name are passed over.
                var name = ""
                repeat {
                    let first = firsts[(next / lasts.count) % firsts.count]
                    name = first + " " + lasts[next % lasts.count]
                    next += 1
                } while taken.contains(name)
                names.append(name)
                handles.append(String(name.prefix { $0 != " " }).lowercased() + String(k + 1))
            }
            taken.insert(names[k])
            // A bigger practice grew into its size: the first three start it, the rest join over its first quarter.
            let growth = (endDay - startDay) / 4
            joins.append(k < 3 ? startDay : startDay + growth * (k - 2) / max(1, count - 2))
        }
        self.names = names
        self.handles = handles
        joinDay = joins
        added = Array(repeating: false, count: count)
    }

    func handle(_ p: Int) -> String { handles[p] }

    /// "sam" runs the desk; a practice big enough for a second receptionist has "jo" on Tuesdays and Thursdays.
    func receptionist(day: Int) -> String {
        let w = Civil.weekday(ofDay: day)
        return count > 5 && (w == 1 || w == 3) ? "jo" : "sam"
    }

    mutating func join(_ p: Int) {
        added[p] = true
        addedCount = max(addedCount, p + 1)
    }

    /// A practitioner already in the log.
    func randomBookable(_ r: inout DemoRandom) -> Int { r.int(max(1, addedCount)) }
}

/// Who is free when: half-hour slots from 09:00 to 17:00 (13:00 kept for lunch; Saturdays 09:00–13:00 on alternate
/// weeks), one bitmask per practitioner per day, so finding a slot never looks at appointments.
struct DemoDiary {
    static let horizonDays = 100
    static let weekdayHours: UInt16 = 0xFFFF & ~(1 << 8)
    static let saturdayHours: UInt16 = 0x00FF

    private let firstDay: Int
    private let lastDay: Int
    private let practitioners: Int
    private var occupied: [UInt16]
    private var kind: [Kind]

    private enum Kind: UInt8 { case weekday, saturday, closed }

    init(firstDay: Int, lastDay: Int, endDay: Int, practitioners: Int) {
        self.firstDay = firstDay
        self.lastDay = lastDay
        self.practitioners = practitioners
        occupied = Array(repeating: 0, count: (lastDay - firstDay + 1) * practitioners)
        kind = (firstDay...lastDay).map { day in
            // The last day always has a full diary, whatever day of the week it falls on: it is the demo's "today".
            if day == endDay { return .weekday }
            let (_, m, d) = Civil.date(fromDays: day)
            if (m == 12 && (d == 25 || d == 26)) || (m == 1 && d == 1) { return .closed }
            switch Civil.weekday(ofDay: day) { case 5: return .saturday; case 6: return .closed; default: return .weekday }
        }
    }

    static func minute(_ slot: Int) -> Int { 9 * 60 + slot * 30 }

    func deskOpen(_ day: Int) -> Bool {
        day < firstDay || day > lastDay || kind[day - firstDay] != .closed
    }

    /// The half-hours `p` works on `day`.
    func hours(practitioner p: Int, day: Int) -> UInt16 {
        guard day >= firstDay && day <= lastDay else { return 0 }
        switch kind[day - firstDay] {
        case .weekday: return Self.weekdayHours
        case .saturday: return (day / 7 + p) % 2 == 0 ? Self.saturdayHours : 0
        case .closed: return 0
        }
    }

    /// The free slot nearest `slot` on the day nearest `target` (no earlier than `minDay`), within `window` days.
    func findSlot(practitioner p: Int, around target: Int, minDay: Int, slot: Int, units: Int, window: Int) -> (Int, Int)? {
        let need = UInt16((1 << units) - 1)
        for k in 0...(2 * window) {
            let day = target + (k + 1) / 2 * (k % 2 == 1 ? 1 : -1)
            guard day >= minDay, day >= firstDay, day <= lastDay else { continue }
            let free = hours(practitioner: p, day: day) & ~occupied[(day - firstDay) * practitioners + p]
            guard free != 0 else { continue }
            for j in 0..<32 {
                let s = slot + (j + 1) / 2 * (j % 2 == 1 ? 1 : -1)
                if s >= 0 && s + units <= 16 && (free >> UInt16(s)) & need == need { return (day, s) }
            }
        }
        return nil
    }

    /// Half-hours already booked.
    func load(practitioner p: Int, day: Int) -> Int {
        guard day >= firstDay && day <= lastDay else { return 0 }
        return occupied[(day - firstDay) * practitioners + p].nonzeroBitCount
    }

    mutating func occupy(practitioner p: Int, day: Int, slot: Int, units: Int) {
        occupied[(day - firstDay) * practitioners + p] |= UInt16((1 << units) - 1) << UInt16(slot)
    }

    mutating func free(practitioner p: Int, day: Int, slot: Int, units: Int) {
        occupied[(day - firstDay) * practitioners + p] &= ~(UInt16((1 << units) - 1) << UInt16(slot))
    }
}

/// One scheduled happening, run in local wall-clock order.
struct DemoTask {
    enum Kind: UInt8 {
        case dayStart, practitionerJoins, newClient, settle, lateCancel, earlyCancel, move, postSession, retention
        case callsToBook, thank, callbackAdd, callbackReturn, lapseReview, referralAsk, noShowFollowUp, fillEndDay
    }

    /// Seconds since 1970-01-01 on the practice's wall clock.
    var key: Int64
    /// Ties run in the order they were scheduled, which keeps the run deterministic.
    var order: Int
    var kind: Kind
    var step: UInt8
    var a: Int32
    var b: Int32
}

/// A binary min-heap of tasks by (key, order).
struct DemoTaskQueue {
    private var heap: [DemoTask] = []
    private var counter = 0

    private func less(_ i: Int, _ j: Int) -> Bool {
        heap[i].key != heap[j].key ? heap[i].key < heap[j].key : heap[i].order < heap[j].order
    }

    mutating func push(_ task: DemoTask) {
        var t = task
        t.order = counter
        counter += 1
        heap.append(t)
        var i = heap.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard less(i, parent) else { break }
            heap.swapAt(i, parent)
            i = parent
        }
    }

    mutating func pop() -> DemoTask? {
        guard let top = heap.first else { return nil }
        let last = heap.removeLast()
        if !heap.isEmpty {
            heap[0] = last
            var i = 0
            while true {
                let l = 2 * i + 1, r = l + 1
                var m = i
                if l < heap.count && less(l, m) { m = l }
                if r < heap.count && less(r, m) { m = r }
                if m == i { break }
                heap.swapAt(i, m)
                i = m
            }
        }
        return top
    }
}
