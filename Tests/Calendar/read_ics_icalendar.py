"""Reads a calendar file with Python's icalendar package and prints what it found as one JSON object, the same shape
read_ics_libical.c prints, so a test can require the two parsers to agree. Every time is worked out from the file's
own VTIMEZONE (lookup_tzid=False), never from the zone database's rules for its name."""
import datetime
import json
import sys

import icalendar

cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())


def own_zone(vtz):
    try:
        return vtz.to_tz(lookup_tzid=False)
    except TypeError:  # icalendar before 6 has no lookup_tzid and always reads the file's rules
        return vtz.to_tz()


zones = {}
out_zones = []
for vtz in cal.walk('VTIMEZONE'):
    tzid = str(vtz['TZID'])
    zones[tzid] = own_zone(vtz)
    observances = []
    for o in vtz.subcomponents:
        if o.name not in ('STANDARD', 'DAYLIGHT'):
            continue
        observances.append({'kind': o.name, 'start': o.decoded('DTSTART').strftime('%Y%m%dT%H%M%S'),
                            'from': int(o.decoded('TZOFFSETFROM').total_seconds()),
                            'to': int(o.decoded('TZOFFSETTO').total_seconds()),
                            'name': str(o.get('TZNAME', ''))})
    out_zones.append({'tzid': tzid, 'observances': observances})


def moment(event, name):
    """The property as a UTC time, through the file's own zone, and the UTC offset that zone gives it."""
    prop = event[name]
    naive = prop.dt.replace(tzinfo=None)
    tzid = prop.params.get('TZID')
    if tzid is None:
        return naive.replace(tzinfo=datetime.timezone.utc), 0, ''
    tz = zones[tzid]
    local = tz.localize(naive) if hasattr(tz, 'localize') else naive.replace(tzinfo=tz)
    return local.astimezone(datetime.timezone.utc), int(local.utcoffset().total_seconds()), str(tzid)


events = []
for e in cal.walk('VEVENT'):
    start, offset, tzid = moment(e, 'DTSTART')
    end, _, _ = moment(e, 'DTEND')
    org = e.get('ORGANIZER')
    events.append({'uid': str(e['UID']), 'summary': str(e['SUMMARY']), 'status': str(e.get('STATUS', '')),
                   'sequence': int(e.get('SEQUENCE', 0)), 'start': start.strftime('%Y-%m-%dT%H:%M:%SZ'),
                   'end': end.strftime('%Y-%m-%dT%H:%M:%SZ'), 'offset': offset, 'tzid': tzid,
                   'organizer': str(org) if org is not None else '',
                   'organizerName': str(org.params.get('CN', '')) if org is not None else ''})

# With a window (two UTC times in seconds), every change of the first zone's offset in it, hour by hour, as icalendar
# works it out from the file's VTIMEZONE: the first hour, then each hour whose offset differs from the hour before.
changes = []
if len(sys.argv) == 4 and out_zones:
    tz = zones[out_zones[0]['tzid']]
    previous = None
    for t in range(int(sys.argv[2]), int(sys.argv[3]) + 1, 3600):
        offset = int(datetime.datetime.fromtimestamp(t, tz).utcoffset().total_seconds())
        if offset != previous:
            changes.append({'at': t, 'offset': offset})
        previous = offset

# icalendar has no RFC 5546 check of its own, so it reports no errors; the libical side does.
print(json.dumps({'method': str(cal.get('METHOD', '')), 'errors': [], 'zones': out_zones, 'changes': changes,
                  'events': events}))
