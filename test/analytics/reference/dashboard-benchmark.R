#!/usr/bin/env Rscript
# Reference values of the benchmark beside each wave of one authority's
# dashboard (issue 17, item 5), from R's survey package, on the program
# page's fixture (fixtures/program-pooling-responses.csv), seen from town j1:
#
#   Rscript test/analytics/reference/dashboard-benchmark.R > test/analytics/fixtures/expected-dashboard-benchmark.json
#   npx prettier --write test/analytics/fixtures/expected-dashboard-benchmark.json
#
# As program-pooling.R, with j1 itself left out: comparison localities and
# cells of a period with fewer than 10 respondents are dropped, each other
# treated authority counts equally (pi = 1/A), and the pooled mean is
#   svymean(~y, svydesign(ids = ~authority, strata = ~group, weights = ~pw))
# with survey.lonely.psu = "adjust", df = degf(design), interval from t.
here <- function(...) file.path(dirname(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE))), ...)
source(here("pooled-estimate.R"))
responses <- read.csv(here("..", "fixtures", "program-pooling-responses.csv"),
                      stringsAsFactors = FALSE, colClasses = c(period = "character"))
responses$weight <- 1
own <- "j1"
others <- responses[responses$status == "treated" & responses$authority != own, ]
out <- list()
for (period in c("baseline", "2023", "2025")) {
  d <- cells_of_ten(others[others$period == period, ])
  d$y <- d$score
  fields <- pooled_fields(pooled_design(d), ~y)
  out[[length(out) + 1]] <- sprintf('{"own": "%s", "period": "%s", %s}', own, period, fields)
}
print_fixture("benchmark", out)
