#!/usr/bin/env Rscript
# Reference shares of a frequency item's answer categories (issue 17, item 4:
# frequency items reported as distributions, not means), from R's survey package:
#
#   Rscript test/analytics/reference/distribution.R
#   npx prettier --write test/analytics/fixtures/expected-distribution.json
#
# writes test/analytics/fixtures/distribution-sample.csv (weighted answers to a
# 5-category frequency item, "dk" for don't know, made here with a fixed seed)
# and test/analytics/fixtures/expected-distribution.json: per category
# svymean(~factor(value), svydesign(ids = ~1, weights = ~weight), na.rm = TRUE)
# (the share and its linearisation SE) and svyciprop(method = "logit") (R's
# default interval of a proportion, on t with degf(design) = n - 1 df).
# A category nobody chose (5 here) has share 0 and no interval.
suppressPackageStartupMessages(library(survey))
here <- function(...) file.path(dirname(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE))), ...)

set.seed(20261205, kind = "Mersenne-Twister", normal.kind = "Inversion", sample.kind = "Rejection")
n <- 160
value <- as.character(sample(1:4, n, replace = TRUE, prob = c(0.55, 0.25, 0.12, 0.08)))
value[sample(seq_len(n), 9)] <- "dk"
weight <- round(exp(rnorm(n, 0, 0.45)), 4)
d <- data.frame(id = seq_len(n), value = value, weight = weight, stringsAsFactors = FALSE)
write.csv(d, here("..", "fixtures", "distribution-sample.csv"), row.names = FALSE, quote = FALSE)

valid <- d[d$value != "dk", ]
valid$value <- factor(valid$value, levels = as.character(1:5))
des <- svydesign(ids = ~1, weights = ~weight, data = valid)
m <- svymean(~value, des)
num <- function(x) if (is.na(x)) "null" else sprintf("%.17g", x)
rows <- sapply(1:5, function(k) {
  p <- unname(coef(m)[k])
  se <- unname(SE(m)[k])
  ci <- c(NA, NA)
  if (p > 0 && p < 1) {
    valid$z <- as.numeric(valid$value == as.character(k))
    dz <- svydesign(ids = ~1, weights = ~weight, data = valid)
    ci <- unname(attr(svyciprop(~z, dz, method = "logit", df = degf(dz)), "ci"))
  }
  sprintf('{"value": %d, "share": %s, "se": %s, "ciLow": %s, "ciHigh": %s}',
          k, num(p), num(se), num(ci[1]), num(ci[2]))
})
json <- paste0(
  "{\n",
  "  \"n\": ", nrow(valid), ",\n",
  "  \"effectiveN\": ", num(sum(valid$weight)^2 / sum(valid$weight^2)), ",\n",
  "  \"categories\": [", paste(rows, collapse = ", "), "]\n",
  "}\n"
)
cat(json, file = here("..", "fixtures", "expected-distribution.json"))
