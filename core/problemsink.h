#pragma once

#include <string>
#include <vector>

namespace tessera {

/// One problem found in the user's data: a bad CSV row, an invalid polygon, an
/// account outside every unit. Problems are reported and the work carries on;
/// only fatal errors come back as an Error.
struct Problem {
    enum class Severity { Info, Warning, Error };

    Severity severity = Severity::Warning;
    std::string message;
    std::string file;     ///< file name, when the problem is in a file
    long line = 0;        ///< 1-based line or feature index; 0 if unknown
    std::string column;   ///< column or field name, when known
    std::string featureId; ///< unit/account id, when known

    /// "file:line: column 'x': message" with the parts that are known.
    std::string toString() const;
};

/// Receives problems. Every method is a no-op by default so callers only
/// override what they use.
class ProblemSink {
public:
    virtual ~ProblemSink() = default;
    virtual void report(const Problem &problem) { (void)problem; }
};

/// A sink that keeps every problem, for the CLI summary, the GUI list and tests.
class CollectingProblemSink : public ProblemSink {
public:
    void report(const Problem &problem) override { mProblems.push_back(problem); }
    const std::vector<Problem> &problems() const { return mProblems; }
    int count(Problem::Severity severity) const;
    void clear() { mProblems.clear(); }

private:
    std::vector<Problem> mProblems;
};

} // namespace tessera
