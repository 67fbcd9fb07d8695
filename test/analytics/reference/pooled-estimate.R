# The program's pooled estimator, sourced by the reference scripts that pool
# authorities (program-pooling.R, program-share-pooling.R, dashboard-benchmark.R):
# each authority gets a share pi (1/A, or population / total) spread over its
# respondents in proportion to their weights, and the pooled figure is
#   svymean(formula, svydesign(ids = ~authority, strata = ~group, weights = ~pw))
# with df = degf(design) and the interval from t on those df.
suppressPackageStartupMessages(library(survey))
options(survey.lonely.psu = "adjust")

# An authority's cell of a period with fewer than 10 respondents (the minimum cell) is left out.
cells_of_ten <- function(d) {
  sizes <- table(d$authority)
  d[d$authority %in% names(sizes)[sizes >= 10], ]
}

# The design of `d` pooled by authority, each weighing "equal" or by "population".
pooled_design <- function(d, weighting = "equal") {
  ids <- unique(d$authority)
  raw <- if (weighting == "equal") rep(1, length(ids)) else d$population[match(ids, d$authority)]
  pi <- raw / sum(raw)
  W <- tapply(d$weight, d$authority, sum)
  d$pw <- pi[match(d$authority, ids)] * d$weight / W[d$authority]
  svydesign(ids = ~authority, strata = ~group, weights = ~pw, data = d)
}

# The pooled estimate of `formula` as the JSON fields the fixtures share, the
# estimate named `estimate` ("mean", or "share" for a 0/1 indicator).
pooled_fields <- function(design, formula, estimate = "mean") {
  d <- design$variables
  m <- svymean(formula, design)
  df <- degf(design)
  ci <- coef(m)[[1]] + c(-1, 1) * qt(0.975, df) * as.vector(SE(m))
  effective <- sum(d$pw)^2 / sum(d$pw^2)
  sprintf(
    '"authorities": %d, "n": %d, "%s": %s, "se": %s, "df": %d, "ci_low": %s, "ci_high": %s, "effective_n": %s',
    length(unique(d$authority)), nrow(d), estimate, format(coef(m)[[1]], digits = 17),
    format(SE(m)[[1]], digits = 17), as.integer(df), format(ci[1], digits = 17),
    format(ci[2], digits = 17), format(effective, digits = 17))
}

# Prints the fixture: R's and the survey package's versions, and the entries under `name`.
print_fixture <- function(name, entries) {
  cat("{\n  \"R\": \"", R.version.string, "\",\n  \"survey\": \"", as.character(packageVersion("survey")),
      "\",\n  \"", name, "\": [\n    ", paste(entries, collapse = ",\n    "), "\n  ]\n}\n", sep = "")
}
