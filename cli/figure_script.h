// Drawing the figures of a results file with results/figures/make_figures.py (Debian's python3
// with h5py and matplotlib), for `figures` and for `report --figures`. SPEXBENCH_FIGURES_SCRIPT
// overrides the script's location (for an installed binary away from the source tree).
#pragma once

#include <string>

#include "results/results_file.h"

namespace spexbench::cli {

struct FigureRequest {
  std::string file;    ///< the results file
  std::string folder;  ///< where the figures go
  double target = 0.9;
  std::string metric = "r2";
  bool paper = false;
};

/// Checks the request against `results` (the file, read): some cell succeeded and has `metric`,
/// else spexbench::Error naming the metrics there are. Then runs the script; throws when it fails.
void draw_figures(const FigureRequest& request, const ResultsFile& results);

}  // namespace spexbench::cli
