#!/usr/bin/env Rscript
# Reference values of program pooling (issue 17, item 5), from R's survey
# package, on the DiD fixture's baseline wave with the authorities' population
# group and size (fixtures/pooling-authorities.csv):
#
#   Rscript test/analytics/reference/pooling.R > test/analytics/fixtures/expected-pooling.json
#   npx prettier --write test/analytics/fixtures/expected-pooling.json
#
# Each authority gets a share pi (1/A, or population / total), spread over its
# respondents in proportion to their weights; the pooled mean is
#   svymean(~y, svydesign(ids = ~authority, strata = ~group, weights = ~pw))
# with a lonely authority in a stratum handled as survey.lonely.psu = "adjust".
suppressPackageStartupMessages(library(survey))
options(survey.lonely.psu = "adjust")
here <- function(...) file.path(dirname(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE))), ...)
responses <- read.csv(here("..", "fixtures", "did-responses.csv"), stringsAsFactors = FALSE)
authorities <- read.csv(here("..", "fixtures", "pooling-authorities.csv"), stringsAsFactors = FALSE)
out <- list()
for (construct in c("sense_of_community", "safety")) for (wave in c("w2022-baseline", "w2025-followup")) {
  d <- responses[responses$wave == wave, ]
  d$y <- d[[paste0("score_", construct)]]
  d <- d[!is.na(d$y), ]
  a <- authorities[match(d$authority, authorities$authority), ]
  d$group <- a$group
  d$population <- a$population
  for (weighting in c("equal", "population")) {
    ids <- unique(d$authority)
    raw <- if (weighting == "equal") rep(1, length(ids)) else authorities$population[match(ids, authorities$authority)]
    pi <- raw / sum(raw)
    W <- tapply(d$weight, d$authority, sum)
    d$pw <- pi[match(d$authority, ids)] * d$weight / W[d$authority]
    design <- svydesign(ids = ~authority, strata = ~group, weights = ~pw, data = d)
    m <- svymean(~y, design)
    df <- degf(design)
    ci <- coef(m)[[1]] + c(-1, 1) * qt(0.975, df) * as.vector(SE(m))
    out[[length(out) + 1]] <- sprintf(
      '{"construct": "%s", "wave": "%s", "weighting": "%s", "mean": %s, "se": %s, "df": %d, "ci_low": %s, "ci_high": %s}',
      construct, wave, weighting, format(coef(m)[[1]], digits = 17), format(SE(m)[[1]], digits = 17), as.integer(df),
      format(ci[1], digits = 17), format(ci[2], digits = 17))
  }
}
cat("{\n  \"R\": \"", R.version.string, "\",\n  \"survey\": \"", as.character(packageVersion("survey")), "\",\n  \"pooled\": [\n    ",
    paste(out, collapse = ",\n    "), "\n  ]\n}\n", sep = "")
