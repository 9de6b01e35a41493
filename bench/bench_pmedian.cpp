// Site-selection quality table: OR-Library pmed1-40 (uncapacitated), OR-Library
// pmedcap1 and Lorena & Senne SJC (capacitated), each with its set's distance
// convention, against the published optima read at run time from
// ../shared/bench/*/values.csv.
//
//   bench_pmedian [--quick] [--set pmed|pmedcap|sjc] [--only NAME] [--seed N]
//                 [--glpk-compare] [--exact-max N] [--nearest K] [--mip-time S] [--mip-nodes N]
//                 [--sub-solves N] [--data DIR]
//
// --mip-nodes overrides the automatic node budget of the final GLPK run,
// --sub-solves the number of group sub-solves; --mip-time sets the safety stop
// of our GLPK run and the limit of the plain model in --glpk-compare (10 s).
// --sites prints the open sites of every result (numbered from 1).
// --quick runs a small subset for a sanity check. --glpk-compare also runs
// GLPK directly on the textbook model (no bound, no incumbent) for the
// pmedcap1 instances and prints the time ratio against our exact path.
#include "core/optimizer/locationinstancereader.h"
#include "core/optimizer/pmediancapacitatedsolver.h"
#include "core/optimizer/pmediansolver.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

using namespace tessera;

namespace {

std::map<std::string, double> readValues(const std::string &path, int nameColumn, int valueColumn)
{
    std::map<std::string, double> values;
    std::ifstream in(path);
    std::string line;
    bool header = true;
    while (std::getline(in, line)) {
        if (header) {
            header = false;
            continue;
        }
        std::vector<std::string> fields;
        std::stringstream row(line);
        std::string field;
        while (std::getline(row, field, ','))
            fields.push_back(field);
        if (int(fields.size()) > std::max(nameColumn, valueColumn) && !fields[valueColumn].empty())
            values[fields[nameColumn]] = std::stod(fields[valueColumn]);
    }
    return values;
}

struct Totals {
    int instances = 0;
    int atOptimum = 0;
    int proven = 0;
    double seconds = 0.0;
    double sumGapToOptimum = 0.0;
    double worstGapToOptimum = 0.0;
    double sumGapToBound = 0.0;
};

void printHeader(const char *title)
{
    std::printf("\n== %s ==\n", title);
    std::printf("%-12s %5s %4s %14s %14s %14s %9s %9s %8s %s\n", "instance", "n", "p", "objective", "lower_bound",
                "published", "gap_pub%", "gap_lb%", "seconds", "stop");
}

void printRow(const std::string &name, const LocationInstance &instance, const LocationResult &r, double published,
              Totals &totals, double tolerance)
{
    const double gapPub = published > 0 ? 100.0 * (r.objective - published) / published : 0.0;
    std::printf("%-12s %5zu %4zu %14.2f %14.2f %14.2f %9.3f %9.3f %8.2f %s\n", name.c_str(),
                instance.problem.customerCount(), instance.problem.p, r.objective, r.lowerBound, published, gapPub,
                100.0 * r.gap, r.seconds, locationStopName(r.stop));
    std::fflush(stdout);
    ++totals.instances;
    if (r.objective <= published + tolerance)
        ++totals.atOptimum;
    if (r.isProvenOptimal())
        ++totals.proven;
    totals.seconds += r.seconds;
    totals.sumGapToOptimum += gapPub;
    totals.worstGapToOptimum = std::max(totals.worstGapToOptimum, gapPub);
    totals.sumGapToBound += 100.0 * r.gap;
}

/// Open sites, numbered from 1 as in the instance files.
void printSiteList(const std::vector<std::size_t> &sites)
{
    std::printf("  sites:");
    for (std::size_t j : sites)
        std::printf(" %zu", j + 1);
    std::printf("\n");
}

void printTotals(const char *title, const Totals &t)
{
    if (t.instances == 0)
        return;
    std::printf("TOTAL %-8s instances %d, at published optimum %d, proven optimal %d, mean gap to published %.3f %%,"
                " worst %.3f %%, mean gap to own bound %.3f %%, seconds %.2f\n",
                title, t.instances, t.atOptimum, t.proven, t.sumGapToOptimum / t.instances, t.worstGapToOptimum,
                t.sumGapToBound / t.instances, t.seconds);
}

} // namespace

int main(int argc, char **argv)
{
    std::string data = std::string(TESSERA_SHARED_DIR) + "/bench";
    if (const char *env = std::getenv("TESSERA_SHARED_DIR"))
        data = std::string(env) + "/bench";
    bool quick = false, glpkCompare = false, printSites = false;
    std::string set, only;
    LocationOptions options;
    // Time limit of the plain GLPK model in --glpk-compare (our solver's own
    // MIP time limit is only a safety stop; its node budget binds).
    double textbookLimit = 10.0;
    for (int a = 1; a < argc; ++a) {
        const std::string arg = argv[a];
        if (arg == "--quick")
            quick = true;
        else if (arg == "--glpk-compare")
            glpkCompare = true;
        else if (arg == "--sites")
            printSites = true;
        else if (arg == "--set" && a + 1 < argc)
            set = argv[++a];
        else if (arg == "--only" && a + 1 < argc)
            only = argv[++a];
        else if (arg == "--seed" && a + 1 < argc)
            options.seed = std::stoull(argv[++a]);
        else if (arg == "--exact-max" && a + 1 < argc)
            options.exactMaxVariables = std::stoull(argv[++a]);
        else if (arg == "--nearest" && a + 1 < argc)
            options.mipNearestSites = std::stoull(argv[++a]);
        else if (arg == "--mip-time" && a + 1 < argc)
            options.mipTimeLimitSeconds = textbookLimit = std::stod(argv[++a]);
        else if (arg == "--mip-nodes" && a + 1 < argc)
            options.mipNodeLimit = std::stoull(argv[++a]);
        else if (arg == "--sub-solves" && a + 1 < argc)
            options.subproblemSolves = std::stoull(argv[++a]);
        else if (arg == "--data" && a + 1 < argc)
            data = std::string(argv[++a]);
        else {
            std::fprintf(stderr, "usage: %s [--quick] [--set pmed|pmedcap|sjc] [--only NAME] [--seed N] "
                                 "[--glpk-compare] [--sites] [--exact-max N] [--nearest K] [--mip-time S] [--mip-nodes N] [--sub-solves N] [--data DIR]\n", argv[0]);
            return arg == "--help" ? 0 : 2;
        }
    }
    std::ifstream probe(data + "/README.md");
    if (!probe) {
        std::fprintf(stderr, "benchmark data not found in %s\n", data.c_str());
        return 1;
    }

    // ---- uncapacitated
    if (set.empty() || set == "pmed") {
        const auto published = readValues(data + "/orlib-pmed/values.csv", 0, 5);
        printHeader("OR-Library pmed (uncapacitated; last-listed edge cost + Floyd-Warshall)");
        Totals totals;
        for (int k = 1; k <= 40; ++k) {
            const std::string name = "pmed" + std::to_string(k);
            if (!only.empty() && only != name)
                continue;
            if (quick && k != 1 && k != 6 && k != 15 && k != 26)
                continue;
            auto instance = locationinstancereader::readOrLibraryPmed(data + "/orlib-pmed/" + name + ".txt");
            if (!instance) {
                std::fprintf(stderr, "%s\n", instance.error().toString().c_str());
                return 1;
            }
            auto result = PmedianSolver(options).solve(instance->problem);
            if (!result) {
                std::fprintf(stderr, "%s: %s\n", name.c_str(), result.error().toString().c_str());
                return 1;
            }
            printRow(name, *instance, *result, published.at(name), totals, 0.5);
            if (printSites)
                printSiteList(result->sites);
        }
        printTotals("pmed", totals);
    }

    // ---- capacitated
    const auto capValues = readValues(data + "/cap-pmedian/values.csv", 1, 7);
    struct CapSet {
        const char *key;
        const char *title;
        std::vector<std::string> names;
        bool sjc;
    };
    std::vector<std::string> pmedcapNames, sjcNames = {"SJC1", "SJC2", "SJC3a", "SJC3b", "SJC4a", "SJC4b"};
    for (int k = 1; k <= 20; ++k)
        pmedcapNames.push_back((k < 10 ? "pmedcap1-0" : "pmedcap1-") + std::to_string(k));
    const CapSet sets[] = {
        {"pmedcap", "OR-Library pmedcap1 (capacitated; floor(Euclidean))", pmedcapNames, false},
        {"sjc", "Lorena & Senne SJC (capacitated; unrounded Euclidean)", sjcNames, true},
    };
    double ourExactSeconds = 0.0, textbookSeconds = 0.0;
    int compared = 0;
    for (const CapSet &capSet : sets) {
        if (!set.empty() && set != capSet.key)
            continue;
        printHeader(capSet.title);
        Totals totals;
        for (const std::string &name : capSet.names) {
            if (!only.empty() && only != name)
                continue;
            if (quick && name != "pmedcap1-01" && name != "pmedcap1-11" && name != "SJC1")
                continue;
            const std::string path = data + "/cap-pmedian/" + (capSet.sjc ? "sjc/" + name + ".dat"
                                                                           : "orlib-pmedcap1/" + name + ".txt");
            auto instance = capSet.sjc ? locationinstancereader::readSjc(path)
                                       : locationinstancereader::readOrLibraryPmedcap(path);
            if (!instance) {
                std::fprintf(stderr, "%s\n", instance.error().toString().c_str());
                return 1;
            }
            auto result = PmedianCapacitatedSolver(options).solve(instance->problem);
            if (!result) {
                std::fprintf(stderr, "%s: %s\n", name.c_str(), result.error().toString().c_str());
                return 1;
            }
            printRow(name, *instance, *result, capValues.at(name), totals, capSet.sjc ? 0.01 : 0.5);
            if (printSites)
                printSiteList(result->sites);
            if (glpkCompare && !capSet.sjc) {
                auto plain = PmedianCapacitatedSolver::solveTextbookModel(instance->problem, textbookLimit);
                if (plain) {
                    std::printf("   GLPK textbook model alone: objective %.2f, bound %.2f, %.2f s, %s, %zu nodes"
                                " (ours %.2f s, %s)\n",
                                plain->objective, plain->lowerBound, plain->seconds, locationStopName(plain->stop),
                                plain->mipNodes, result->seconds, locationStopName(result->stop));
                    ourExactSeconds += result->seconds;
                    textbookSeconds += plain->seconds;
                    ++compared;
                }
            }
        }
        printTotals(capSet.key, totals);
    }
    if (compared > 0)
        std::printf("GLPK textbook model / our exact path, %d instances: %.2f s / %.2f s = %.2fx"
                    " (runs stopped by the %.0f s limit count at the limit)\n",
                    compared, textbookSeconds, ourExactSeconds, textbookSeconds / std::max(1e-9, ourExactSeconds),
                    textbookLimit);
    return 0;
}
