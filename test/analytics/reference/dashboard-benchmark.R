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
suppressPackageStartupMessages(library(survey))
options(survey.lonely.psu = "adjust")
here <- function(...) file.path(dirname(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE))), ...)
responses <- read.csv(here("..", "fixtures", "program-pooling-responses.csv"),
                      stringsAsFactors = FALSE, colClasses = c(period = "character"))
responses$weight <- 1
own <- "j1"
others <- responses[responses$status == "treated" & responses$authority != own, ]
out <- list()
for (period in c("baseline", "2023", "2025")) {
  d <- others[others$period == period, ]
  sizes <- table(d$authority)
  d <- d[d$authority %in% names(sizes)[sizes >= 10], ]
  d$y <- d$score
  ids <- unique(d$authority)
  pi <- rep(1, length(ids)) / length(ids)
  W <- tapply(d$weight, d$authority, sum)
  d$pw <- pi[match(d$authority, ids)] * d$weight / W[d$authority]
  design <- svydesign(ids = ~authority, strata = ~group, weights = ~pw, data = d)
  m <- svymean(~y, design)
  df <- degf(design)
  ci <- coef(m)[[1]] + c(-1, 1) * qt(0.975, df) * as.vector(SE(m))
  effective <- sum(d$pw)^2 / sum(d$pw^2)
  out[[length(out) + 1]] <- sprintf(
    '{"own": "%s", "period": "%s", "authorities": %d, "n": %d, "mean": %s, "se": %s, "df": %d, "ci_low": %s, "ci_high": %s, "effective_n": %s}',
    own, period, length(ids), nrow(d), format(coef(m)[[1]], digits = 17),
    format(SE(m)[[1]], digits = 17), as.integer(df), format(ci[1], digits = 17),
    format(ci[2], digits = 17), format(effective, digits = 17))
}
cat("{\n  \"R\": \"", R.version.string, "\",\n  \"survey\": \"", as.character(packageVersion("survey")), "\",\n  \"benchmark\": [\n    ",
    paste(out, collapse = ",\n    "), "\n  ]\n}\n", sep = "")
