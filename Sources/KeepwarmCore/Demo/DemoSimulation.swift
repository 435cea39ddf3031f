/// Receives the demo's events in log order.
protocol DemoSink {
    mutating func take(_ event: Event)
    /// True once the sink can take no more (a write failed), so the simulation can stop early.
    var stopped: Bool { get }
}

/// What one demo run covers: its first local day, and how busy the practice is relative to a typical one.
struct DemoPlan {
    var startDay: Int
    var demand: Double
}

/// A small practice simulated day by day from the clients' point of view: they arrive, book, come, miss, drift away and
/// sometimes come back, while the desk follows up imperfectly. It keeps only compact state of its own (never a
/// `Practice`), so a million events cost seconds, and every id, time and reference it emits is one `Practice` accepts.
struct DemoSimulation<Sink: DemoSink> {
    var sink: Sink
    private(set) var emitted = 0

    private let calendar: PracticeCalendar
    private let settings: SettingsChange
    private let startDay: Int
    private let endDay: Int
    private let endKey: Int64
    private let demand: Double
    private var rng: DemoRandom

    private var clock: DemoClock
    private var lastAt = Instant(ms: .min)
    private var now: Int64 = 0
    private var queue = DemoTaskQueue()

    private var staff: DemoStaff
    private var diary: DemoDiary
    private var clients: [SimClient] = []
    private var people: [DemoPerson] = []
    private var appointments: [SimAppointment] = []
    private var referralCount = 0
    private var callbackCount = 0
    /// Recently seen clients: where referrers and phoning clients come from.
    private var recent = [Int32](repeating: -1, count: 512)
    private var recentNext = 0
    /// A couple of loyal clients who send many friends, as real practices have: while they keep coming, each sends
    /// someone every week or two.
    private var stars: [(client: Int32, lastReferral: Int)] = []
    /// Clients who have attended and are still active: what the weekly lapsed review looks through.
    private var pool: [Int32] = []
    /// Forgotten thank-yous and unreturned calls stay on their lists for ever, so only a handful are allowed,
    /// spread over the years rather than all in the first weeks.
    private var neverThanked = 6
    private var neverReturned = 3
    private let neverThankChance: Double
    private let neverReturnChance: Double

    /// New clients a day per working practitioner at full demand: enough to keep diaries about four-fifths full.
    static var arrivalsPerPractitionerDay: Double { 1.1 }

    init(plan: DemoPlan, end: Instant, calendar: PracticeCalendar, settings: SettingsChange, practitioners: Int,
         target: Int, seed: UInt64, sink: Sink) {
        self.sink = sink
        self.calendar = calendar
        self.settings = settings
        startDay = plan.startDay
        endDay = calendar.day(of: end)
        endKey = end.seconds + calendar.offsetSeconds(at: end)
        demand = plan.demand
        rng = DemoRandom(seed: seed)
        // About one referral per 105 events and one callback per 56, from trial runs.
        neverThankChance = min(0.03, 6 * 105 / Double(max(1, target)))
        neverReturnChance = min(0.005, 3 * 56 / Double(max(1, target)))
        let lastDay = endDay + DemoDiary.horizonDays
        clock = DemoClock(calendar: calendar, firstDay: startDay - 1, lastDay: lastDay)
        staff = DemoStaff(count: practitioners, startDay: startDay, endDay: endDay)
        diary = DemoDiary(firstDay: startDay, lastDay: lastDay, endDay: endDay, practitioners: practitioners)
    }

    // MARK: running

    mutating func run() {
        let open = DemoClock.key(startDay, minute: 8 * 60)
        now = open
        emit(open, by: staff.handle(0), .settingsChanged(settings))
        for p in 0..<staff.count where staff.joinDay[p] == startDay { join(p, at: open + 30 * Int64(p + 1)) }
        for p in 0..<staff.count where staff.joinDay[p] > startDay {
            push(DemoClock.key(staff.joinDay[p], minute: 8 * 60), .practitionerJoins, a: Int32(p))
        }
        push(open + 600, .dayStart)
        scheduleShowcase(after: open + 600)
        while let t = queue.pop() {
            guard t.key <= endKey, !sink.stopped else { break }
            now = t.key
            perform(t)
        }
    }

    /// A few things the panes should show at the end whatever the dice say: referrals waiting for their thank-you
    /// (one overdue) and callbacks still owed (one overdue).
    private mutating func scheduleShowcase(after first: Int64) {
        let items: [(Int64, DemoTask.Kind, Int32)] = [
            (endKey - 98 * 3600, .newClient, 2), (endKey - 26 * 3600, .newClient, 1), (endKey - 75 * 60, .newClient, 1),
            (endKey - 27 * 3600, .callbackAdd, 1), (endKey - 100 * 60, .callbackAdd, 2), (endKey - 35 * 60, .callbackAdd, 3),
        ]
        for (key, kind, flag) in items where key > first { push(key - Int64(rng.int(0...900)), kind, a: flag) }
        for p in 0..<staff.count {
            for _ in 0..<4 {
                let key = moment(endDay - rng.int(1...6), from: 9 * 60, to: 17 * 60)
                if key > first { push(key, .fillEndDay, a: Int32(p)) }
            }
        }
    }

    private mutating func perform(_ t: DemoTask) {
        switch t.kind {
        case .dayStart: dayStart()
        case .practitionerJoins: join(Int(t.a), at: now)
        case .newClient: newClient(showcase: t.a)
        case .settle: settle(Int(t.a), version: t.b)
        case .lateCancel: lateCancel(Int(t.a), version: t.b)
        case .earlyCancel: earlyCancel(Int(t.a), version: t.b, byPractice: t.step == 1)
        case .move: move(Int(t.a), version: t.b)
        case .postSession: postSession(Int(t.a), stamp: t.b)
        case .retention: retention(Int(t.a), stamp: t.b, step: t.step)
        case .callsToBook: callsToBook(Int(t.a), stamp: t.b)
        case .thank: thank(t.a)
        case .callbackAdd: addCallback(showcase: t.a)
        case .callbackReturn: emit(now, by: desk, .callbackReturned(CallbackID(Int(t.a))))
        case .lapseReview: lapseReview()
        case .referralAsk:
            let by = staff.handle(Int(clients[Int(t.a)].practitioner))
            touch(Int(t.a), .referralAsk, via: rng.chance(0.7) ? .email : .text, by: by)
        case .noShowFollowUp: touch(Int(t.a), .noShowFollowUp, via: rng.chance(0.6) ? .phone : .text, by: desk)
        case .fillEndDay: fillEndDay(Int(t.a))
        }
    }

    // MARK: time and output

    private var today: Int { DemoClock.day(of: now) }
    private var desk: String { staff.receptionist(day: today) }

    private mutating func emit(_ key: Int64, by: String, _ body: EventBody) {
        // A few events follow their task by a minute or two; clamping keeps the log in time order regardless.
        let at = max(clock.instant(key), lastAt)
        lastAt = at
        emitted += 1
        sink.take(Event(seq: emitted, at: at, by: by, body: body))
    }

    private mutating func push(_ key: Int64, _ kind: DemoTask.Kind, a: Int32 = 0, b: Int32 = 0, step: UInt8 = 0) {
        queue.push(DemoTask(key: max(key, now), order: 0, kind: kind, step: step, a: a, b: b))
    }

    /// A random moment between two local clock times on `day`.
    private mutating func moment(_ day: Int, from: Int, to: Int) -> Int64 {
        DemoClock.key(day, minute: from) + Int64(rng.int((to - from) * 60))
    }

    /// Desk work happens on days the desk is open, so Sunday's due messages go out on Monday.
    private func deskDay(_ day: Int) -> Int {
        var d = day
        while !diary.deskOpen(d) && d < day + 4 { d += 1 }
        return d
    }

    // MARK: the day

    private mutating func dayStart() {
        let day = today
        push(DemoClock.key(day + 1, minute: 0), .dayStart)
        let working = (0..<staff.count).count { staff.added[$0] && diary.hours(practitioner: $0, day: day) != 0 }
        guard working > 0 else { return }
        let (_, month, _) = Civil.date(fromDays: day)
        // January resolutions and pre-summer aches bring people in; August and December are quiet.
        let season: Double = switch month { case 1: 1.25; case 5, 6: 1.1; case 8: 0.75; case 12: 0.8; default: 1 }
        // A quiet demo tells the story of a practice still growing: busiest at the end, where the panes are read.
        let progress = Double(day - startDay) / Double(max(1, endDay - startDay))
        let growth = 1 + (1 - min(1, demand)) * (1.2 * progress - 0.6)
        let busy = demand * growth
        let arrivals = rng.poisson(busy * Self.arrivalsPerPractitionerDay * Double(working) * season)
        for _ in 0..<arrivals { push(moment(day, from: 8 * 60 + 40, to: 17 * 60 + 30), .newClient) }
        let calls = rng.poisson(min(1, busy) * (0.5 + 0.3 * Double(working)))
        for _ in 0..<calls { push(moment(day, from: 9 * 60, to: 17 * 60), .callbackAdd) }
        if Civil.weekday(ofDay: day) == 0 { push(DemoClock.key(day, minute: 8 * 60 + 30), .lapseReview) }
    }

    private mutating func join(_ p: Int, at key: Int64) {
        staff.join(p)
        emit(key, by: staff.handle(0), .practitionerAdded(PractitionerID(p + 1), name: staff.names[p]))
    }

    // MARK: new clients and referrals

    /// `showcase` 1: a referral left for thanking after the end; 2: one left overdue.
    private mutating func newClient(showcase: Int32) {
        var c = SimClient.make(&rng, practitioner: Int32(staff.randomBookable(&rng)))
        let lead = rng.pick([1, 1, 2, 2, 3, 3, 4, 5, 7, 9, 12])
        var found = diary.findSlot(practitioner: Int(c.practitioner), around: today + lead, minDay: today + 1,
                                   slot: Int(c.slot), units: Int(c.units), window: 14)
        if found == nil {
            for _ in 0..<2 {
                let other = staff.randomBookable(&rng)
                if let f = diary.findSlot(practitioner: other, around: today + lead, minDay: today + 1, slot: Int(c.slot),
                                          units: Int(c.units), window: 21) {
                    c.practitioner = Int32(other)
                    found = f
                    break
                }
            }
        }
        guard let (day, slot) = found else { return }  // nothing free soon enough: the enquiry goes elsewhere

        let id = clients.count
        var referrer: Int32?
        var source: String?
        if showcase != 0 || rng.chance(0.2) { referrer = pickReferrer(excluding: id) }
        if referrer != nil {
            source = "Client referral"
        } else if !rng.chance(0.1) {
            source = rng.pick(DemoContent.sources)
        }
        // Some who said "word of mouth" name their friend at the first visit, and the referral is recorded then.
        c.referredLater = source == "Word of mouth" && rng.chance(0.15)
        let person = DemoPerson.make(&rng, withEmail: rng.chance(0.82))
        let referral = referrer.map { _ in ReferralID(referralCount + 1) }
        clients.append(c)
        people.append(person)
        emit(now, by: desk, .clientAdded(NewClient(
            id: ClientID(id + 1), name: person.name, phone: person.phone, email: person.email, source: source,
            referredBy: referrer.map { ClientID(Int($0) + 1) }, referral: referral, contact: c.contact,
            newsletter: c.contact && rng.chance(0.3), cadence: c.hasCadence ? Int(c.interval) : nil)))
        if referral != nil { recordedReferral(showcase: showcase) }
        book(id, practitioner: Int(c.practitioner), day: day, slot: slot, at: now + Int64(rng.int(30...120)), by: desk)
    }

    /// A quiet demo would leave its "today" nearly empty; in the last week a few clients ring to book that day until
    /// each practitioner has about five sessions. A busy demo's diary is full already, so nothing happens.
    private mutating func fillEndDay(_ p: Int) {
        guard staff.added[p], diary.load(practitioner: p, day: endDay) < 10 else { return }
        for attempt in 0..<8 {
            let c = Int(recent[rng.int(recent.count)])
            guard c >= 0 else { continue }
            let cl = clients[c]
            guard cl.active, cl.liveAppt < 0, cl.lastDay < today, Int(cl.practitioner) == p || attempt >= 4 else { continue }
            guard let (day, slot) = diary.findSlot(practitioner: p, around: endDay, minDay: endDay, slot: Int(cl.slot),
                                                   units: Int(cl.units), window: 0) else { return }
            clients[c].planned = max(cl.planned, cl.attended + 1)
            clients[c].practitioner = Int32(p)
            book(c, practitioner: p, day: day, slot: slot, at: now, by: desk)
            return
        }
    }

    private mutating func pickReferrer(excluding id: Int) -> Int32? {
        if !stars.isEmpty && rng.chance(0.4) {
            let k = rng.int(stars.count)
            let star = clients[Int(stars[k].client)]
            if !star.active || today - Int(star.lastDay) > 90 {
                stars.remove(at: k)
            } else if today - stars[k].lastReferral >= 7 && Int(stars[k].client) != id {
                stars[k].lastReferral = today
                return stars[k].client
            }
        }
        for _ in 0..<4 {
            let r = recent[rng.int(recent.count)]
            if r >= 0, Int(r) != id, clients[Int(r)].active { return r }
        }
        return nil
    }

    /// Schedules the thank-you for the referral just recorded: mostly within the 48 hours, some days late, a few never.
    private mutating func recordedReferral(showcase: Int32) {
        referralCount += 1
        let id = Int32(referralCount)
        guard showcase == 0 else { return }  // showcase referrals stay unthanked at the end
        let r = rng.unit()
        let delay: Int64
        if r < 0.58 {
            delay = Int64(rng.int(3600...40 * 3600))
        } else if r < 1 - neverThankChance || neverThanked == 0 {
            delay = Int64(rng.int(3 * 86400...10 * 86400))
        } else {
            neverThanked -= 1
            return
        }
        push(deskHours(now + delay), .thank, a: id)
    }

    /// Moves a moment outside 08:45–18:00, or on a closed day, to the next morning the desk is open.
    private mutating func deskHours(_ key: Int64) -> Int64 {
        let day = DemoClock.day(of: key)
        let minute = Int((key - DemoClock.key(day, minute: 0)) / 60)
        if minute >= 8 * 60 + 45 && minute < 18 * 60 && diary.deskOpen(day) { return key }
        let next = deskDay(minute < 8 * 60 + 45 ? day : day + 1)
        return moment(next, from: 8 * 60 + 45, to: 10 * 60)
    }

    private mutating func thank(_ referral: Int32) {
        let via: Channel = rng.pick([.email, .email, .phone, .letter, .inPerson])
        let note: String? = switch via {
        case .letter: rng.chance(0.7) ? "Handwritten card" : nil
        case .inPerson: "Thanked at their appointment"
        case .phone: rng.chance(0.5) ? "Left a voicemail to say thanks" : nil
        default: rng.chance(0.3) ? "Sent a thank-you voucher" : nil
        }
        let by = rng.chance(0.6) ? desk : staff.handle(staff.randomBookable(&rng))
        emit(now, by: by, .referralThanked(ReferralID(Int(referral)), via: via, note: note))
    }

    // MARK: booking and outcomes

    private mutating func book(_ c: Int, practitioner p: Int, day: Int, slot: Int, at key: Int64, by: String) {
        let id = appointments.count
        let units = Int(clients[c].units)
        let minutes = Int(clients[c].minutes)
        appointments.append(SimAppointment(client: Int32(c), day: Int32(day), practitioner: Int16(p), slot: Int8(slot),
                                           units: Int8(units), minutes: Int16(minutes)))
        diary.occupy(practitioner: p, day: day, slot: slot, units: units)
        clients[c].liveAppt = Int32(id)
        emit(key, by: by, .appointmentBooked(AppointmentID(id + 1), client: ClientID(c + 1), practitioner: PractitionerID(p + 1),
                                             start: clock.instant(DemoClock.key(day, minute: DemoDiary.minute(slot))),
                                             minutes: minutes))
        planOutcome(id, first: clients[c].attended == 0)
    }

    /// Decides now what will become of an appointment, so its cancellation can arrive days before it.
    private mutating func planOutcome(_ id: Int, first: Bool) {
        let a = appointments[id]
        let day = Int(a.day)
        let start = DemoClock.key(day, minute: DemoDiary.minute(Int(a.slot)))
        let v = Int32(a.version)
        // First visits are missed a little more often than later ones.
        let noShow = first ? 0.06 : 0.045, lateCancel = noShow + 0.035
        let clientCancels = lateCancel + 0.025, practiceCancels = clientCancels + 0.015, moves = practiceCancels + 0.02
        let r = rng.unit()
        if r < noShow {
            appointments[id].plan = .noShow
            push(start + Int64(rng.int(15 * 60...25 * 60)), .settle, a: Int32(id), b: v)
            return
        }
        if r < lateCancel {
            let morning = DemoClock.key(day, minute: 7 * 60 + 30)
            push(max(morning, start - Int64(rng.int(3600...5 * 3600))), .lateCancel, a: Int32(id), b: v)
            return
        }
        if r < moves {
            // A couple of days' notice; one booked too recently for that simply goes ahead.
            var noticeDay = day - rng.int(1...3)
            if !diary.deskOpen(noticeDay) { noticeDay -= 1 }
            if noticeDay > today {
                let key = moment(noticeDay, from: 9 * 60, to: 17 * 60)
                if r < clientCancels {
                    push(key, .earlyCancel, a: Int32(id), b: v)
                } else if r < practiceCancels {
                    push(key, .earlyCancel, a: Int32(id), b: v, step: 1)
                } else {
                    push(key, .move, a: Int32(id), b: v)
                }
                return
            }
        }
        appointments[id].plan = .attend
        push(start + Int64(a.minutes) * 60 + Int64(rng.int(0...240)), .settle, a: Int32(id), b: v)
    }

    private func live(_ id: Int, _ version: Int32) -> Bool {
        appointments[id].status == .booked && Int32(appointments[id].version) == version
    }

    private mutating func settle(_ id: Int, version: Int32) {
        guard live(id, version) else { return }
        if appointments[id].plan == .noShow { noShow(id) } else { attend(id) }
    }

    private mutating func attend(_ id: Int) {
        let a = appointments[id]
        let c = Int(a.client)
        let p = Int(a.practitioner)
        let by = staff.handle(p)
        appointments[id].status = .attended
        emit(now, by: by, .appointmentAttended(AppointmentID(id + 1)))
        clients[c].attended += 1
        clients[c].lastDay = a.day
        clients[c].stamp += 1
        clients[c].liveAppt = -1
        clients[c].practitioner = Int32(p)
        if clients[c].attended == 1 && clients[c].contact { pool.append(Int32(c)) }
        recent[recentNext] = Int32(c)
        recentNext = (recentNext + 1) % recent.count
        var t = now
        careMoments(c, by: by, t: &t)
        guard clients[c].active else { return }
        nextSession(c, by: by, t: &t)
        let stamp = clients[c].stamp
        push(moment(deskDay(Int(a.day) + 2), from: 10 * 60, to: 16 * 60), .retention, a: Int32(c), b: stamp, step: 0)
        if clients[c].contact && rng.chance(0.7) {
            push(t + Int64(rng.int(20 * 60...150 * 60)), .postSession, a: Int32(c), b: stamp)
        }
    }

    /// Milestones, feedback, referral asks and small record changes that happen around a session.
    private mutating func careMoments(_ c: Int, by: String, t: inout Int64) {
        let cl = clients[c]
        let n = Int(cl.attended)
        var milestone: MilestoneKind?
        if cl.pattern.isRegular && (n == 6 || n == 12 || n == 24) && rng.chance(0.45) { milestone = .significantSession }
        if n == Int(cl.planned) && n >= 3 {
            let r = rng.unit()
            milestone = r < 0.35 ? .goalReached : r < 0.6 ? .discharge : milestone
        }
        if cl.pattern.isRegular && n == 4 && stars.count < (staff.count > 5 ? 3 : 2) && rng.chance(0.25) {
            stars.append((Int32(c), today))
            clients[c].planned += 40  // the loyal regular who keeps sending friends keeps coming too
        }
        if cl.pattern.isRegular && n == 3 && !cl.hasCadence && rng.chance(0.35) {
            t += 60
            clients[c].hasCadence = true
            emit(t, by: by, .clientEdited(ClientEdit(client: ClientID(c + 1), cadence: Int(cl.interval))))
        }
        if rng.chance(0.004) {
            t += 60
            let phone = DemoPerson.mobile(&rng, landline: false)
            people[c] = DemoPerson(name: people[c].name, phone: phone, email: people[c].email)
            emit(t, by: desk, .clientEdited(ClientEdit(client: ClientID(c + 1), phone: phone)))
        }
        if let milestone {
            t += 60
            emit(t, by: by, .milestoneReached(ClientID(c + 1), milestone))
            if cl.contact {
                let r = rng.unit()
                if r < 0.55 {
                    t += 30
                    emit(t, by: by, .touchpointSent(ClientID(c + 1), kind: .referralAsk, via: .inPerson, note: nil))
                } else if r < 0.8 {
                    push(moment(deskDay(today + rng.int(1...6)), from: 9 * 60, to: 17 * 60), .referralAsk, a: Int32(c))
                }
            }
            if milestone == .discharge && rng.chance(0.3) {
                t += 60
                clients[c].active = false
                emit(t, by: by, .clientStatusChanged(ClientID(c + 1), .discharged, reason: "Course of treatment complete"))
            }
        }
        if rng.chance(milestone == nil ? 0.07 : 0.35) {
            t += 90
            let r = rng.unit()
            let score = r < 0.62 ? 5 : r < 0.9 ? 4 : r < 0.96 ? 3 : r < 0.99 ? 2 : 1
            let comment: String? = rng.chance(0.6) ? rng.pick(score >= 4 ? DemoContent.goodComments : DemoContent.middlingComments) : nil
            emit(t, by: desk, .feedbackGiven(ClientID(c + 1), score: score, comment: comment))
        }
        if n == 1 && cl.referredLater && cl.contact {
            if let r = pickReferrer(excluding: c) {
                t += 60
                emit(t, by: by, .referralRecorded(ReferralID(referralCount + 1), referrer: ClientID(Int(r) + 1), client: ClientID(c + 1)))
                recordedReferral(showcase: 0)
            }
        }
    }

    /// Books the next session at checkout, or leaves the client to ring later, or lets them go.
    private mutating func nextSession(_ c: Int, by: String, t: inout Int64) {
        let cl = clients[c]
        guard cl.attended < cl.planned, !(cl.pattern == .twoAndDone && cl.attended >= 2) else { return }
        if rng.chance(Double(cl.checkout) / 100) {
            let target = Int(cl.lastDay) + Int(cl.interval)
            if let (day, slot) = diary.findSlot(practitioner: Int(cl.practitioner), around: target, minDay: today + 1,
                                               slot: Int(cl.slot), units: Int(cl.units), window: 10) {
                t += Int64(rng.int(30...120))
                book(c, practitioner: Int(cl.practitioner), day: day, slot: slot, at: t, by: rng.chance(0.6) ? desk : by)
                return
            }
        }
        let ring = max(today + 1, Int(cl.lastDay) + Int(cl.interval) - rng.int(2...8))
        push(moment(deskDay(ring), from: 9 * 60, to: 18 * 60), .callsToBook, a: Int32(c), b: cl.stamp)
    }

    private mutating func noShow(_ id: Int) {
        let c = Int(appointments[id].client)
        appointments[id].status = .noShow
        emit(now, by: desk, .appointmentNoShow(AppointmentID(id + 1)))
        clients[c].liveAppt = -1
        afterMissed(c)
    }

    private mutating func afterMissed(_ c: Int) {
        if clients[c].contact && rng.chance(0.6) {
            push(now + Int64(rng.int(30 * 60...150 * 60)), .noShowFollowUp, a: Int32(c))
        }
        if rng.chance(0.55) {
            push(moment(deskDay(today + rng.int(1...5)), from: 9 * 60, to: 17 * 60), .callsToBook, a: Int32(c), b: clients[c].stamp)
        }
    }

    private mutating func release(_ id: Int, status: AppointmentStatus) {
        let a = appointments[id]
        appointments[id].status = status
        diary.free(practitioner: Int(a.practitioner), day: Int(a.day), slot: Int(a.slot), units: Int(a.units))
        clients[Int(a.client)].liveAppt = -1
    }

    private mutating func lateCancel(_ id: Int, version: Int32) {
        guard live(id, version) else { return }
        let c = Int(appointments[id].client)
        release(id, status: .cancelled)
        emit(now, by: desk, .appointmentCancelled(AppointmentID(id + 1), by: .client, late: true))
        if rng.chance(0.45) { rebookNow(c, from: Int(appointments[id].day)) } else { afterMissed(c) }
    }

    private mutating func earlyCancel(_ id: Int, version: Int32, byPractice: Bool) {
        guard live(id, version) else { return }
        let c = Int(appointments[id].client)
        release(id, status: .cancelled)
        emit(now, by: desk, .appointmentCancelled(AppointmentID(id + 1), by: byPractice ? .practice : .client, late: false))
        if byPractice || rng.chance(0.65) { rebookNow(c, from: Int(appointments[id].day)) }
    }

    /// The same call that cancels offers the next free slot.
    private mutating func rebookNow(_ c: Int, from day: Int) {
        let cl = clients[c]
        guard cl.active, cl.liveAppt < 0,
              let (d, s) = diary.findSlot(practitioner: Int(cl.practitioner), around: day + rng.int(1...7), minDay: today + 1,
                                          slot: Int(cl.slot), units: Int(cl.units), window: 14) else { return }
        book(c, practitioner: Int(cl.practitioner), day: d, slot: s, at: now + Int64(rng.int(60...180)), by: desk)
    }

    private mutating func move(_ id: Int, version: Int32) {
        guard live(id, version) else { return }
        let a = appointments[id]
        let p = Int(a.practitioner)
        diary.free(practitioner: p, day: Int(a.day), slot: Int(a.slot), units: Int(a.units))
        guard let (d, s) = diary.findSlot(practitioner: p, around: Int(a.day) + rng.pick([-2, -1, 1, 2, 3, 7]), minDay: today + 1,
                                          slot: Int(a.slot), units: Int(a.units), window: 7) else {
            diary.occupy(practitioner: p, day: Int(a.day), slot: Int(a.slot), units: Int(a.units))
            earlyCancel(id, version: version, byPractice: false)
            return
        }
        diary.occupy(practitioner: p, day: d, slot: s, units: Int(a.units))
        appointments[id].day = Int32(d)
        appointments[id].slot = Int8(s)
        appointments[id].version &+= 1
        emit(now, by: desk, .appointmentMoved(AppointmentID(id + 1), start: clock.instant(DemoClock.key(d, minute: DemoDiary.minute(s)))))
        planOutcome(id, first: clients[Int(a.client)].attended == 0)
    }

    private mutating func callsToBook(_ c: Int, stamp: Int32) {
        let cl = clients[c]
        guard cl.stamp == stamp, cl.active, cl.liveAppt < 0 else { return }
        let target = max(today + rng.int(1...4), Int(cl.lastDay) + Int(cl.interval))
        if let (d, s) = diary.findSlot(practitioner: Int(cl.practitioner), around: target, minDay: today + 1,
                                       slot: Int(cl.slot), units: Int(cl.units), window: 14) {
            book(c, practitioner: Int(cl.practitioner), day: d, slot: s, at: now, by: desk)
        } else if cl.failures < 2 {
            clients[c].failures += 1
            push(moment(deskDay(today + 3), from: 9 * 60, to: 17 * 60), .callsToBook, a: Int32(c), b: stamp)
        }
    }

    // MARK: the retention sequence

    private mutating func touch(_ c: Int, _ kind: TouchpointKind, via: Channel?, by: String, note: String? = nil) {
        guard clients[c].active, clients[c].contact else { return }
        emit(now, by: by, .touchpointSent(ClientID(c + 1), kind: kind, via: via, note: note))
    }

    private mutating func postSession(_ c: Int, stamp: Int32) {
        guard clients[c].stamp == stamp else { return }
        let note: String? = rng.chance(0.25) ? rng.pick(["Aftercare sheet sent", "Stretches for the neck", "Drink plenty of water today"]) : nil
        touch(c, .postSession, via: rng.chance(0.6) ? .email : .text, by: staff.handle(Int(clients[c].practitioner)), note: note)
    }

    /// One step of the sequence after a visit with nothing booked; each step hands over to the next, and a reminder now
    /// and then brings someone back.
    private mutating func retention(_ c: Int, stamp: Int32, step: UInt8) {
        let cl = clients[c]
        guard cl.stamp == stamp, cl.active, cl.contact else { return }
        let waiting = cl.liveAppt < 0
        let d0 = Int(cl.lastDay)
        let practitioner = staff.handle(Int(cl.practitioner))
        var then: (day: Int, step: UInt8)?
        var comeBack = 0.0
        switch step {
        case 0:
            if waiting && rng.chance(0.5) { touch(c, .rebookPrompt, via: rng.chance(0.5) ? .email : .text, by: desk) }
            then = (d0 + 28, 1)
        case 1:
            if waiting && rng.chance(0.4) {
                touch(c, .checkIn28, via: rng.chance(0.7) ? .email : .text, by: practitioner)
                comeBack = 0.05
            }
            then = (d0 + 42, 2)
        case 2:
            if waiting && rng.chance(0.3) {
                touch(c, .reEngage, via: rng.pick([.email, .text, .phone]), by: rng.chance(0.5) ? practitioner : desk)
                comeBack = 0.1
            }
            then = (d0 + 60, 3)
        case 3:
            if waiting && rng.chance(0.3) {
                touch(c, .reactivationLetter, via: .letter, by: desk, note: rng.chance(0.3) ? "Included a 20% off voucher" : nil)
                comeBack = 0.05
                then = (today + 7, 4)
            }
        default:
            if waiting && rng.chance(0.5) {
                touch(c, .followUpCall, via: .phone, by: desk, note: rng.pick(DemoContent.followUpCallNotes))
                comeBack = 0.12
            }
        }
        if waiting && comeBack > 0 && rng.chance(comeBack) {
            clients[c].planned = max(cl.planned, cl.attended) + Int16(rng.int(1...6))
            push(moment(deskDay(today + rng.int(1...7)), from: 9 * 60, to: 17 * 60), .callsToBook, a: Int32(c), b: stamp)
        }
        if let then {
            push(moment(deskDay(then.day), from: 10 * 60, to: 16 * 60), .retention, a: Int32(c), b: stamp, step: then.step)
        }
    }

    /// Monday morning: each practitioner looks through their lapsed clients, closing the long-gone and snoozing a few.
    private mutating func lapseReview() {
        var kept: [Int32] = []
        kept.reserveCapacity(pool.count)
        var t = now
        for c32 in pool {
            let c = Int(c32)
            let cl = clients[c]
            guard cl.active, cl.contact else { continue }
            let days = today - Int(cl.lastDay)
            guard cl.liveAppt < 0, days >= 42, Int(cl.snoozedUntil) <= today else { kept.append(c32); continue }
            let by = staff.handle(Int(cl.practitioner))
            let id = ClientID(c + 1)
            if days >= Int(cl.closeAfter) {
                t += 20
                if !cl.snoozedOnce && rng.chance(0.22) {
                    let until = today + rng.int(28...84)
                    clients[c].snoozedOnce = true
                    clients[c].snoozedUntil = Int32(until)
                    emit(t, by: by, .lapseReviewed(id, .snoozed(untilDay: until), note: rng.chance(0.6) ? rng.pick(DemoContent.snoozeNotes) : nil))
                    kept.append(c32)
                } else {
                    let r = rng.unit()
                    let status: ClientStatus = r < 0.45 ? .discharged : r < 0.8 ? .movedAway : .doNotContact
                    clients[c].active = false
                    let note = rng.chance(0.5) ? DemoContent.closeNotes[status].map { rng.pick($0) } : nil
                    // Why they left, for the why-clients-left report: picked by client, not drawn, so the random
                    // sequence (and every other line of the demo) is as it was before reasons were recorded.
                    let others: [LeftReason] = [.cost, .job, .anotherTherapist, .notGettingValue, .badExperience, .noReason, .other]
                    let reason: LeftReason? = status == .movedAway ? .movedAway : status == .discharged ? others[c % others.count] : nil
                    emit(t, by: by, .lapseReviewed(id, .closed(status), note: note, detail: ReviewDetail(reason: reason)))
                }
            } else {
                if days < 60 && !cl.contacted && rng.chance(0.08) {
                    t += 20
                    clients[c].contacted = true
                    emit(t, by: by, .lapseReviewed(id, .contacted, note: rng.chance(0.5) ? "Chatted when they rang about a voucher" : nil))
                }
                kept.append(c32)
            }
        }
        pool = kept
    }

    // MARK: callbacks

    /// Between 4 and 24 hours ahead, landing in office hours: "by five today" or "tomorrow morning", never 3 a.m.
    private mutating func promiseHours() -> Int {
        let minute = Int(now - DemoClock.key(today, minute: 0)) / 60
        let fits = (4...24).filter { h in (9 * 60...18 * 60).contains((minute + h * 60) % 1440) }
        return fits.isEmpty ? rng.int(4...24) : rng.pick(fits)
    }

    /// `showcase` 1: overdue at the end; 2 and 3: still owed at the end but within their promise.
    private mutating func addCallback(showcase: Int32) {
        let name: String, phone: String, reason: String
        let caller = recent[rng.int(recent.count)]
        if caller >= 0 && clients[Int(caller)].active && people[Int(caller)].phone != nil && rng.chance(0.6) {
            name = people[Int(caller)].name
            phone = people[Int(caller)].phone!
            reason = rng.pick(DemoContent.clientCallbackReasons)
        } else {
            name = DemoPerson.make(&rng, withEmail: false).name
            phone = DemoPerson.enquirerPhone(&rng)
            reason = rng.pick(DemoContent.enquiryReasons)
        }
        let hours = switch showcase { case 1: 5; case 2: 6; case 3: 22; default: promiseHours() }
        callbackCount += 1
        let id = callbackCount
        emit(now, by: desk, .callbackAdded(CallbackID(id), name: name, phone: phone, reason: rng.chance(0.85) ? reason : nil,
                                          promisedBy: clock.instant(now).adding(hours: hours)))
        guard showcase == 0 else { return }
        let r = rng.unit()
        let delay: Int64
        if r < 0.84 {
            delay = Int64(rng.int(20 * 60...max(30 * 60, hours * 3600 - 15 * 60)))
        } else if r < 1 - neverReturnChance || neverReturned == 0 {
            delay = Int64(hours * 3600 + rng.int(3600...30 * 3600))
        } else {
            neverReturned -= 1
            return
        }
        push(deskHours(now + delay), .callbackReturn, a: Int32(id))
    }
}
