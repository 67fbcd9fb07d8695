#!/usr/bin/env Rscript
# Reference values of the program page's pooled figures (issue 17, item 5),
# from R's survey package, on fixtures/program-pooling-responses.csv: one row
# per respondent (authority, population group, population, treated or
# comparison, period, the day the wave opened, sense-of-community score):
#
#   Rscript test/analytics/reference/program-pooling.R > test/analytics/fixtures/expected-program-pooling.json
#   npx prettier --write test/analytics/fixtures/expected-program-pooling.json
#
# As on the program page: comparison localities are left out, and so is an
# authority's cell of a period with fewer than 10 respondents (the minimum
# cell). Each remaining authority gets a share pi (1/A, or population / total),
# spread over its respondents in proportion to their weights (all 1 here); the
# pooled mean is
#   svymean(~y, svydesign(ids = ~authority, strata = ~group, weights = ~pw))
# with a lonely authority in a stratum handled as survey.lonely.psu = "adjust",
# df = degf(design) (authorities - strata) and the interval from t on those df.
here <- function(...) file.path(dirname(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE))), ...)
source(here("pooled-estimate.R"))
responses <- read.csv(here("..", "fixtures", "program-pooling-responses.csv"),
                      stringsAsFactors = FALSE, colClasses = c(period = "character"))
responses$weight <- 1
treated <- responses[responses$status == "treated", ]
out <- list()
for (period in c("baseline", "2023", "2025")) {
  d <- cells_of_ten(treated[treated$period == period, ])
  d$y <- d$score
  for (weighting in c("equal", "population")) {
    fields <- pooled_fields(pooled_design(d, weighting), ~y)
    out[[length(out) + 1]] <- sprintf('{"period": "%s", "weighting": "%s", %s}', period, weighting, fields)
  }
}
print_fixture("pooled", out)
