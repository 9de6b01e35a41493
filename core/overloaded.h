#pragma once

namespace tessera {

/// Visitor from lambdas for std::visit: std::visit(Overloaded{[](A) {}, [](B) {}}, v).
template<class... Ts>
struct Overloaded : Ts... {
    using Ts::operator()...;
};
// Spelled out: clang 14 (the sanitizer build) has no aggregate deduction.
template<class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

} // namespace tessera
