#!/usr/bin/env Rscript
# Reference values of the difference-in-differences (issue 17, item 1), from
# R's survey package (Lumley), on the committed fixture:
#
#   Rscript test/analytics/reference/did.R > test/analytics/fixtures/expected-did.json
#   npx prettier --write test/analytics/fixtures/expected-did.json
#
# For each construct and each pair of waves (earlier, later in the order of
# first submission), the rows of the two waves with a score are the data of
#   svyglm(score ~ treated * later, design = svydesign(ids = ~authority, weights = ~weight))
# and the treated:later coefficient, its SE, df.residual and the two-sided p
# from t on those df are written out with 17 significant digits.
suppressPackageStartupMessages(library(survey))
here <- function(...) file.path(dirname(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE))), ...)
responses <- read.csv(here("..", "fixtures", "did-responses.csv"), stringsAsFactors = FALSE)
groups <- read.csv(here("..", "fixtures", "did-comparison.csv"), stringsAsFactors = FALSE)
responses$treated <- as.integer(groups$group[match(responses$authority, groups$authority)] == "treated")
first <- tapply(as.POSIXct(responses$submitted_at, format = "%Y-%m-%dT%H:%M:%OS", tz = "UTC"), responses$wave, min)
order_ <- names(sort(first))
constructs <- sub("^score_", "", grep("^score_", names(responses), value = TRUE))
out <- list()
for (construct in constructs) {
  for (i in seq_along(order_)) for (j in seq_along(order_)) if (i < j) {
    d <- responses[responses$wave %in% order_[c(i, j)], ]
    d$score <- d[[paste0("score_", construct)]]
    d <- d[!is.na(d$score), ]
    d$later <- as.integer(d$wave == order_[j])
    design <- svydesign(ids = ~authority, weights = ~weight, data = d)
    fit <- svyglm(score ~ treated * later, design = design)
    s <- summary(fit)$coefficients["treated:later", ]
    out[[length(out) + 1]] <- sprintf(
      '{"construct": "%s", "from_wave": "%s", "to_wave": "%s", "estimate": %s, "se": %s, "df": %d, "t": %s, "p": %s}',
      construct, order_[i], order_[j], format(s[["Estimate"]], digits = 17), format(s[["Std. Error"]], digits = 17),
      as.integer(fit$df.residual), format(s[["t value"]], digits = 17), format(s[["Pr(>|t|)"]], digits = 17))
  }
}
cat("{\n  \"R\": \"", R.version.string, "\",\n  \"survey\": \"", as.character(packageVersion("survey")), "\",\n  \"did\": [\n    ",
    paste(out, collapse = ",\n    "), "\n  ]\n}\n", sep = "")
