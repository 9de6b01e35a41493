// tessera-cli route PROJECT: planned in the next step.
#include <boost/program_options/variables_map.hpp>

#include <iostream>

namespace tessera::cli {

int runRoutePlanCommand(const boost::program_options::variables_map &)
{
    std::cerr << "tessera-cli route: project planning is not available yet\n";
    return 1;
}

} // namespace tessera::cli
