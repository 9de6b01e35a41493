#include "core/io/csvreader.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <fstream>
#include <limits>
#include <map>
#include <sstream>

namespace tessera::io {

namespace {

std::string_view trimmed(std::string_view text)
{
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r'))
        text.remove_suffix(1);
    return text;
}

/// Line (1-based) of the first invalid UTF-8 sequence, or 0 when valid.
long firstInvalidUtf8Line(std::string_view text)
{
    long line = 1;
    std::size_t i = 0;
    const std::size_t n = text.size();
    while (i < n) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == '\n')
            ++line;
        if (c < 0x80) {
            ++i;
            continue;
        }
        int extra = 0;
        unsigned min = 0;
        unsigned code = 0;
        if ((c & 0xE0) == 0xC0) {
            extra = 1;
            code = c & 0x1F;
            min = 0x80;
        } else if ((c & 0xF0) == 0xE0) {
            extra = 2;
            code = c & 0x0F;
            min = 0x800;
        } else if ((c & 0xF8) == 0xF0) {
            extra = 3;
            code = c & 0x07;
            min = 0x10000;
        } else {
            return line;
        }
        if (i + static_cast<std::size_t>(extra) >= n)
            return line;
        for (int k = 1; k <= extra; ++k) {
            const auto cc = static_cast<unsigned char>(text[i + static_cast<std::size_t>(k)]);
            if ((cc & 0xC0) != 0x80)
                return line;
            code = (code << 6) | (cc & 0x3F);
        }
        if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))
            return line;
        i += static_cast<std::size_t>(extra) + 1;
    }
    return 0;
}

struct ParseOutcome {
    std::vector<CsvRecord> records;
    long unterminatedLine = 0; ///< line where an unterminated quote starts, 0 if none
};

/// RFC 4180 parser. Stops after \a maxRecords records (0 = all).
ParseOutcome parseRecords(std::string_view text, char delimiter, std::size_t maxRecords)
{
    ParseOutcome out;
    std::size_t i = 0;
    const std::size_t n = text.size();
    long line = 1;
    while (i < n) {
        if (maxRecords && out.records.size() >= maxRecords)
            break;
        CsvRecord record;
        record.line = line;
        std::string field;
        bool recordDone = false;
        bool blank = true;
        while (!recordDone) {
            // Start of a field.
            field.clear();
            std::size_t j = i;
            while (j < n && (text[j] == ' ' || text[j] == '\t') && text[j] != delimiter)
                ++j;
            if (j < n && text[j] == '"') {
                blank = false;
                i = j + 1;
                const long quoteLine = line;
                bool closed = false;
                while (i < n) {
                    const char c = text[i];
                    if (c == '"') {
                        if (i + 1 < n && text[i + 1] == '"') {
                            field += '"';
                            i += 2;
                            continue;
                        }
                        ++i;
                        closed = true;
                        break;
                    }
                    if (c == '\n')
                        ++line;
                    if (c == '\r' && i + 1 < n && text[i + 1] == '\n') {
                        ++i; // keep embedded line breaks as "\n"
                        continue;
                    }
                    field += c;
                    ++i;
                }
                if (!closed) {
                    out.unterminatedLine = quoteLine;
                    return out;
                }
                // Anything between the closing quote and the delimiter is kept.
                while (i < n && text[i] != delimiter && text[i] != '\n' && text[i] != '\r')
                    field += text[i++];
                field = std::string(trimmed(field));
            } else {
                while (i < n && text[i] != delimiter && text[i] != '\n' && text[i] != '\r')
                    field += text[i++];
                field = std::string(trimmed(field));
                if (!field.empty())
                    blank = false;
            }
            record.fields.push_back(field);
            if (i >= n) {
                recordDone = true;
            } else if (text[i] == delimiter) {
                blank = false;
                ++i;
            } else {
                if (text[i] == '\r')
                    ++i;
                if (i < n && text[i] == '\n')
                    ++i;
                ++line;
                recordDone = true;
            }
        }
        if (!blank)
            out.records.push_back(std::move(record));
    }
    return out;
}

bool looksLikeKnownColumn(const std::string &name)
{
    static const std::array<const char *, 20> known = {
        "id",  "name",      "lat",   "lon",     "lng",     "latitude",   "longitude", "key",    "x",      "y",
        "segment", "unit",  "unit_id", "territory", "rep", "rep_id", "capacity", "account", "account_id", "rep_name"};
    const std::string n = normalizedName(name);
    return std::find(known.begin(), known.end(), n) != known.end();
}

} // namespace

std::string quotedCsvField(std::string_view text)
{
    if (text.find_first_of(",\"\r\n") == std::string_view::npos)
        return std::string(text);
    std::string quoted = "\"";
    for (const char c : text) {
        if (c == '"')
            quoted += '"';
        quoted += c;
    }
    return quoted + '"';
}

std::string normalizedName(std::string_view text)
{
    std::string out(trimmed(text));
    for (char &c : out)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    return out;
}

std::optional<double> parseNumber(std::string_view text, bool decimalComma)
{
    text = trimmed(text);
    if (text.empty())
        return std::nullopt;
    std::string buffer;
    if (text.front() == '+')
        text.remove_prefix(1);
    if (decimalComma && text.find(',') != std::string_view::npos && text.find('.') == std::string_view::npos) {
        buffer = std::string(text);
        std::replace(buffer.begin(), buffer.end(), ',', '.');
        text = buffer;
    }
    double value = 0.0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size())
        return std::nullopt;
    if (value != value || value == std::numeric_limits<double>::infinity()
        || value == -std::numeric_limits<double>::infinity())
        return std::nullopt;
    return value;
}

int CsvTable::columnIndex(std::string_view name) const
{
    const std::string wanted = normalizedName(name);
    for (std::size_t i = 0; i < columns.size(); ++i)
        if (normalizedName(columns[i]) == wanted)
            return static_cast<int>(i);
    return -1;
}

Result<CsvTable> parseCsv(std::string_view text, const std::string &fileName, const CsvOptions &options)
{
    if (text.size() >= 2
        && ((static_cast<unsigned char>(text[0]) == 0xFF && static_cast<unsigned char>(text[1]) == 0xFE)
            || (static_cast<unsigned char>(text[0]) == 0xFE && static_cast<unsigned char>(text[1]) == 0xFF)))
        return makeError(ErrorCode::InvalidInput, "the file is UTF-16; save it as UTF-8", fileName);
    if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF")
        text.remove_prefix(3);
    if (const long bad = firstInvalidUtf8Line(text))
        return makeError(ErrorCode::InvalidInput, "the text is not valid UTF-8 (save the file as UTF-8)",
                         fileName + ":" + std::to_string(bad));

    CsvTable table;
    table.file = fileName;

    // Delimiter: the candidate whose field count is most consistent over the
    // first records, preferring more fields on a tie.
    char delimiter = options.delimiter;
    if (delimiter == 0) {
        const std::size_t sniff = static_cast<std::size_t>(std::max(2, options.sniffRecords));
        double bestScore = -1.0;
        delimiter = ',';
        for (char candidate : {',', ';', '\t', '|'}) {
            const ParseOutcome probe = parseRecords(text, candidate, sniff);
            if (probe.records.empty())
                continue;
            std::map<std::size_t, std::size_t> histogram;
            for (const CsvRecord &r : probe.records)
                ++histogram[r.fields.size()];
            const auto mode = std::max_element(histogram.begin(), histogram.end(),
                                               [](const auto &a, const auto &b) { return a.second < b.second; });
            if (mode->first < 2)
                continue;
            const double consistency = double(mode->second) / double(probe.records.size());
            const double score = consistency * 1000.0 + double(mode->first);
            if (score > bestScore) {
                bestScore = score;
                delimiter = candidate;
            }
        }
    }
    table.delimiter = delimiter;

    ParseOutcome parsed = parseRecords(text, delimiter, 0);
    if (parsed.unterminatedLine)
        return makeError(ErrorCode::InvalidInput, "a quoted field is never closed",
                         fileName + ":" + std::to_string(parsed.unterminatedLine));
    if (parsed.records.empty())
        return makeError(ErrorCode::InvalidInput, "the file has no rows", fileName);

    bool header = false;
    if (options.hasHeader) {
        header = *options.hasHeader;
    } else {
        const CsvRecord &first = parsed.records.front();
        const bool decimalComma = delimiter != ',';
        bool anyNumeric = false;
        bool anyKnown = false;
        for (const std::string &f : first.fields) {
            anyNumeric = anyNumeric || parseNumber(f, decimalComma).has_value();
            anyKnown = anyKnown || looksLikeKnownColumn(f);
        }
        bool numericBelow = false;
        const std::size_t sniffEnd = std::min<std::size_t>(parsed.records.size(),
                                                          static_cast<std::size_t>(std::max(2, options.sniffRecords)));
        for (std::size_t c = 0; c < first.fields.size() && !numericBelow; ++c)
            for (std::size_t r = 1; r < sniffEnd; ++r)
                if (c < parsed.records[r].fields.size() && parseNumber(parsed.records[r].fields[c], decimalComma)) {
                    numericBelow = true;
                    break;
                }
        header = anyKnown || (!anyNumeric && (numericBelow || parsed.records.size() == 1));
    }
    table.hasHeader = header;
    if (header) {
        for (const std::string &f : parsed.records.front().fields)
            table.columns.emplace_back(trimmed(f));
        parsed.records.erase(parsed.records.begin());
    } else {
        std::size_t width = 0;
        for (const CsvRecord &r : parsed.records)
            width = std::max(width, r.fields.size());
        for (std::size_t c = 0; c < width; ++c)
            table.columns.push_back("column" + std::to_string(c + 1));
    }
    table.records = std::move(parsed.records);
    return table;
}

Result<CsvTable> readCsv(const std::string &path, const CsvOptions &options, Feedback *feedback)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return makeError(ErrorCode::NotFound, "cannot open the file", path);
    std::ostringstream buffer;
    buffer << in.rdbuf();
    if (in.bad())
        return makeError(ErrorCode::IoError, "cannot read the file", path);
    if (isCancelled(feedback))
        return makeError(ErrorCode::Cancelled, "cancelled", path);
    reportProgress(feedback, 0.0, "reading CSV");
    return parseCsv(buffer.str(), path, options);
}

} // namespace tessera::io
