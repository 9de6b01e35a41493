#include "core/routing/solomonreader.h"

#include <cmath>
#include <fstream>
#include <sstream>

namespace tessera {

Result<RoutingProblem> SolomonReader::read(const std::string &path)
{
    std::ifstream in(path);
    if (!in)
        return makeError(ErrorCode::NotFound, "cannot open the file", path);
    std::stringstream buffer;
    buffer << in.rdbuf();
    return parse(buffer.str(), path);
}

Result<RoutingProblem> SolomonReader::parse(const std::string &text, const std::string &fileName)
{
    std::istringstream in(text);
    std::string line;
    long lineNumber = 0;
    enum class Section { Header, Vehicle, Customer } section = Section::Header;
    RoutingProblem problem;
    bool haveFleet = false;
    std::vector<double> xs, ys;
    while (std::getline(in, line)) {
        ++lineNumber;
        std::istringstream fields(line);
        std::string first;
        if (!(fields >> first))
            continue;
        if (first == "VEHICLE") {
            section = Section::Vehicle;
            continue;
        }
        if (first == "CUSTOMER") {
            section = Section::Customer;
            continue;
        }
        const bool numeric = (first[0] >= '0' && first[0] <= '9') || first[0] == '-' || first[0] == '.';
        if (!numeric)
            continue; // name or column titles
        std::istringstream row(line);
        const std::string where = fileName + ":" + std::to_string(lineNumber);
        if (section == Section::Vehicle) {
            double vehicles = 0, capacity = 0;
            if (!(row >> vehicles >> capacity) || vehicles < 1 || capacity <= 0)
                return makeError(ErrorCode::InvalidInput, "expected the vehicle count and capacity", where);
            problem.maxVehicles = static_cast<int>(vehicles);
            problem.capacity = capacity;
            haveFleet = true;
        } else if (section == Section::Customer) {
            double id, x, y, demand, ready, due, service;
            if (!(row >> id >> x >> y >> demand >> ready >> due >> service))
                return makeError(ErrorCode::InvalidInput, "expected 7 numbers: id x y demand ready due service", where);
            if (static_cast<std::size_t>(id) != problem.nodes.size())
                return makeError(ErrorCode::InvalidInput, "customer numbers must run 0, 1, 2, ... (depot first)", where);
            if (ready > due || demand < 0 || service < 0)
                return makeError(ErrorCode::InvalidInput, "bad demand, service or time window", where);
            RoutingNode node;
            node.key = std::to_string(static_cast<long>(id));
            node.demand = demand;
            node.service = service;
            node.windows.push_back({ready, due});
            problem.nodes.push_back(std::move(node));
            xs.push_back(x);
            ys.push_back(y);
        }
    }
    if (!haveFleet)
        return makeError(ErrorCode::InvalidInput, "no VEHICLE section", fileName);
    if (problem.nodes.size() < 2)
        return makeError(ErrorCode::InvalidInput, "no customers", fileName);
    const std::size_t n = problem.nodes.size();
    problem.travel.resize(n * n);
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < n; ++j)
            problem.travel[i * n + j] = std::hypot(xs[i] - xs[j], ys[i] - ys[j]);
    if (auto valid = problem.validate(); !valid)
        return makeError(valid.error().code, valid.error().message, fileName);
    return problem;
}

} // namespace tessera
