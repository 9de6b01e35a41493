#include "core/routing/repplanexporter.h"

#include <chrono>
#include <cmath>
#include <cstdio>

namespace tessera {

namespace {

std::string csvField(const std::string &text)
{
    if (text.find_first_of(",\"\n\r") == std::string::npos)
        return text;
    std::string quoted = "\"";
    for (char ch : text) {
        if (ch == '"')
            quoted += '"';
        quoted += ch;
    }
    return quoted + '"';
}

std::string xmlText(const std::string &text)
{
    std::string out;
    for (char ch : text) {
        switch (ch) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        default: out += ch;
        }
    }
    return out;
}

std::string icsText(const std::string &text)
{
    std::string out;
    for (char ch : text) {
        if (ch == '\\' || ch == ';' || ch == ',')
            out += '\\';
        if (ch == '\n') {
            out += "\\n";
            continue;
        }
        out += ch;
    }
    return out;
}

std::string number(double value, int decimals)
{
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    return buffer;
}

} // namespace

std::string RepPlanExporter::clock(double minutes)
{
    const long total = std::lround(minutes);
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%02ld:%02ld", total / 60, total % 60);
    return buffer;
}

Result<double> RepPlanExporter::parseClock(const std::string &text)
{
    int hours = 0, minutes = 0;
    char tail = 0;
    if (std::sscanf(text.c_str(), "%d:%d%c", &hours, &minutes, &tail) != 2 || hours < 0 || hours > 24 || minutes < 0
        || minutes > 59 || (hours == 24 && minutes > 0))
        return makeError(ErrorCode::InvalidArgument, "'" + text + "' is not a time of day HH:MM");
    return hours * 60.0 + minutes;
}

std::string RepPlanExporter::csv(const std::vector<RepPlan> &plans)
{
    std::string out = "rep,day,position,account,name,arrival,wait_min,start,departure,drive_min,drive_km,lon,lat\n";
    for (const RepPlan &plan : plans)
        for (const PlannedDay &day : plan.days)
            for (std::size_t k = 0; k < day.visits.size(); ++k) {
                const PlannedVisit &v = day.visits[k];
                out += csvField(plan.repKey) + ',' + std::to_string(day.day + 1) + ',' + std::to_string(k + 1) + ','
                       + csvField(v.key) + ',' + csvField(v.name) + ',' + clock(v.arrival) + ',' + number(v.wait, 1)
                       + ',' + clock(v.start) + ',' + clock(v.departure) + ',' + number(v.driveMinutes, 1) + ','
                       + number(v.driveKm, 2) + ',' + number(v.location.lon, 6) + ',' + number(v.location.lat, 6)
                       + '\n';
            }
    return out;
}

std::string RepPlanExporter::gpx(const std::vector<RepPlan> &plans)
{
    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                      "<gpx version=\"1.1\" creator=\"Tessera\" xmlns=\"http://www.topografix.com/GPX/1/1\">\n";
    for (const RepPlan &plan : plans) {
        out += "  <wpt lat=\"" + number(plan.home.lat, 6) + "\" lon=\"" + number(plan.home.lon, 6) + "\"><name>"
               + xmlText(plan.repName.empty() ? plan.repKey : plan.repName) + " (home)</name></wpt>\n";
        for (const PlannedDay &day : plan.days) {
            if (day.visits.empty())
                continue;
            out += "  <rte>\n    <name>" + xmlText(plan.repKey) + " day " + std::to_string(day.day + 1) + "</name>\n";
            auto point = [&](const LonLat &at, const std::string &name) {
                out += "    <rtept lat=\"" + number(at.lat, 6) + "\" lon=\"" + number(at.lon, 6) + "\"><name>"
                       + xmlText(name) + "</name></rtept>\n";
            };
            point(plan.home, "home " + clock(day.leaveHome));
            for (std::size_t k = 0; k < day.visits.size(); ++k)
                point(day.visits[k].location,
                      std::to_string(k + 1) + ". " + day.visits[k].name + " " + clock(day.visits[k].start));
            point(plan.home, "home " + clock(day.returnHome));
            out += "  </rte>\n";
        }
    }
    return out + "</gpx>\n";
}

Result<std::string> RepPlanExporter::icalendar(const std::vector<RepPlan> &plans, const std::string &firstDay)
{
    using namespace std::chrono;
    int y = 0;
    unsigned m = 0, d = 0;
    char tail = 0;
    if (std::sscanf(firstDay.c_str(), "%d-%u-%u%c", &y, &m, &d, &tail) != 3)
        return makeError(ErrorCode::InvalidArgument, "'" + firstDay + "' is not a date YYYY-MM-DD");
    const year_month_day first{year{y}, month{m}, day{d}};
    if (!first.ok())
        return makeError(ErrorCode::InvalidArgument, "'" + firstDay + "' is not a date YYYY-MM-DD");
    // working day k -> calendar date, weekends skipped
    auto dateOf = [&](int k) {
        sys_days date{first};
        while (weekday{date}.iso_encoding() > 5)
            date += days{1};
        for (int i = 0; i < k; ++i) {
            date += days{1};
            while (weekday{date}.iso_encoding() > 5)
                date += days{1};
        }
        const year_month_day ymd{date};
        char buffer[16];
        std::snprintf(buffer, sizeof buffer, "%04d%02u%02u", int(ymd.year()), unsigned(ymd.month()),
                      unsigned(ymd.day()));
        return std::string(buffer);
    };
    auto stamp = [](double minutes) {
        const long total = std::lround(minutes);
        char buffer[16];
        std::snprintf(buffer, sizeof buffer, "T%02ld%02ld00", total / 60, total % 60);
        return std::string(buffer);
    };
    std::string out = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Tessera//Rep plan//EN\r\nCALSCALE:GREGORIAN\r\n";
    for (const RepPlan &plan : plans)
        for (const PlannedDay &day : plan.days)
            for (std::size_t k = 0; k < day.visits.size(); ++k) {
                const PlannedVisit &v = day.visits[k];
                const std::string date = dateOf(day.day);
                out += "BEGIN:VEVENT\r\n";
                out += "UID:" + icsText(plan.repKey) + "-" + date + "-" + std::to_string(k + 1) + "@tessera\r\n";
                out += "DTSTAMP:" + dateOf(0) + "T000000Z\r\n";
                out += "DTSTART:" + date + stamp(v.start) + "\r\n";
                out += "DTEND:" + date + stamp(v.departure) + "\r\n";
                out += "SUMMARY:" + icsText(v.name.empty() ? v.key : v.name) + "\r\n";
                out += "LOCATION:" + number(v.location.lat, 6) + "\\," + number(v.location.lon, 6) + "\r\n";
                out += "GEO:" + number(v.location.lat, 6) + ";" + number(v.location.lon, 6) + "\r\n";
                out += "DESCRIPTION:" + icsText("Account " + v.key + ", stop " + std::to_string(k + 1) + " of day "
                                                + std::to_string(day.day + 1) + ", " + number(v.driveMinutes, 0)
                                                + " min drive before")
                       + "\r\n";
                out += "END:VEVENT\r\n";
            }
    return out + "END:VCALENDAR\r\n";
}

} // namespace tessera
