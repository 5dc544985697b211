// Plug-ins that exist only in the test binary, to drive failure paths that real plug-ins must not
// exhibit: a value function that returns NaN and an explainer that overspends its budget.
//
//   test.nan:n=N,after=K        value 1 for the first K queries, then NaN
//   test.overspend:extra=E      queries budget + E uniform masks in one batch
#pragma once

namespace spexbench::test {
/// Referenced by tests so the linker keeps test_tasks.o (and its registrations).
void link_test_plugins();
}  // namespace spexbench::test
