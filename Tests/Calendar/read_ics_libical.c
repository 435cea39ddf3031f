/* Reads a calendar file with libical (a second parser, independent of Python's icalendar) and prints what it found
 * as one JSON object, the same shape read_ics_icalendar.py prints, so a test can require the two to agree.
 * Every time is worked out from the file's own VTIMEZONE, never from the system's zone database.
 * Built by ICSExportCLITests with: cc read_ics_libical.c $(pkg-config --cflags --libs libical) */
#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void json_string(const char *s) {
    putchar('"');
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        if (*p == '"' || *p == '\\') printf("\\%c", *p);
        else if (*p < 0x20) printf("\\u%04x", *p);
        else putchar(*p);
    }
    putchar('"');
}

static void utc(time_t t, char *out) {
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static void wall(struct icaltimetype t, char *out) {
    snprintf(out, 32, "%04d%02d%02dT%02d%02d%02d", t.year, t.month, t.day, t.hour, t.minute, t.second);
}

/* Every X-LIC-ERROR property libical left in `c` and the components inside it, as JSON strings. */
static void print_errors(icalcomponent *c, int *first) {
    for (icalproperty *e = icalcomponent_get_first_property(c, ICAL_XLICERROR_PROPERTY); e;
         e = icalcomponent_get_next_property(c, ICAL_XLICERROR_PROPERTY)) {
        if (!*first) putchar(',');
        *first = 0;
        json_string(icalproperty_get_xlicerror(e));
    }
    for (icalcomponent *s = icalcomponent_get_first_component(c, ICAL_ANY_COMPONENT); s;
         s = icalcomponent_get_next_component(c, ICAL_ANY_COMPONENT)) {
        print_errors(s, first);
    }
}

/* A date-time property of an event, in UTC, through the file's VTIMEZONE named by its TZID (or UTC if it has 'Z'). */
static time_t event_time(icalcomponent *cal, icalproperty *p, int *offset, const char **tzid_out) {
    struct icaltimetype t = icalvalue_get_datetime(icalproperty_get_value(p));
    icalparameter *tzid = icalproperty_get_first_parameter(p, ICAL_TZID_PARAMETER);
    *offset = 0;
    *tzid_out = "";
    if (!tzid) return icaltime_as_timet_with_zone(t, icaltimezone_get_utc_timezone());
    *tzid_out = icalparameter_get_tzid(tzid);
    icaltimezone *zone = icalcomponent_get_timezone(cal, *tzid_out);
    if (!zone) { fprintf(stderr, "no VTIMEZONE in the file for TZID %s\n", *tzid_out); exit(3); }
    int dst = 0;
    *offset = icaltimezone_get_utc_offset(zone, &t, &dst);
    return icaltime_as_timet_with_zone(t, zone);
}

int main(int argc, char **argv) {
    if (argc != 2 && argc != 4) { fprintf(stderr, "usage: read_ics_libical FILE.ics [FROM TO]\n"); return 2; }
    FILE *f = fopen(argv[1], "rb");
    if (!f) { perror(argv[1]); return 2; }
    static char text[8 << 20];
    size_t n = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[n] = 0;
    icalcomponent *cal = icalparser_parse_string(text);
    if (!cal || icalcomponent_isa(cal) != ICAL_VCALENDAR_COMPONENT) { fprintf(stderr, "not a VCALENDAR\n"); return 3; }
    /* libical's check of RFC 5546's rules for the calendar's METHOD (an ORGANIZER on every PUBLISH event, ...):
     * each broken rule becomes an X-LIC-ERROR property, listed below with the parser's own errors. */
    icalrestriction_check(cal);

    printf("{\"method\":");
    icalproperty *method = icalcomponent_get_first_property(cal, ICAL_METHOD_PROPERTY);
    json_string(method ? icalproperty_method_to_string(icalproperty_get_method(method)) : "");

    printf(",\"errors\":[");
    int first = 1;
    print_errors(cal, &first);
    printf("],\"zones\":[");
    first = 1;
    for (icalcomponent *z = icalcomponent_get_first_component(cal, ICAL_VTIMEZONE_COMPONENT); z;
         z = icalcomponent_get_next_component(cal, ICAL_VTIMEZONE_COMPONENT)) {
        if (!first) putchar(',');
        first = 0;
        printf("{\"tzid\":");
        json_string(icalproperty_get_tzid(icalcomponent_get_first_property(z, ICAL_TZID_PROPERTY)));
        printf(",\"observances\":[");
        int firstObs = 1;
        for (icalcomponent *o = icalcomponent_get_first_component(z, ICAL_ANY_COMPONENT); o;
             o = icalcomponent_get_next_component(z, ICAL_ANY_COMPONENT)) {
            icalcomponent_kind k = icalcomponent_isa(o);
            if (k != ICAL_XSTANDARD_COMPONENT && k != ICAL_XDAYLIGHT_COMPONENT) continue;
            if (!firstObs) putchar(',');
            firstObs = 0;
            char start[32];
            wall(icalproperty_get_dtstart(icalcomponent_get_first_property(o, ICAL_DTSTART_PROPERTY)), start);
            icalproperty *name = icalcomponent_get_first_property(o, ICAL_TZNAME_PROPERTY);
            printf("{\"kind\":\"%s\",\"start\":\"%s\",\"from\":%d,\"to\":%d,\"name\":",
                   k == ICAL_XDAYLIGHT_COMPONENT ? "DAYLIGHT" : "STANDARD", start,
                   icalproperty_get_tzoffsetfrom(icalcomponent_get_first_property(o, ICAL_TZOFFSETFROM_PROPERTY)),
                   icalproperty_get_tzoffsetto(icalcomponent_get_first_property(o, ICAL_TZOFFSETTO_PROPERTY)));
            json_string(name ? icalproperty_get_tzname(name) : "");
            putchar('}');
        }
        printf("]}");
    }

    /* With a window (two UTC times in seconds), every change of the first zone's offset in it, hour by hour, as this
     * parser works it out from the file's VTIMEZONE (DTSTART, RRULE, UNTIL): the first hour, then each hour whose
     * offset differs from the hour before. */
    printf("],\"changes\":[");
    icalcomponent *vtz = icalcomponent_get_first_component(cal, ICAL_VTIMEZONE_COMPONENT);
    if (argc == 4 && vtz) {
        icaltimezone *zone = icalcomponent_get_timezone(cal, icalproperty_get_tzid(icalcomponent_get_first_property(vtz, ICAL_TZID_PROPERTY)));
        long long from = atoll(argv[2]), to = atoll(argv[3]);
        int previous = 0, any = 0;
        for (long long t = from; t <= to; t += 3600) {
            struct icaltimetype tt = icaltime_from_timet_with_zone((time_t)t, 0, icaltimezone_get_utc_timezone());
            int dst = 0, offset = icaltimezone_get_utc_offset_of_utc_time(zone, &tt, &dst);
            if (!any || offset != previous) printf("%s{\"at\":%lld,\"offset\":%d}", any ? "," : "", t, offset);
            previous = offset;
            any = 1;
        }
    }

    printf("],\"events\":[");
    first = 1;
    for (icalcomponent *e = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); e;
         e = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT)) {
        if (!first) putchar(',');
        first = 0;
        int offset, endOffset;
        const char *tzid, *endTzid;
        char start[32], end[32];
        utc(event_time(cal, icalcomponent_get_first_property(e, ICAL_DTSTART_PROPERTY), &offset, &tzid), start);
        utc(event_time(cal, icalcomponent_get_first_property(e, ICAL_DTEND_PROPERTY), &endOffset, &endTzid), end);
        icalproperty *org = icalcomponent_get_first_property(e, ICAL_ORGANIZER_PROPERTY);
        icalparameter *cn = org ? icalproperty_get_first_parameter(org, ICAL_CN_PARAMETER) : NULL;
        icalproperty *status = icalcomponent_get_first_property(e, ICAL_STATUS_PROPERTY);
        printf("{\"uid\":");
        json_string(icalcomponent_get_uid(e));
        printf(",\"summary\":");
        json_string(icalcomponent_get_summary(e));
        printf(",\"status\":");
        json_string(status ? icalproperty_status_to_string(icalproperty_get_status(status)) : "");
        printf(",\"sequence\":%d,\"start\":\"%s\",\"end\":\"%s\",\"offset\":%d,\"tzid\":", icalcomponent_get_sequence(e),
               start, end, offset);
        json_string(tzid);
        printf(",\"organizer\":");
        json_string(org ? icalproperty_get_organizer(org) : "");
        printf(",\"organizerName\":");
        json_string(cn ? icalparameter_get_cn(cn) : "");
        putchar('}');
    }
    printf("]}\n");
    icalcomponent_free(cal);
    return 0;
}
