#!/usr/bin/env Rscript
# Reference values of the program page's pooled figure of a frequency
# construct (issue 17, item 4), from R's survey package, on
# fixtures/program-pooling-responses.csv read as answers to the frequency
# items of the core instrument (every item's code is the file's score column):
# volunteering (volunteer5, 1-5) and involvement (frequency5, 1-5, three items
# answered alike, so the construct score is the code):
#
#   Rscript test/analytics/reference/program-share-pooling.R > test/analytics/fixtures/expected-program-share-pooling.json
#   npx prettier --write test/analytics/fixtures/expected-program-share-pooling.json
#
# As program-pooling.R, with the favourable indicator in place of the score:
# z = 1 when the code is at the scale's favourable threshold or above
# ("any volunteering", 2 and up; involvement "often" or more, 4 and up), 0
# otherwise. The pooled share is
#   svymean(~z, svydesign(ids = ~authority, strata = ~group, weights = ~pw))
# over the treated authorities whose cell of the period has at least 10
# respondents, pw = pi * w / W, a lonely authority in a stratum handled as
# survey.lonely.psu = "adjust", df = degf(design), the interval from t.
here <- function(...) file.path(dirname(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE))), ...)
source(here("pooled-estimate.R"))
responses <- read.csv(here("..", "fixtures", "program-pooling-responses.csv"),
                      stringsAsFactors = FALSE, colClasses = c(period = "character"))
responses$weight <- 1
treated <- responses[responses$status == "treated", ]
out <- list()
thresholds <- c(volunteering = 2, involvement = 4)
for (construct in names(thresholds)) for (period in c("baseline", "2023", "2025")) {
  d <- cells_of_ten(treated[treated$period == period, ])
  d$z <- as.numeric(d$score >= thresholds[[construct]])
  for (weighting in c("equal", "population")) {
    design <- pooled_design(d, weighting)
    out[[length(out) + 1]] <- sprintf(
      '{"construct": "%s", "period": "%s", "weighting": "%s", %s, "mean_of_codes": %s}',
      construct, period, weighting, pooled_fields(design, ~z, "share"),
      format(coef(svymean(~score, design))[[1]], digits = 17))
  }
}
print_fixture("pooled", out)
