#include "core/optimizer/locationinstancereader.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

namespace tessera::locationinstancereader {

namespace {

/// Whitespace-separated numbers with the line each came from.
struct Tokens {
    std::vector<double> values;
    std::vector<std::size_t> lines;
    std::size_t next = 0;

    bool take(double &value, std::size_t &line)
    {
        if (next >= values.size())
            return false;
        value = values[next];
        line = lines[next];
        ++next;
        return true;
    }
};

Result<Tokens> tokenize(const std::string &path)
{
    std::ifstream in(path);
    if (!in)
        return makeError(ErrorCode::NotFound, "cannot open file", path);
    Tokens tokens;
    std::string text;
    std::size_t lineNumber = 0;
    while (std::getline(in, text)) {
        ++lineNumber;
        std::istringstream fields(text);
        std::string field;
        while (fields >> field) {
            try {
                std::size_t used = 0;
                const double value = std::stod(field, &used);
                if (used != field.size())
                    throw std::invalid_argument(field);
                tokens.values.push_back(value);
                tokens.lines.push_back(lineNumber);
            } catch (const std::exception &) {
                return makeError(ErrorCode::InvalidInput, "'" + field + "' is not a number",
                                 path + ":" + std::to_string(lineNumber));
            }
        }
    }
    return tokens;
}

Error truncated(const std::string &path, const Tokens &tokens)
{
    const std::size_t line = tokens.lines.empty() ? 0 : tokens.lines.back();
    return makeError(ErrorCode::InvalidInput, "file ends early", path + ":" + std::to_string(line));
}

bool isCount(double value) { return value >= 0 && value == static_cast<double>(static_cast<long long>(value)); }

std::string stem(const std::string &path) { return std::filesystem::path(path).stem().string(); }

} // namespace

Result<LocationInstance> readOrLibraryPmed(const std::string &path)
{
    auto tokens = tokenize(path);
    if (!tokens)
        return tokens.error();
    Tokens &t = *tokens;
    double n = 0, m = 0, p = 0;
    std::size_t line = 0;
    if (!t.take(n, line) || !t.take(m, line) || !t.take(p, line))
        return truncated(path, t);
    if (!isCount(n) || !isCount(m) || !isCount(p) || n < 1 || p < 1 || p > n)
        return makeError(ErrorCode::InvalidInput, "header must be 'n m p' with 1 <= p <= n", path + ":1");
    std::vector<DistanceMatrix::Edge> edges;
    edges.reserve(static_cast<std::size_t>(m));
    for (std::size_t e = 0; e < static_cast<std::size_t>(m); ++e) {
        double a = 0, b = 0, c = 0;
        if (!t.take(a, line) || !t.take(b, line) || !t.take(c, line))
            return truncated(path, t);
        if (!isCount(a) || !isCount(b) || a < 1 || b < 1 || a > n || b > n)
            return makeError(ErrorCode::InvalidInput, "vertex index out of 1.." + std::to_string(static_cast<long>(n)),
                             path + ":" + std::to_string(line));
        edges.push_back({static_cast<std::size_t>(a) - 1, static_cast<std::size_t>(b) - 1, c});
    }
    auto matrix = DistanceMatrix::fromEdges(static_cast<std::size_t>(n), edges);
    if (!matrix)
        return makeError(matrix.error().code, matrix.error().message, path);
    LocationInstance instance;
    instance.name = stem(path);
    instance.problem.distances = std::move(*matrix);
    instance.problem.p = static_cast<std::size_t>(p);
    return instance;
}

Result<LocationInstance> readOrLibraryPmedcap(const std::string &path)
{
    auto tokens = tokenize(path);
    if (!tokens)
        return tokens.error();
    Tokens &t = *tokens;
    double index = 0, value = 0, n = 0, p = 0, q = 0;
    std::size_t line = 0;
    if (!t.take(index, line) || !t.take(value, line) || !t.take(n, line) || !t.take(p, line) || !t.take(q, line))
        return truncated(path, t);
    if (!isCount(n) || !isCount(p) || n < 1 || p < 1 || p > n || q <= 0)
        return makeError(ErrorCode::InvalidInput, "second line must be 'n p Q' with 1 <= p <= n and Q > 0",
                         path + ":" + std::to_string(line));
    const auto count = static_cast<std::size_t>(n);
    std::vector<DistanceMatrix::Point> points(count);
    std::vector<double> demands(count);
    for (std::size_t i = 0; i < count; ++i) {
        double id = 0, x = 0, y = 0, d = 0;
        if (!t.take(id, line) || !t.take(x, line) || !t.take(y, line) || !t.take(d, line))
            return truncated(path, t);
        if (d < 0)
            return makeError(ErrorCode::InvalidInput, "negative demand", path + ":" + std::to_string(line));
        points[i] = {x, y};
        demands[i] = d;
    }
    LocationInstance instance;
    instance.name = stem(path);
    instance.statedValue = value;
    instance.problem.distances = DistanceMatrix::fromPoints(points, points, /*floorDistances=*/true);
    instance.problem.demands = std::move(demands);
    instance.problem.capacities.assign(count, q);
    instance.problem.p = static_cast<std::size_t>(p);
    return instance;
}

Result<LocationInstance> readSjc(const std::string &path)
{
    auto tokens = tokenize(path);
    if (!tokens)
        return tokens.error();
    Tokens &t = *tokens;
    double n = 0, p = 0;
    std::size_t line = 0;
    if (!t.take(n, line) || !t.take(p, line))
        return truncated(path, t);
    if (!isCount(n) || !isCount(p) || n < 1 || p < 1 || p > n)
        return makeError(ErrorCode::InvalidInput, "first line must be 'n p' with 1 <= p <= n", path + ":1");
    const auto count = static_cast<std::size_t>(n);
    std::vector<DistanceMatrix::Point> points(count);
    std::vector<double> demands(count), capacities(count);
    for (std::size_t i = 0; i < count; ++i) {
        double x = 0, y = 0, c = 0, d = 0;
        if (!t.take(x, line) || !t.take(y, line) || !t.take(c, line) || !t.take(d, line))
            return truncated(path, t);
        if (d < 0 || c < 0)
            return makeError(ErrorCode::InvalidInput, "negative demand or capacity", path + ":" + std::to_string(line));
        points[i] = {x, y};
        capacities[i] = c;
        demands[i] = d;
    }
    LocationInstance instance;
    instance.name = stem(path);
    instance.problem.distances = DistanceMatrix::fromPoints(points, points, /*floorDistances=*/false);
    instance.problem.demands = std::move(demands);
    instance.problem.capacities = std::move(capacities);
    instance.problem.p = static_cast<std::size_t>(p);
    return instance;
}

} // namespace tessera::locationinstancereader
