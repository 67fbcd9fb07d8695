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
suppressPackageStartupMessages(library(survey))
options(survey.lonely.psu = "adjust")
here <- function(...) file.path(dirname(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE))), ...)
responses <- read.csv(here("..", "fixtures", "program-pooling-responses.csv"),
                      stringsAsFactors = FALSE, colClasses = c(period = "character"))
responses$weight <- 1
treated <- responses[responses$status == "treated", ]
out <- list()
for (period in c("baseline", "2023", "2025")) {
  d <- treated[treated$period == period, ]
  sizes <- table(d$authority)
  d <- d[d$authority %in% names(sizes)[sizes >= 10], ]
  d$y <- d$score
  for (weighting in c("equal", "population")) {
    ids <- unique(d$authority)
    raw <- if (weighting == "equal") rep(1, length(ids)) else d$population[match(ids, d$authority)]
    pi <- raw / sum(raw)
    W <- tapply(d$weight, d$authority, sum)
    d$pw <- pi[match(d$authority, ids)] * d$weight / W[d$authority]
    design <- svydesign(ids = ~authority, strata = ~group, weights = ~pw, data = d)
    m <- svymean(~y, design)
    df <- degf(design)
    ci <- coef(m)[[1]] + c(-1, 1) * qt(0.975, df) * as.vector(SE(m))
    effective <- sum(d$pw)^2 / sum(d$pw^2)
    out[[length(out) + 1]] <- sprintf(
      '{"period": "%s", "weighting": "%s", "authorities": %d, "n": %d, "mean": %s, "se": %s, "df": %d, "ci_low": %s, "ci_high": %s, "effective_n": %s}',
      period, weighting, length(ids), nrow(d), format(coef(m)[[1]], digits = 17),
      format(SE(m)[[1]], digits = 17), as.integer(df), format(ci[1], digits = 17),
      format(ci[2], digits = 17), format(effective, digits = 17))
  }
}
cat("{\n  \"R\": \"", R.version.string, "\",\n  \"survey\": \"", as.character(packageVersion("survey")), "\",\n  \"pooled\": [\n    ",
    paste(out, collapse = ",\n    "), "\n  ]\n}\n", sep = "")
